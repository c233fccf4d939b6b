// The incident page's script, an addition to pages that work without it:
// - the live ENISA score: on every change of the assessment form, post it to
//   /incidents/:id/assessment/preview (the server computes; nothing is stored) and show the answer
//   in the form's status region; without the script the score appears after saving;
// - "copy text" buttons next to each draft (hidden without the script: the preview page's text can
//   be selected instead).
// Text only, never HTML.
(function () {
  function copyButtons() {
    var status = document.getElementById('copy-status');
    if (!status || !navigator.clipboard) return;
    document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        fetch(button.getAttribute('data-copy'), { credentials: 'same-origin' })
          .then(function (res) {
            if (!res.ok) throw new Error(String(res.status));
            return res.text();
          })
          .then(function (text) { return navigator.clipboard.writeText(text); })
          .then(function () { status.textContent = status.getAttribute('data-copied'); })
          .catch(function () { status.textContent = status.getAttribute('data-failed'); });
      });
    });
  }
  document.addEventListener('DOMContentLoaded', copyButtons);

  function show(out, summary, reasons) {
    out.textContent = '';
    var p = document.createElement('p');
    p.className = 'live-summary';
    p.textContent = summary;
    out.appendChild(p);
    if (reasons.length) {
      var ul = document.createElement('ul');
      reasons.forEach(function (r) {
        var li = document.createElement('li');
        li.textContent = r;
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-preview]');
    var out = document.getElementById('live-score');
    if (!form || !out || !window.fetch) return;
    var timer = null;
    var asked = 0;
    function update() {
      var mine = ++asked;
      fetch(form.getAttribute('data-preview'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)).toString(),
      })
        .then(function (res) {
          return res.json().then(function (body) { return { ok: res.ok, body: body }; });
        })
        .then(function (r) {
          if (mine !== asked) return; // an older answer arriving late
          if (r.ok) return show(out, r.body.summary, r.body.reasons);
          var errors = (r.body.errors || []).map(function (e) { return e.path + ': ' + e.message; });
          show(out, errors.length ? errors.join('; ') : r.body.title, []);
        })
        .catch(function () {});
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(update, 200);
    }
    form.addEventListener('input', later);
    form.addEventListener('change', later);
    update();
  });
})();
