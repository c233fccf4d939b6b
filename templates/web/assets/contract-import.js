// The contracts page: a chosen CSV file is read into the text area, which the form sends.
(function () {
  var file = document.getElementById('csv-file');
  var text = document.getElementById('csv');
  if (!file || !text) return;
  file.addEventListener('change', function () {
    var chosen = file.files && file.files[0];
    if (!chosen) return;
    chosen.text().then(function (content) {
      text.value = content;
    });
  });
})();
