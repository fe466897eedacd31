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
  // Keyboard: j/n next conflict, k/p previous, Enter opens, Esc closes, ? help.
  var current = -1;
  function conflictLinks() { return Array.prototype.slice.call(document.querySelectorAll(".conflicts a.conflict-link")); }
  function move(step) {
    var links = conflictLinks();
    if (!links.length) return;
    current = (current + step + links.length) % links.length;
    links.forEach(function (el, i) { el.parentElement.classList.toggle("current", i === current); });
    links[current].focus();
    var first = document.querySelector('a.hl[data-d="' + links[current].dataset.d + '"]');
    if (first) first.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
  function closePanel() {
    var panel = document.getElementById("panel");
    if (!panel) return;
    panel.innerHTML = '<p class="muted">Select a highlighted value or a conflict to see every version.</p>';
    history.replaceState(null, "", location.pathname);
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-close-panel]")) {
      event.preventDefault();
      closePanel();
    }
  });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.ctrlKey || event.metaKey || event.altKey) return;
    var help = document.getElementById("help");
    if (event.key === "?") { if (help) help.hidden = !help.hidden; event.preventDefault(); }
    else if (event.key === "Escape") { if (help && !help.hidden) help.hidden = true; else closePanel(); }
    else if (event.key === "j" || event.key === "n") { move(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { move(-1); event.preventDefault(); }
  });

  // Optional synchronised scrolling of the columns, by proportion of each.
  var syncing = false;
  document.addEventListener("scroll", function (event) {
    var box = document.getElementById("sync-scroll");
    var source = event.target;
    if (!box || !box.checked || syncing || !source.classList || !source.classList.contains("column")) return;
    var ratio = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    syncing = true;
    document.querySelectorAll(".column").forEach(function (col) {
      if (col !== source) col.scrollTop = ratio * (col.scrollHeight - col.clientHeight);
    });
    requestAnimationFrame(function () { syncing = false; });
  }, true);
})();
