// Small progressive enhancements; every feature works without this file.
(function () {
  // Drag and drop files onto the upload box.
  document.addEventListener("dragover", function (event) {
    var zone = event.target.closest && event.target.closest(".dropzone");
    if (!zone) return;
    event.preventDefault();
    zone.classList.add("over");
  });
  document.addEventListener("dragleave", function (event) {
    var zone = event.target.closest && event.target.closest(".dropzone");
    if (zone) zone.classList.remove("over");
  });
  document.addEventListener("drop", function (event) {
    var zone = event.target.closest && event.target.closest(".dropzone");
    if (!zone) return;
    event.preventDefault();
    zone.classList.remove("over");
    var input = zone.querySelector("input[type=file]");
    input.files = event.dataTransfer.files;
    zone.requestSubmit ? zone.requestSubmit() : zone.submit();
  });
  // Hovering or focusing a highlight lights the same fact in every column.
  function light(event, on) {
    var target = event.target.closest && event.target.closest("[data-d]");
    if (!target) return;
    document.querySelectorAll('a.hl[data-d="' + target.dataset.d + '"]').forEach(function (el) {
      el.classList.toggle("lit", on);
    });
  }
  ["mouseover", "focusin"].forEach(function (name) { document.addEventListener(name, function (e) { light(e, true); }); });
  ["mouseout", "focusout"].forEach(function (name) { document.addEventListener(name, function (e) { light(e, false); }); });
})();
