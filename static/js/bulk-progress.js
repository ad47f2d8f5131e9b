// Live progress of a bulk upload: poll its progress endpoint every second and
// update the counts and the bar; reload once it is finished to show the result.
// Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var table = document.getElementById("bulk-counts");
  if (!table) { return; }
  var url = table.getAttribute("data-progress-url");
  var meter = document.getElementById("bulk-meter");

  function show(upload) {
    var cells = table.querySelectorAll("[data-count]");
    for (var i = 0; i < cells.length; i++) {
      var name = cells[i].getAttribute("data-count");
      if (name in upload) { cells[i].textContent = upload[name]; }
    }
    if (meter) {
      meter.value = upload.percent;
      meter.textContent = upload.percent + "%";
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (upload) {
        if (!upload) { return setTimeout(poll, 3000); }
        show(upload);
        if (upload.status === "done" || upload.status === "failed") {
          window.location.reload();
        } else {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
}());
