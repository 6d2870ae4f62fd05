// Long text is never cut silently (issue 19): a browser's maxlength drops what a
// paste brings past the limit, unseen. Every limited field keeps all it is given
// and shows "used/limit" beside it near the limit instead; the server refuses an over-long value
// with a message in the user's language, keeping what was typed.
(function () {
  "use strict";

  function counter(field) {
    var limit = field.maxLength;
    // The server's own verdict ("required", …) stays shown: only add to it.
    var refused = field.classList.contains("is-invalid");
    field.removeAttribute("maxlength");
    field.dataset.maxlength = String(limit);
    var note = document.createElement("div");
    note.className = "form-text text-end";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    function update() {
      var used = field.value.length;
      note.textContent = used + "/" + limit;
      var over = used > limit;
      note.hidden = used < 0.8 * limit; // only near or past the limit
      note.classList.toggle("text-danger", over);
      field.classList.toggle("is-invalid", over || refused);
    }
    field.addEventListener("input", update);
    update();
  }

  function start() {
    var fields = document.querySelectorAll(
      "input[type=text][maxlength], input:not([type])[maxlength], textarea[maxlength]"
    );
    Array.prototype.forEach.call(fields, function (field) {
      if (field.maxLength >= 64) {
        counter(field); // short codes keep the browser's own limit
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
