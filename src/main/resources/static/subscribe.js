// The sign-up form works without this script; with it, the time zone field starts as the browser's own zone instead
// of UTC, unless the reader has already chosen one (the server marks an untouched field with data-guess="yes").
(function () {
  var field = document.getElementById('timezone');
  if (!field || field.getAttribute('data-guess') !== 'yes' || !window.Intl) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) field.value = zone;
  } catch (e) {
    // an old browser: the field keeps UTC
  }
})();
