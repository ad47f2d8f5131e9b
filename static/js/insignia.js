// Behaviour shared by every page, kept out of the HTML: the
// Content-Security-Policy allows scripts from this site only, never inline
// ones or event-handler attributes.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    // A <select data-submit-on-change> (the language switch) submits its form;
    // without JavaScript the form's <noscript> button does.
    if (event.target.matches && event.target.matches("select[data-submit-on-change]")) {
      event.target.form.submit();
    }
  });
}());
