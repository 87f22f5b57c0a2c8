// The process diagram drawn by bpmn-js's NavigatedViewer from the definition's XML; on an
// instance's page, its active elements, the path taken and the incidents are marked, and each
// active element shows a badge. Without this script, the page's tables say the same.
(function () {
  "use strict";
  var conteneur = document.getElementById("diagramme");
  if (!conteneur || !window.BpmnJS || !window.fetch) {
    return;
  }
  function liste(nom) {
    return (conteneur.getAttribute("data-" + nom) || "").split(" ").filter(Boolean);
  }
  fetch(conteneur.getAttribute("data-xml"), { credentials: "same-origin" })
    .then(function (reponse) {
      return reponse.ok ? reponse.text() : Promise.reject(new Error("HTTP " + reponse.status));
    })
    .then(function (xml) {
      var repli = conteneur.querySelector(".console-diagramme__repli");
      var viewer = new window.BpmnJS({ container: conteneur });
      return viewer.importXML(xml).then(function () {
        if (repli) {
          repli.hidden = true;
        }
        var canvas = viewer.get("canvas");
        var registre = viewer.get("elementRegistry");
        var overlays = viewer.get("overlays");
        canvas.zoom("fit-viewport");
        liste("parcourus").forEach(function (id) {
          if (registre.get(id)) canvas.addMarker(id, "console-parcouru");
        });
        liste("actifs").forEach(function (id) {
          if (!registre.get(id)) return;
          canvas.addMarker(id, "console-actif");
          var badge = document.createElement("span");
          badge.className = "console-jeton";
          badge.textContent = "en cours";
          overlays.add(id, { position: { bottom: 6, left: -6 }, html: badge });
        });
        liste("incidents").forEach(function (id) {
          if (!registre.get(id)) return;
          canvas.addMarker(id, "console-incident");
          var badge = document.createElement("span");
          badge.className = "console-jeton console-jeton--incident";
          badge.textContent = "incident";
          overlays.add(id, { position: { top: -12, right: 12 }, html: badge });
        });
        window.diagrammeBpmn = viewer;
        conteneur.setAttribute("data-pret", "1");
      });
    })
    .catch(function () {
      conteneur.setAttribute("data-pret", "erreur"); // the fallback text and link stay
    });
})();
