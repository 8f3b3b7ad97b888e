/* The case library's filter: hides the rows that do not match the chosen year, level, category and unit.
   Runs in the page only; loads nothing. */
(function () {
  function setup() {
    var box = document.getElementById("pb-case-filter");
    var table = document.getElementById("pb-cases");
    if (!box || !table || box.dataset.ready) return;
    box.dataset.ready = "1";
    var selects = box.querySelectorAll("select[data-filter]");
    var rows = table.tBodies[0].rows;
    var count = box.querySelector(".pb-filter-count");
    function apply() {
      var want = {};
      selects.forEach(function (s) { if (s.value) want[s.dataset.filter] = s.value; });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], ok = true;
        for (var key in want) { if (row.dataset[key] !== want[key]) { ok = false; break; } }
        row.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = "显示 " + shown + " / " + rows.length + " 个";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    apply();
  }
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
