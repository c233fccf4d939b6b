// The batch page's script, an addition to a page that works without it (its "show the latest
// progress" link): while the batch runs, ask /incidents/batches/:id/progress every 2 seconds and
// write the counts into the page's live region; when the batch has finished, load the page again
// for its reports, failures and Resume button. Text only, never HTML.
(function () {
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('batch-progress');
    if (!box || box.getAttribute('data-running') !== 'true' || !window.fetch) return;
    var bar = box.querySelector('progress');
    function set(name, text) {
      var el = box.querySelector('[data-field="' + name + '"]');
      if (el && el.textContent !== text) el.textContent = text;
    }
    function poll() {
      fetch(box.getAttribute('data-progress'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (res) {
          if (!res.ok) throw new Error(String(res.status));
          return res.json();
        })
        .then(function (body) {
          var p = body.progress;
          set('statusText', p.statusText);
          set('text', p.text);
          if (bar) {
            bar.max = p.total;
            bar.value = p.created;
          }
          if (p.done) window.location.reload();
          else window.setTimeout(poll, 2000);
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    }
    window.setTimeout(poll, 2000);
  });
})();
