// Live check of the password format (the server checks it again): each criterion turns valid
// as it is met. Inputs with data-anef-criteres name the list of criteria to update.
(function () {
  "use strict";
  var SPECIAUX = "!\"#$%&()*+,-./=>?@_";
  var TESTS = {
    longueur: function (v) { return v.length >= 8; },
    majuscule: function (v) { return v !== v.toLowerCase(); },
    minuscule: function (v) { return v !== v.toUpperCase(); },
    special: function (v) { return v.split("").some(function (c) { return SPECIAUX.indexOf(c) >= 0; }); },
    chiffre: function (v) { return /[0-9]/.test(v); }
  };
  document.querySelectorAll("input[data-anef-criteres]").forEach(function (input) {
    var liste = document.getElementById(input.getAttribute("data-anef-criteres"));
    if (!liste) { return; }
    liste.hidden = false;
    var verifier = function () {
      liste.querySelectorAll("[data-critere]").forEach(function (item) {
        var ok = TESTS[item.getAttribute("data-critere")](input.value);
        item.classList.toggle("fr-message--valid", ok);
        item.classList.toggle("fr-message--info", !ok);
      });
    };
    input.addEventListener("input", verifier);
    verifier();
  });
})();
