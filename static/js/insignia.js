// Behaviour shared by every page, kept out of the HTML: the
// Content-Security-Policy allows scripts from this site only, never inline
// ones or event-handler attributes.
(function () {
  "use strict";
  var root = document.documentElement;
  // The menu is closed on small screens only when this script runs; without
  // it (static/css/noscript.css) the links show, stacked.
  root.classList.add("js");

  document.addEventListener("change", function (event) {
    // A <select data-submit-on-change> (the language switch) submits its form;
    // without JavaScript the form's <noscript> button does.
    if (event.target.matches && event.target.matches("select[data-submit-on-change]")) {
      event.target.form.submit();
    }
  });

  // The menu button of small screens: <button aria-expanded aria-controls="site-menu">.
  function menuButton() {
    return document.querySelector("header.site .menu-button");
  }

  function setOpen(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) {
      menu.classList.toggle("open", open);
    }
  }

  document.addEventListener("click", function (event) {
    var button = menuButton();
    if (!button) {
      return;
    }
    if (event.target.closest && event.target.closest(".menu-button") === button) {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
      return;
    }
    // A click outside the open header closes the menu.
    if (button.getAttribute("aria-expanded") === "true" && !event.target.closest("header.site")) {
      setOpen(button, false);
    }
  });

  document.addEventListener("keydown", function (event) {
    // Escape closes the menu and puts the focus back on its button.
    var button = menuButton();
    if (event.key === "Escape" && button && button.getAttribute("aria-expanded") === "true") {
      setOpen(button, false);
      button.focus();
    }
  });
}());
