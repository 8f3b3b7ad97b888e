/* The search box and Planbook's search worker (assets/search-worker.js, generator/site/search.py).
   The worker sends the pages it shows (the best 20) and how many pages match in all: the count over the
   results says both ("共 350 个符合条件的结果，显示前 20 个"); the first results of a query of several words may
   come before the count (total null: "先显示前 3 个结果，正在查找其余的").  Loads nothing. */
(function () {
  if (typeof Worker === "undefined" || Worker.prototype.__pbSearchZh) return;
  var post = Worker.prototype.postMessage;
  Worker.prototype.__pbSearchZh = true;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 0 && !this.__pbCount) {  // 0: setup, once per worker
      this.__pbCount = true;
      this.addEventListener("message", function (ev) {  // after Material's own listener has written the count
        var data = ev.data && ev.data.type === 3 && ev.data.data;  // 3: results
        var meta = document.querySelector(".md-search-result__meta");
        if (data && meta && data.total === null)  // the first results, sent before the count is known
          meta.textContent = "先显示前 " + data.items.length + " 个结果，正在查找其余的";
        else if (data && meta && data.total > data.items.length)
          meta.textContent = "共 " + data.total + " 个符合条件的结果，显示前 " + data.items.length + " 个";
      });
    }
    return post.apply(this, arguments);
  };
})();
/* Material's search box searches on keyup (and focus) only: a term pasted, or typed with an input method
   (拼音), gives no keyup when it arrives.  Every change of the box's text, once the input method has ended,
   sends the keyup Material listens for (an unchanged text is not searched twice). */
(function () {
  function poke(e) {
    var box = e.target;
    if (!box || !box.classList || !box.classList.contains("md-search__input") || e.isComposing) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("input", poke, true);
  document.addEventListener("compositionend", poke, true);
})();
