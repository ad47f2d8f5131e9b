// The badge class form (templates/badges/badge_class_form.html), enhanced:
//  - its sections become steps: one shown at a time, chosen in the section
//    navigation (or by the address's #section); the first section with errors
//    opens after a failed save; "Save and continue" saves and reopens the form
//    at the next step;
//  - rows of the lists (outcomes, partners, ...) are added by cloning the
//    formset's empty-form <template> (TOTAL_FORMS counts them) and removed by
//    ticking the row's DELETE box and hiding the row;
//  - the language checkboxes get a text filter and a line of chosen languages.
// Without this script every section shows, the lists have empty rows and a
// "Delete" box, and the languages are a plain list of checkboxes.
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  // --- Steps ----------------------------------------------------------------

  function setUpSteps(form) {
    var sections = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
    if (!sections.length) {
      return;
    }
    var navLinks = document.querySelectorAll(".bf-nav [data-step-link]");
    var saveContinue = form.querySelector("[data-save-continue]");
    var status = form.querySelector("[data-step-status]");
    var statusText = status ? status.getAttribute("data-text") : "";

    function find(anchor) {
      return sections.filter(function (s) { return s.id === anchor; })[0];
    }

    function show(section, moveFocus) {
      var index = sections.indexOf(section);
      each(sections, function (s) { s.hidden = s !== section; });
      each(navLinks, function (link) {
        if (link.getAttribute("data-step-link") === section.id) {
          link.setAttribute("aria-current", "step");
        } else {
          link.removeAttribute("aria-current");
        }
      });
      var next = sections[index + 1];
      if (saveContinue) {
        saveContinue.hidden = !next;
        saveContinue.value = next ? next.id : "";
      }
      if (status && statusText) {
        status.textContent = statusText.replace("%(n)s", index + 1).replace("%(total)s", sections.length);
      }
      if (moveFocus) {
        section.focus({ preventScroll: true });
        var top = form.getBoundingClientRect().top;
        if (top < 0 || top > window.innerHeight) {
          form.scrollIntoView({ block: "start" });
        }
      }
    }

    function go(anchor, moveFocus) {
      var section = find(anchor);
      if (section) {
        show(section, moveFocus);
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", "#" + section.id);
        }
      }
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest("[data-step-link], [data-step-go]");
      if (!link) {
        return;
      }
      event.preventDefault();
      go(link.getAttribute("data-step-link") || link.getAttribute("data-step-go"), true);
    });
    window.addEventListener("hashchange", function () {
      var section = find(window.location.hash.slice(1));
      if (section) {
        show(section, true);
      }
    });

    each(form.querySelectorAll("[data-step-nav]"), function (nav) { nav.hidden = false; });
    (form.closest(".bf-layout") || form).classList.add("bf-steps");
    var withErrors = form.querySelector("[data-step].has-errors");
    var fromAddress = find(window.location.hash.slice(1));
    show(withErrors || fromAddress || sections[0], Boolean(withErrors || fromAddress));
    if (withErrors) {
      var field = withErrors.querySelector(".field-error input, .field-error select, .field-error textarea");
      if (field) {
        field.focus();
      }
    }
  }

  // --- Lists (Django formsets) ------------------------------------------------

  function isBlank(row) {
    if (row.querySelector(".field-error, .errorlist")) {
      return false;
    }
    var fields = row.querySelectorAll("input, textarea, select");
    return Array.prototype.every.call(fields, function (field) {
      if (field.type === "hidden") {
        return true;
      }
      if (field.type === "checkbox") {
        return !field.checked;
      }
      return field.value === "";
    });
  }

  // The server adds empty rows for typing into without this script; with the
  // "Add" button they are clutter. Blank rows at the end (never saved rows) go,
  // except one in a list that would otherwise show no row at all.
  function trimEmptyRows(rows, total, initial) {
    var saved = parseInt(initial && initial.value, 10) || 0;
    var all = rows.querySelectorAll("[data-formset-row]");
    var count = all.length;
    while (count > saved && isBlank(all[count - 1]) && (count > 1 || saved > 0)) {
      rows.removeChild(all[count - 1]);
      count -= 1;
    }
    total.value = String(count);
  }

  function setUpFormset(box) {
    var prefix = box.getAttribute("data-formset");
    var total = box.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = box.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var rows = box.querySelector("[data-formset-rows]");
    var template = box.querySelector("template[data-formset-empty]");
    var add = box.querySelector("[data-formset-add]");
    if (!total || !rows || !template || !add) {
      return;
    }

    function enhance(row) {
      var deleteBox = row.querySelector("[data-formset-delete] input[type=checkbox]");
      var remove = row.querySelector("[data-formset-remove]");
      if (!deleteBox || !remove) {
        return;
      }
      row.querySelector("[data-formset-delete]").hidden = true;
      remove.hidden = false;
      // A row ticked for deletion before a save that failed stays removed.
      row.hidden = deleteBox.checked;
      remove.addEventListener("click", function () {
        deleteBox.checked = true;
        row.hidden = true;
        add.focus();
      });
    }

    trimEmptyRows(rows, total, box.querySelector("input[name='" + prefix + "-INITIAL_FORMS']"));
    each(box.querySelectorAll("[data-nojs-hint]"), function (hint) { hint.hidden = true; });
    each(rows.querySelectorAll("[data-formset-row]"), enhance);
    add.hidden = false;
    add.addEventListener("click", function () {
      var count = parseInt(total.value, 10) || 0;
      if (max && count >= parseInt(max.value, 10)) {
        return;
      }
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(count));
      var row = holder.querySelector("[data-formset-row]");
      rows.appendChild(row);
      total.value = String(count + 1);
      enhance(row);
      var first = row.querySelector("textarea, select, input:not([type=checkbox]):not([type=hidden])");
      if (first) {
        first.focus();
      }
    });
  }

  // --- Languages ----------------------------------------------------------------

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUpLanguagePicker(picker) {
    var tools = picker.querySelector("[data-lang-tools]");
    var filter = picker.querySelector(".lang-filter");
    var count = picker.querySelector("[data-lang-count]");
    var chips = picker.querySelector("[data-lang-chips]");
    var noneChosen = picker.querySelector("[data-lang-none-chosen]");
    var chipTemplate = picker.querySelector("template[data-lang-chip]");
    var items = Array.prototype.slice.call(picker.querySelectorAll(".lang-options li"));
    if (!tools || !filter || !chipTemplate) {
      return;
    }
    each(items, function (li) {
      li.setAttribute("data-search", plain(li.textContent + " " + li.getAttribute("data-code")));
    });

    function applyFilter() {
      var query = plain(filter.value);
      var shown = 0;
      each(items, function (li) {
        var match = !query || li.getAttribute("data-search").indexOf(query) !== -1;
        li.hidden = !match;
        shown += match ? 1 : 0;
      });
      count.textContent = shown
        ? picker.getAttribute("data-count-text").replace("%(shown)s", shown).replace("%(total)s", items.length)
        : picker.getAttribute("data-none-text");
    }

    function showChosen() {
      chips.textContent = "";
      var chosen = items.filter(function (li) { return li.querySelector("input").checked; });
      each(chosen, function (li) {
        var input = li.querySelector("input");
        var chip = chipTemplate.content.firstElementChild.cloneNode(true);
        chip.querySelector("[data-chip-name]").textContent = li.textContent.trim();
        chip.addEventListener("click", function () {
          input.checked = false;
          showChosen();
          filter.focus();
        });
        chips.appendChild(chip);
      });
      noneChosen.hidden = chosen.length > 0;
    }

    tools.hidden = false;
    filter.addEventListener("input", applyFilter);
    filter.addEventListener("keydown", function (event) {
      // Enter in the filter box would submit the whole form.
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    picker.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        showChosen();
      }
    });
    showChosen();
  }

  function start() {
    each(document.querySelectorAll("[data-lang-picker]"), setUpLanguagePicker);
    var form = document.getElementById("badge-class-form");
    if (form) {
      each(form.querySelectorAll("[data-formset]"), setUpFormset);
      setUpSteps(form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
