/* Chinese search queries: the last word of a Chinese query must not lose its last character.
   The search index is segmented with jieba at build time.  Material's search worker cuts the
   Chinese in a query into the words of the index, but never tries a word that ends at the end
   of a run of Chinese characters (Material 9.x: a query 新闻 is searched as 新*, 发言人 as 发*).
   Repeating the last character of each run gives that loop the one character it skips, so the
   whole query is cut into index words.  Loads nothing; changes only the messages to the worker. */
(function () {
  if (typeof Worker === "undefined" || Worker.prototype.__pbSearchZh) return;
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var post = Worker.prototype.postMessage;
  Worker.prototype.__pbSearchZh = true;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && typeof message.data === "string") {  // 2: a search query
      var data = message.data.replace(HAN, function (run) { return run + run.charAt(run.length - 1); });
      var args = Array.prototype.slice.call(arguments);
      args[0] = Object.assign({}, message, { data: data });
      return post.apply(this, args);
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
