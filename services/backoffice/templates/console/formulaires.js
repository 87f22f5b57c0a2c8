// Each linked form of a process definition rendered read-only by form-js, from the schema the page
// carries (a JSON data block, never executed). Without this script the fields' table stays.
(function () {
  "use strict";
  if (!window.FormViewer) {
    return;
  }
  document.querySelectorAll(".console-formulaire__rendu").forEach(function (conteneur) {
    var source = document.getElementById(conteneur.getAttribute("data-schema"));
    var schema;
    try {
      schema = JSON.parse(source.textContent);
    } catch (erreur) {
      return;
    }
    var viewer = new window.FormViewer.Form({ container: conteneur, properties: { readOnly: true } });
    viewer
      .importSchema(schema, {})
      .then(function () {
        conteneur.hidden = false;
        conteneur.setAttribute("data-pret", "1");
        var champs = conteneur.parentNode.querySelector(".console-formulaire__champs");
        if (champs) {
          champs.hidden = true;
        }
      })
      .catch(function () {
        conteneur.hidden = true; // the fields' table stays
      });
  });
})();
