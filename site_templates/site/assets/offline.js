/* Offline: register the site's service worker (sw.js at the site's root), so that a phone that opened the
   intranet site once opens the home page, the plan pages, the response pages and the rosters again with no
   network.  Browsers allow service workers only over https and on localhost; over plain http on an intranet
   address (and from disk) this does nothing, and the site works as before. */
(function () {
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
  var me = document.currentScript && document.currentScript.src;
  if (!me) return;
  var url = new URL("../sw.js", me);
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url.href, { scope: new URL("./", url).pathname }).catch(function () {});
  });
})();
