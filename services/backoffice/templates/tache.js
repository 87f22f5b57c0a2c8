// The task's Camunda Form rendered by form-js; its data is posted in the page's own form (with the
// CSRF token), which the server checks. Without this script, the page's plain fields are used.
(function () {
  "use strict";
  var conteneur = document.getElementById("formulaire-js");
  var formulaire = document.getElementById("formulaire-tache");
  if (!conteneur || !formulaire || !window.FormViewer || !window.fetch) {
    return;
  }
  fetch(conteneur.getAttribute("data-schema"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (reponse) {
      return reponse.ok ? reponse.json() : Promise.reject(new Error("HTTP " + reponse.status));
    })
    .then(function (tache) {
      var viewer = new window.FormViewer.Form({ container: conteneur });
      return viewer.importSchema(tache.schema, tache.data).then(function () {
        var champs = document.getElementById("champs-sans-js");
        champs.hidden = true;
        champs.disabled = true;
        conteneur.hidden = false;
        formulaire.addEventListener("submit", function (evenement) {
          evenement.preventDefault();
          var resultat = viewer.submit();
          if (Object.keys(resultat.errors).length === 0) {
            formulaire.elements.donnees.value = JSON.stringify(resultat.data);
            formulaire.submit();
          }
        });
      });
    })
    .catch(function () {
      conteneur.hidden = true; // the plain fields stay
    });
})();
