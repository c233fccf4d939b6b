// Counts each deadline down every second and moves its row into the next colour band as time
// passes (> 24 h, <= 24 h, <= 4 h, overdue: the same limits as the server's), with the band's words.
// Without it the page still shows the time left and the band as of loading, and the deadline itself
// in <time datetime>.
(function () {
  var HOUR = 3600000;
  var BANDS = ['overdue', 'urgent', 'soon', 'ok'];
  function text(ms, overdue) {
    var abs = Math.abs(ms), m = Math.floor(abs / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), s = Math.floor((abs % 60000) / 1000);
    var t = (d ? d + ' d ' : '') + (d || h ? h + ' h ' : '') + (m % 60) + ' min ' + s + ' s';
    return ms < 0 ? t + ' ' + overdue : t;
  }
  function band(ms) {
    return ms < 0 ? 'overdue' : ms <= 4 * HOUR ? 'urgent' : ms <= 24 * HOUR ? 'soon' : 'ok';
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('.countdown[data-due]').forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-due')) - now;
      el.textContent = text(left, el.getAttribute('data-overdue'));
      var row = el.closest('[class*="band-"]');
      if (!row) return;
      var current = band(left);
      if (row.classList.contains('band-' + current)) return;
      BANDS.forEach(function (b) { row.classList.remove('band-' + b); });
      row.classList.add('band-' + current);
      var words = el.closest('[data-band-ok]');
      var label = row.querySelector('.band-text');
      if (words && label) label.textContent = words.getAttribute('data-band-' + current);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { tick(); setInterval(tick, 1000); });
})();
