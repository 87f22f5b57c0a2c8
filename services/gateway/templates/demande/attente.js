// Step 5: ask every few seconds whether the N° demande and the PDF are ready, then show them.
(function () {
  "use strict";
  var attente = document.querySelector("[data-anef-attente]");
  if (!attente || !window.fetch) return;
  var essais = 0;
  function demander() {
    essais += 1;
    fetch(attente.getAttribute("data-anef-attente"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (reponse) { return reponse.ok ? reponse.json() : { pret: false }; })
      .then(function (etat) {
        if (etat.pret) { window.location.reload(); }
        else if (essais < 90) { window.setTimeout(demander, 2000); }
      })
      .catch(function () { if (essais < 90) window.setTimeout(demander, 4000); });
  }
  window.setTimeout(demander, 1500);
})();
