// The one script of the pages: counts each deadline down every second. Without it the page still
// shows the time left as of loading, and the deadline itself in <time datetime>.
(function () {
  function text(ms, overdue) {
    var abs = Math.abs(ms), m = Math.floor(abs / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), s = Math.floor((abs % 60000) / 1000);
    var t = (d ? d + ' d ' : '') + (d || h ? h + ' h ' : '') + (m % 60) + ' min ' + s + ' s';
    return ms < 0 ? t + ' ' + overdue : t;
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('.countdown[data-due]').forEach(function (el) {
      el.textContent = text(Date.parse(el.getAttribute('data-due')) - now, el.getAttribute('data-overdue'));
    });
  }
  document.addEventListener('DOMContentLoaded', function () { tick(); setInterval(tick, 1000); });
})();
