// Job pages (imports, exports): poll the job's progress document, move the bar,
// and reload the page once the job has stopped running.
(function () {
  "use strict";
  var bar = document.querySelector("[data-progress-url]");
  if (!bar) {
    return;
  }
  var inner = bar.querySelector(".progress-bar");

  function show(percent) {
    bar.setAttribute("aria-valuenow", String(percent));
    inner.style.width = percent + "%";
    inner.textContent = percent + "%";
  }

  function poll() {
    fetch(bar.dataset.progressUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          show(data.progress);
          if (!data.running) {
            window.location.reload();
            return;
          }
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }

  window.setTimeout(poll, 500);
})();
