// The badge designer's live preview (templates/badges/designer/designer.html).
// Every picture is drawn by the server (badges/designer/svg.py): as the
// choices change, this asks <form data-preview-url> for the SVG with the
// form's values (debounced) and shows it, or lists what is wrong. Without
// the script the Preview button posts the form and the page draws it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  if (!form) {
    return;
  }
  var picture = document.getElementById("designer-preview");
  var status = document.getElementById("designer-status");
  var timer = null;
  var latest = 0;

  function query() {
    var data = new FormData(form);
    var params = new URLSearchParams();
    data.forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "image_alt" && name !== "action" && name !== "palette") {
        params.append(name, value);
      }
    });
    return params.toString();
  }

  function showErrors(errors) {
    status.textContent = "";
    var list = document.createElement("ul");
    Object.keys(errors).forEach(function (field) {
      errors[field].forEach(function (message) {
        var item = document.createElement("li");
        var label = form.querySelector("label[for='id_" + field + "']");
        var legend = label ? null : form.querySelector("[name='" + field + "']");
        legend = legend && legend.closest("fieldset") ? legend.closest("fieldset").querySelector("legend") : null;
        var name = label ? label.textContent : legend ? legend.textContent : "";
        item.textContent = name ? name.replace(/\s*★\s*$/, "") + ": " + message : message;
        list.appendChild(item);
      });
    });
    status.appendChild(list);
    picture.classList.add("empty");
  }

  function update() {
    var ticket = ++latest;
    fetch(form.getAttribute("data-preview-url") + "?" + query(), {
      credentials: "same-origin",
      headers: { Accept: "image/svg+xml, application/json" }
    }).then(function (response) {
      if (ticket !== latest) {
        return null; // a newer request is on its way
      }
      if (response.ok) {
        return response.text().then(function (svg) {
          if (ticket === latest) {
            picture.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
            picture.classList.remove("empty");
            status.textContent = "";
          }
        });
      }
      if (response.status === 400) {
        return response.json().then(function (body) {
          if (ticket === latest) {
            showErrors(body.errors || {});
          }
        });
      }
      throw new Error(String(response.status));
    }).catch(function () {
      if (ticket === latest) {
        status.textContent = form.getAttribute("data-failed");
      }
    });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  }

  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  form.addEventListener("click", function (event) {
    // A palette button fills in its three colours here instead of posting the form.
    var button = event.target.closest && event.target.closest("button[name=palette]");
    if (!button) {
      return;
    }
    event.preventDefault();
    ["primary", "accent", "text"].forEach(function (name) {
      form.elements[name].value = button.getAttribute("data-" + name);
    });
    update();
  });
})();
