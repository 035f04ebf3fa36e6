// Pages that change while readers watch (live coverage, online dialogues): each
// [data-live-updates] section asks its endpoint what changed and inserts, replaces or removes
// items in place. The contract with the page and the endpoint is in core/live.py. The page is
// complete without this script: it shows every item.
(function () {
  "use strict";

  var POLL_MS = 3000; // core.live.POLL_SECONDS

  function LiveSection(root) {
    this.root = root;
    this.list = root.querySelector("[data-live-list]");
    this.status = root.querySelector("[data-live-status]");
    this.empty = root.querySelector("[data-live-empty]");
    this.endpoint = root.dataset.endpoint;
    this.since = root.dataset.since;
    this.newestFirst = root.dataset.order !== "oldest-first";
    // What the live region says, in the page's words ("cập nhật", "câu trả lời"); {n} a count.
    this.addedText = root.dataset.addedText || "Có {n} cập nhật mới.";
    this.endedText = root.dataset.endedText || "Sự kiện đã kết thúc.";
    this.timer = null;
    this.busy = false;
    this.stopped = false;
  }

  LiveSection.prototype.start = function () {
    var self = this;
    this.timer = window.setInterval(function () {
      if (!document.hidden) {
        self.poll();
      }
    }, POLL_MS);
    // Tests (and anything else) may ask at once.
    this.root.addEventListener("live:poll", function () {
      self.poll();
    });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) {
        self.poll(); // back on the tab: catch up now, not at the next tick
      }
    });
  };

  LiveSection.prototype.stop = function () {
    this.stopped = true;
    window.clearInterval(this.timer);
  };

  LiveSection.prototype.poll = function () {
    var self = this;
    if (this.busy || this.stopped) {
      return;
    }
    this.busy = true;
    var url = this.endpoint + "?since=" + encodeURIComponent(this.since);
    // "no-cache": the browser revalidates its copy by ETag, so an unchanged answer is a 304.
    fetch(url, {
      cache: "no-cache",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (response.status === 404 || response.status === 410) {
          self.stop(); // the page is gone (unpublished, deleted): nothing more will come
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          self.apply(data);
        }
      })
      .catch(function () {
        // Offline for a moment: the next poll asks again.
      })
      .then(function () {
        self.busy = false;
      });
  };

  LiveSection.prototype.apply = function (data) {
    var self = this;
    var added = 0;
    (data.updates || []).forEach(function (item) {
      var current = document.getElementById(item.id);
      // The overlap (core.live.OVERLAP) sends again what the page already has, and a slow
      // answer may be older than one applied before it: only a newer stamp changes the page.
      // Stamps share one format (core.live.stamp), so they compare as strings.
      if (current && (current.getAttribute("data-changed") || "") >= item.changed) {
        return;
      }
      if (item.removed) {
        if (current) {
          current.remove();
        }
        return;
      }
      var template = document.createElement("template");
      template.innerHTML = item.html.trim();
      var element = template.content.firstElementChild;
      if (!element) {
        return;
      }
      if (current) {
        current.remove();
      } else {
        added += 1;
      }
      self.place(element);
    });
    if (this.empty) {
      this.empty.hidden = this.list.children.length > 0;
    }
    if (data.since && data.since > this.since) {
      this.since = data.since;
    }
    if (added) {
      this.announce(this.addedText.replace("{n}", String(added)));
    }
    if (data.live === false) {
      this.stop();
      this.announce(this.endedText);
    }
  };

  // Items sorted by data-order-key: descending when the newest come first.
  LiveSection.prototype.place = function (element) {
    var key = element.getAttribute("data-order-key") || "";
    var items = this.list.children;
    for (var i = 0; i < items.length; i += 1) {
      var other = items[i].getAttribute("data-order-key") || "";
      if (this.newestFirst ? key > other : key < other) {
        this.list.insertBefore(element, items[i]);
        return;
      }
    }
    this.list.appendChild(element);
  };

  LiveSection.prototype.announce = function (text) {
    if (this.status) {
      this.status.textContent = text;
    }
  };

  if (!window.fetch) {
    return;
  }
  var sections = document.querySelectorAll("[data-live-updates]");
  for (var i = 0; i < sections.length; i += 1) {
    if (sections[i].dataset.live === "true") {
      new LiveSection(sections[i]).start();
    }
  }
})();
