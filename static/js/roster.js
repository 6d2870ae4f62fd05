// Roster: "select all" for the bulk target-group form (no inline scripts: CSP).
document.getElementById("select-all")?.addEventListener("change", function (event) {
  document.querySelectorAll("input[name=people]").forEach(function (box) {
    box.checked = event.target.checked;
  });
});
