/* The challenge page: keeps the typed answer through a lost connection or a crash, shows the
   time left (the server enforces it), notes when a focused challenge loses the focus, and
   prevents a double submit. The page works without it. */
(function () {
  "use strict";

  // The answer form, once per form: at load, and when a timed question comes in place of its
  // announcement. Gives back where a reader starts (the time left, else the question), or null
  // when there was no new form to set up.
  function setUp() {
    var form = document.getElementById("formulaire-reponse");
    if (!form || form.dataset.ready) { return null; }
    form.dataset.ready = "1";
    var storageKey = form.dataset.storageKey;
    var connectionError = document.querySelector(".connection-error");

    function fields() {
      return Array.prototype.slice.call(form.querySelectorAll("input[name], select[name]"))
        .filter(function (el) { return el.type !== "hidden"; });
    }

    function save() {
      var state = {};
      fields().forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") { state[el.id] = el.checked; }
        else { state[el.id] = el.value; }
      });
      try { sessionStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }

    function restore() {
      var raw = null;
      try { raw = sessionStorage.getItem(storageKey); } catch (e) { return; }
      if (!raw) { return; }
      var state = JSON.parse(raw);
      var typed = fields().some(function (el) {
        return (el.type === "radio" || el.type === "checkbox") ? el.checked : el.value;
      });
      if (typed) { return; }  // what the server sent back wins
      fields().forEach(function (el) {
        if (!(el.id in state)) { return; }
        if (el.type === "radio" || el.type === "checkbox") { el.checked = state[el.id]; }
        else { el.value = state[el.id]; }
      });
    }

    // What was typed for another question is no longer needed once this one is on screen: that
    // answer was taken, or the test moved on. It is kept until then, even after a successful
    // post: the post may have ended on the login page (a session that had expired), and the
    // same question, shown again once signed in, gets back what was typed.
    function forgetOtherQuestions() {
      try {
        for (var i = sessionStorage.length - 1; i >= 0; i--) {
          var key = sessionStorage.key(i);
          if (key && key.indexOf("reponse-") === 0 && key !== storageKey) { sessionStorage.removeItem(key); }
        }
      } catch (e) { /* private mode */ }
    }

    function setBusy(busy) {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = busy; });
      form.setAttribute("aria-busy", busy ? "true" : "false");
    }

    forgetOtherQuestions();
    restore();
    form.addEventListener("input", save);
    form.addEventListener("change", save);

    var native = false;
    function submitNatively(submitter) {
      native = true;
      setBusy(false);
      if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
    }

    form.addEventListener("submit", function (event) {
      if (native || !window.fetch || !window.FormData) { return; }
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") { return; }  // double click
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) { data.append(event.submitter.name, event.submitter.value); }
      setBusy(true);
      connectionError.hidden = true;
      var page = window.location.href.split("#")[0];
      // The redirect is not followed here: the server would render the next question for a
      // response that is thrown away, and the notice it carries (« plus la question en cours »,
      // « temps écoulé ») would be shown there, then lost. The browser goes to the test's page
      // once, itself: the server always sends an answer back to the address posted to.
      fetch(page, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" })
        .then(function (response) {
          if (response.type === "opaqueredirect") {
            window.location.assign(page);
            return;
          }
          // Not a redirect (an answer to correct, an error page): the browser posts the form
          // again itself and shows that page whole, with its styles and fonts.
          submitNatively(event.submitter);
        })
        .catch(function () {
          setBusy(false);
          connectionError.hidden = false;
          connectionError.focus && connectionError.setAttribute("tabindex", "-1");
          connectionError.focus();
        });
    });

    var timer = document.querySelector(".challenge-timer");
    if (timer) {
      var remainingText = timer.querySelector(".challenge-timer__remaining");
      var end = Date.now() + parseFloat(timer.dataset.remaining) * 1000;
      var tick = function () {
        var left = Math.max(0, Math.round((end - Date.now()) / 1000));
        remainingText.textContent = left > 0
          ? (document.documentElement.lang === "en" ? "Time left: " : "Temps restant : ") + left + " s"
          : (document.documentElement.lang === "en" ? "Time is up: submit your answer." : "Temps écoulé : valide ta réponse.");
        if (left > 0) { window.setTimeout(tick, 1000); }
      };
      tick();
    }

    var focusUrl = form.dataset.focusUrl;
    if (focusUrl) {
      var reported = false;
      var report = function () {
        if (reported) { return; }
        reported = true;
        form.querySelector("input[name=focused_out]").value = "1";
        var data = new FormData();
        data.append("challenge", form.querySelector("input[name=challenge]").value);
        data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
        if (navigator.sendBeacon) { navigator.sendBeacon(focusUrl, data); }
        else { fetch(focusUrl, { method: "POST", body: data, credentials: "same-origin" }); }
      };
      window.addEventListener("blur", report);
      document.addEventListener("visibilitychange", function () { if (document.hidden) { report(); } });
    }
    return timer || document.getElementById("consigne");
  }

  setUp();

  // A timed question's « Afficher la question » brings the question in place of its announcement
  // (htmx): the form is set up, and the focus goes to the time left, then the question follows.
  document.addEventListener("htmx:afterSettle", function () {
    var start = setUp();  // null after any other part of the page refreshed itself
    if (start) {
      start.setAttribute("tabindex", "-1");
      start.focus();
    }
  });
  // The request was redirected on its way (the session ended: the login page): the browser goes
  // there itself rather than showing that page inside this one.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig, xhr = event.detail.xhr;
    if (!config || !config.elt || config.elt.name !== "start_timer" || !xhr.responseURL) { return; }
    if (xhr.responseURL !== new URL(config.path, window.location.href).href) {
      event.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
    }
  });
  // No answer from the server, or an error page: the form is posted the usual way, and the
  // browser shows what comes back (or that the connection is lost).
  ["htmx:sendError", "htmx:responseError"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var button = event.detail.elt;
      if (button && button.name === "start_timer" && button.form) {
        button.disabled = false;
        if (button.form.requestSubmit) { button.form.requestSubmit(button); } else { button.form.submit(); }
      }
    });
  });
})();
