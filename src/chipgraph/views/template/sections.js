/* chipgraph text sections: the date-range filter of timeline sections (no network, no HTML
   from data: rows are shown or hidden by their data-date attribute). */
(function () {
  "use strict";
  function keep(date, from, to) {
    if (!date) return !from && !to;
    // a row dated "2019" or "2023-10" is compared at its own precision
    if (from && date < from.slice(0, date.length)) return false;
    if (to && date > to.slice(0, date.length)) return false;
    return true;
  }
  Array.prototype.forEach.call(document.querySelectorAll("section.timeline"), function (sec) {
    var from = sec.querySelector(".t-from"), to = sec.querySelector(".t-to");
    var count = sec.querySelector(".t-count"), clear = sec.querySelector(".t-clear");
    if (!from || !to) return;
    var rows = sec.querySelectorAll("tbody tr");
    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(rows, function (r) {
        var ok = keep(r.getAttribute("data-date") || "", from.value, to.value);
        r.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = (from.value || to.value) ? shown + " of " + rows.length + " shown" : "";
    }
    from.addEventListener("input", apply);
    to.addEventListener("input", apply);
    clear.addEventListener("click", function () { from.value = ""; to.value = ""; apply(); });
  });
  window.chipgraphSections = { ready: true };
  if (document.body.classList.contains("standalone")) document.body.dataset.ready = "1";
})();
