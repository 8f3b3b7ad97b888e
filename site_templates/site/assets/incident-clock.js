/* The incident clock of a response page (respond/PLAN/LEVEL.html).
   The person on duty sets 发现时间 (now, with one tap, or typed); every deadline of the level then shows when
   it is due, in the office's timezone, with a countdown; deadlines and steps can be ticked; "复制进展" copies a
   short plain-text summary.  The state stays in this browser (localStorage, one incident per level page) and
   needs no server and no network.

   The due-time arithmetic is generator/compliance.py's due_time, line by line, so the page and the case
   reports agree (tests/test_respond.py compares them): times are the office's wall clock; minutes, hours and
   days are added as they are; working days skip weekends and the office's holidays and count its make-up
   working days (调休), a clock started on a day off starting at the next working day's midnight; a time of
   day (17:00) is due that day, or the next when the clock started after it. */
(function () {
  "use strict";
  var MINUTE = 60000, DAY = 86400000;

  // --- wall-clock arithmetic: a time is the office's wall clock read as UTC milliseconds --------------
  function parse(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0)) : null;
  }
  function iso(t) { return new Date(t).toISOString().slice(0, 16); }  // YYYY-MM-DDTHH:MM
  function dayOf(t) { return new Date(t).toISOString().slice(0, 10); }
  function midnight(t) { return t - (((t % DAY) + DAY) % DAY); }

  function Calendar(holidays, workdays) {
    var off = {}, on = {};
    (holidays || []).forEach(function (d) { off[d] = true; });
    (workdays || []).forEach(function (d) { on[d] = true; });
    this.isWorkingDay = function (t) {
      var d = dayOf(t), wd = new Date(t).getUTCDay();
      if (on[d]) return true;
      return wd !== 0 && wd !== 6 && !off[d];
    };
  }
  Calendar.prototype.addWorkingDays = function (start, days) {
    var t = start, i;
    while (!this.isWorkingDay(t)) t = midnight(t + DAY);
    var whole = Math.trunc(days), part = days - whole;
    for (i = 0; i < whole; i++) {
      t += DAY;
      while (!this.isWorkingDay(t)) t += DAY;
    }
    return t + part * DAY;
  };

  function due(start, unit, amount, calendar) {
    if (unit === "minutes") return start + amount * MINUTE;
    if (unit === "hours") return start + amount * 60 * MINUTE;
    if (unit === "days") return start + amount * DAY;
    if (unit === "working_days") return calendar.addWorkingDays(start, amount);
    var minutes = Math.trunc(amount);  // time_of_day: minutes after midnight
    var at = midnight(start) + Math.floor(minutes / 60) * 60 * MINUTE + (minutes % 60) * MINUTE;
    return at >= start ? at : at + DAY;
  }

  // the office's wall clock now (the reader's own clock when the browser does not know the timezone)
  function now(timezone) {
    var d = new Date();
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
        .formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
      return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
    } catch (e) {
      return d.getTime() - d.getTimezoneOffset() * MINUTE;
    }
  }

  function span(ms) {
    var m = Math.max(0, Math.round(ms / MINUTE)), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60);
    return (d ? d + "天" : "") + (h ? h + "小时" : "") + ((m % 60) || (!d && !h) ? (m % 60) + "分" : "");
  }
  function clock(t, from) {  // 14:05, or 11-30 14:05 on another day
    var s = iso(t);
    return (dayOf(t) === dayOf(from) ? "" : s.slice(5, 10) + " ") + s.slice(11, 16);
  }

  window.PlanbookClock = {
    // due("2025-10-01T09:00", "working_days", 2, ["2025-10-01"], []) -> "2025-10-09T09:00"
    due: function (start, unit, amount, holidays, workdays) {
      return iso(due(parse(start), unit, amount, new Calendar(holidays, workdays)));
    }
  };

  // --- the page ------------------------------------------------------------------------------------
  var source = document.getElementById("pb-clock-data");
  var root = document.getElementById("pb-respond");
  if (!source || !root) return;
  var data = JSON.parse(source.textContent);
  var calendar = new Calendar(data.holidays, data.workdays);
  var key = "planbook-clock:" + data.plan + ":" + data.level;
  var state;
  try { state = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { state = null; }
  if (!state || typeof state !== "object") state = {};
  state.done = state.done || {}; state.steps = state.steps || {}; state.triggers = state.triggers || {};

  function save() { try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  function $(id) { return document.getElementById(id); }
  var found = $("pb-found"), tools = $("pb-clock-tools");
  $("pb-clock").hidden = false;

  // when a deadline's clock started: 发现时间, or when its trigger event was done (ticked or recorded)
  function started(d) {
    if (d.trigger === "discovered") return parse(state.found);
    if (state.triggers[d.trigger]) return parse(state.triggers[d.trigger]);
    for (var i = 0; i < data.deadlines.length; i++) {
      var o = data.deadlines[i];
      if (o.event === d.trigger && state.done[o.id]) return parse(state.done[o.id]);
    }
    return null;
  }
  function dueOf(d) {
    var s = started(d);
    return s === null ? null : due(s, d.unit, d.amount, calendar);
  }

  function render() {
    var t = now(data.timezone);
    found.value = state.found || "";
    tools.hidden = !state.found;
    data.deadlines.forEach(function (d) {
      var cell = root.querySelector('[data-at="' + d.id + '"]');
      var row = cell.closest("li");
      var box = root.querySelector('[data-done="' + d.id + '"]');
      box.checked = !!state.done[d.id];
      var at = dueOf(d);
      row.classList.remove("pb-due-late", "pb-due-soon", "pb-due-done");
      cell.textContent = "";
      if (state.done[d.id]) {
        row.classList.add("pb-due-done");
        cell.textContent = "已完成 " + clock(parse(state.done[d.id]), t);
      } else if (at !== null) {
        var left = at - t;
        cell.textContent = "应于 " + clock(at, t) + (left >= 0 ? "（还剩" + span(left) + "）" : "（已超时" + span(-left) + "）");
        cell.setAttribute("data-due", iso(at));
        if (left < 0) row.classList.add("pb-due-late"); else if (left <= 15 * MINUTE) row.classList.add("pb-due-soon");
      } else if (d.trigger !== "discovered" && state.found) {
        var b = document.createElement("button");
        b.type = "button"; b.className = "pb-trigger"; b.textContent = "记下" + d.trigger_label + "时间";
        b.addEventListener("click", function () { state.triggers[d.trigger] = iso(now(data.timezone)); save(); render(); });
        cell.appendChild(b);
      }
    });
    root.querySelectorAll("[data-step]").forEach(function (box) { box.checked = !!state.steps[box.getAttribute("data-step")]; });
  }

  function summary() {
    var t = now(data.timezone), done = [], next = [];
    var title = (document.querySelector(".pb-respond-plan a") || {}).textContent || "";
    var level = (document.querySelector(".pb-level-chip") || {}).textContent || data.level;
    data.deadlines.forEach(function (d) {
      if (state.done[d.id]) { done.push(d.name + "（" + clock(parse(state.done[d.id]), t) + "）"); return; }
      var at = dueOf(d);
      if (at !== null) next.push({ at: at, text: d.name + " 应于 " + clock(at, t) + (at < t ? "（已超时）" : "") });
    });
    next.sort(function (a, b) { return a.at - b.at; });
    root.querySelectorAll("[data-step]").forEach(function (box) {
      if (box.checked) done.push(box.parentNode.textContent.trim());
    });
    return ["【舆情处置进展】" + level.trim() + "响应 · " + title.trim(),
            "发现时间：" + (state.found || "").replace("T", " "),
            "来源：" + (state.source || "（未填）"),
            "已完成：" + (done.join("；") || "无"),
            "下一项：" + (next.length ? next.map(function (n) { return n.text; }).join("；") : "无")].join("\n");
  }

  $("pb-now").addEventListener("click", function () {
    if (state.found && !confirm("已记下发现时间 " + state.found.replace("T", " ") + "，改为现在？")) return;
    state.found = iso(now(data.timezone)); save(); render();
  });
  found.addEventListener("change", function () { state.found = found.value || ""; save(); render(); });
  root.addEventListener("change", function (e) {
    var el = e.target, id = el.getAttribute("data-done"), step = el.getAttribute("data-step");
    if (id) { if (el.checked) state.done[id] = iso(now(data.timezone)); else delete state.done[id]; }
    else if (step) { state.steps[step] = el.checked; }
    else return;
    save(); render();
  });
  var src = $("pb-source");
  src.value = state.source || "";
  src.addEventListener("input", function () { state.source = src.value; save(); });
  $("pb-copy").addEventListener("click", function () {
    var text = summary(), box = $("pb-summary");
    box.value = text; box.hidden = false;
    function fallback() { box.select(); try { document.execCommand("copy"); } catch (e) { /* shown to copy by hand */ } }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(fallback); else fallback();
  });
  $("pb-reset").addEventListener("click", function () {
    if (!confirm("清除这次事件的记录，开始新的事件？")) return;
    state = { done: {}, steps: {}, triggers: {} }; save(); $("pb-summary").hidden = true; src.value = ""; render();
  });
  render();
  setInterval(render, 15000);
})();
