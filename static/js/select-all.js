// "Select all on this page" for bulk forms (no inline scripts: CSP):
// <input type="checkbox" data-select-all="items"> toggles every input[name=items].
document.querySelectorAll("input[data-select-all]").forEach(function (all) {
  all.addEventListener("change", function () {
    document.querySelectorAll('input[name="' + all.dataset.selectAll + '"]').forEach(function (box) {
      box.checked = all.checked;
    });
  });
});
