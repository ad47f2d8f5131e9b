// The learner's pages: the backpack's search as you type, and "Copy" buttons for share links.
// Both only improve what works without JavaScript: the search form submits as usual
// (the server filters), and the link stays in a field to select and copy by hand.
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  // --- The backpack: <form id="backpack-filter">, tiles <li class="tile" data-text="...">.
  function setUpFilter(form) {
    var input = form.querySelector("input[type=search]");
    var select = form.querySelector("select[name=state]");
    if (select) {
      // Another state is another set of badges: ask the server.
      select.addEventListener("change", function () {
        form.submit();
      });
    }
    if (!input) {
      return;
    }
    input.addEventListener("input", function () {
      var wanted = words(input.value);
      var shown = 0;
      document.querySelectorAll(".tile[data-text]").forEach(function (tile) {
        var text = tile.getAttribute("data-text");
        var match = wanted.every(function (word) {
          return text.indexOf(word) !== -1;
        });
        tile.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      var pending = document.getElementById("backpack-pending");
      if (pending) {
        pending.hidden = !pending.querySelector(".tile:not([hidden])");
      }
      var count = document.getElementById("backpack-shown");
      if (count) {
        count.textContent = String(shown);
      }
      var none = document.getElementById("backpack-none");
      if (none) {
        none.hidden = shown > 0;
      }
      // The address keeps the search, so that going back or reloading shows the same badges.
      if (window.history && window.URL) {
        var url = new URL(window.location.href);
        if (input.value.trim()) {
          url.searchParams.set("q", input.value.trim());
        } else {
          url.searchParams.delete("q");
        }
        window.history.replaceState(null, "", url.toString());
      }
    });
  }

  // --- Copy: <button data-copy="id of the field" data-copied="..." data-copy-failed="..."
  //     data-copy-status="id of a live region" hidden>. Hidden until this script shows it.
  function selectText(target) {
    if (typeof target.select === "function") {
      target.focus();
      target.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection(target) {
    selectText(target);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!target) {
      return;
    }
    var text = typeof target.value === "string" ? target.value : target.textContent.trim();
    function report(copied) {
      if (!copied) {
        selectText(target); // selected, ready for Ctrl+C
      }
      if (status) {
        status.textContent = button.getAttribute(copied ? "data-copied" : "data-copy-failed");
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () {
          report(true);
        },
        function () {
          report(copyBySelection(target));
        }
      );
    } else {
      report(copyBySelection(target));
    }
  }

  function start() {
    var form = document.getElementById("backpack-filter");
    if (form) {
      setUpFilter(form);
    }
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(button);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
