// The policy page is cached for every reader, so its form comes without the reader's own
// security tokens. They are fetched once the reader starts on the form (or at the latest when
// it is sent). Without this script, the server sends the form back with its tokens and the
// reader's text, to be sent again (policy_pages/views.py, submit).
(function () {
  "use strict";

  function hidden(form, name) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.insertBefore(input, form.firstChild);
    }
    return input;
  }

  function ready(form) {
    return hidden(form, "token").value && hidden(form, "csrfmiddlewaretoken").value;
  }

  // A unit's "Góp ý điều này" link may come as ?don-vi=<unit>#gop-y: the cached page cannot
  // choose it on the server, so it is chosen here (the links the portal makes go to the form's
  // own page, which chooses it without this script).
  function chooseUnit(form) {
    var wanted = new URLSearchParams(window.location.search).get("don-vi");
    var select = form.querySelector('select[name="unit"]');
    if (!wanted || !select) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === wanted) {
        select.selectedIndex = i;
        return;
      }
    }
  }

  document.querySelectorAll("form[data-tokens]").forEach(function (form) {
    var pending = null;
    chooseUnit(form);

    function load() {
      if (!pending) {
        pending = fetch(form.getAttribute("data-tokens"), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (tokens) {
            hidden(form, "csrfmiddlewaretoken").value = tokens.csrfmiddlewaretoken;
            hidden(form, "token").value = tokens.token;
          })
          .catch(function () {
            pending = null; // try again on the next attempt; the server's fallback remains
          });
      }
      return pending;
    }

    if (!ready(form)) form.addEventListener("focusin", load, { once: true });
    form.addEventListener("submit", function (event) {
      if (ready(form)) return;
      event.preventDefault();
      load().then(function () {
        form.submit();
      });
    });
  });
})();
