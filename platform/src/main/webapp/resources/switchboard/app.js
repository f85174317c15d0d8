/*
 * The admin UI's few behaviours, kept out of the markup: the Content-Security-Policy allows scripts from this
 * site's files only (ADR 0004). A button with data-confirm asks first; a button with data-copy copies the value of
 * the field it names.
 */
document.addEventListener('click', function (event) {
  var confirmed = event.target.closest('[data-confirm]');
  if (confirmed && !window.confirm(confirmed.getAttribute('data-confirm'))) {
    event.preventDefault();
    return;
  }
  var copy = event.target.closest('[data-copy]');
  if (copy) {
    var field = document.getElementById(copy.getAttribute('data-copy'));
    field.select();
    (navigator.clipboard ? navigator.clipboard.writeText(field.value) : Promise.reject()).catch(function () {
      document.execCommand('copy');
    });
    copy.textContent = 'Copied';
  }
});
