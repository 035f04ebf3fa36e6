// Live coverage: new updates appear at the top of the list without a reload.
// The page is complete without this script; it only fetches what was posted since it loaded.
(function () {
  "use strict";

  var POLL_MS = 30000;
  var root = document.querySelector("[data-live-updates]");
  if (!root || root.dataset.live !== "true" || !window.fetch) {
    return;
  }
  var list = root.querySelector(".live-updates__list");
  var status = root.querySelector("[data-live-status]");
  var since = root.dataset.since;
  var timer = null;

  function announce(text) {
    status.textContent = text;
  }

  function poll() {
    var url = root.dataset.endpoint + "?since=" + encodeURIComponent(since);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        var empty = list.querySelector(".live-update--empty");
        if (data.updates.length && empty) {
          empty.remove();
        }
        // Newest first from the server: insert the oldest first so order is kept.
        data.updates.slice().reverse().forEach(function (update) {
          if (!document.getElementById("cap-nhat-" + update.id)) {
            list.insertAdjacentHTML("afterbegin", update.html);
          }
        });
        if (data.updates.length) {
          since = data.updates[0].posted_at;
          announce("Có " + data.updates.length + " cập nhật mới.");
        }
        if (!data.live) {
          window.clearInterval(timer);
          announce("Sự kiện đã kết thúc.");
        }
      })
      .catch(function () {
        // Offline for a moment: the next poll tries again.
      });
  }

  timer = window.setInterval(poll, POLL_MS);
  root.addEventListener("live:poll", poll); // lets tests poll at once
})();
