/* 今日值班 on the home page and （今天） in a roster's rota: the shift of the reader's day (in the
   office's time zone), not the build day's.  The page holds every shift as data (data-date,
   data-weekday); a shift for the date wins over the one for the weekday.  Runs in the page only;
   loads nothing. */
(function () {
  var WEEKDAYS = "一二三四五六日";
  function today(timeZone) {
    var now = new Date();
    try {  // en-CA writes 2026-11-26
      var parts = new Intl.DateTimeFormat("en-CA", { timeZone: timeZone || undefined, year: "numeric",
        month: "2-digit", day: "2-digit", weekday: "short" }).formatToParts(now);
      var get = function (t) { return parts.filter(function (p) { return p.type === t; })[0].value; };
      var wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(get("weekday")) + 1;
      return { iso: get("year") + "-" + get("month") + "-" + get("day"), weekday: wd };
    } catch (e) {
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      return { iso: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()),
               weekday: now.getDay() || 7 };
    }
  }
  function pick(rows, day) {  // the shift of the day: one for its date first, else one for its weekday
    rows = Array.prototype.slice.call(rows);
    return rows.filter(function (s) { return s.dataset.date === day.iso; })[0] ||
           rows.filter(function (s) { return !s.dataset.date && Number(s.dataset.weekday) === day.weekday; })[0];
  }
  function markRota(day) {  // a roster page: （今天） on the row of the day
    document.querySelectorAll("table[data-pb-rota]").forEach(function (table) {
      var rows = table.tBodies[0].rows;
      var mine = pick(rows, day);
      Array.prototype.forEach.call(rows, function (row) {
        var mark = row.querySelector(".pb-today-mark");
        if (mark) mark.hidden = row !== mine;
      });
    });
  }
  function setup() {
    var box = document.getElementById("pb-duty") || document.querySelector("table[data-pb-rota]");
    if (!box) return;
    var day = today(box.dataset.timezone);
    if (day.weekday < 1) return;
    markRota(day);
    if (box.id !== "pb-duty") return;
    var label = document.getElementById("pb-duty-day");
    if (label) label.textContent = day.iso + " 星期" + WEEKDAYS.charAt(day.weekday - 1);
    box.querySelectorAll("[data-pb-roster]").forEach(function (item) {
      var shifts = item.querySelectorAll(".pb-shift");
      var mine = pick(shifts, day);
      Array.prototype.forEach.call(shifts, function (s) { s.hidden = s !== mine; });
      var none = item.querySelector(".pb-shift-none");
      if (none) none.hidden = !!mine;
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
