// Live check of the password format (the server checks it again): each criterion turns valid
// as it is met. Inputs with data-anef-criteres name the list of criteria to update, and
// data-anef-invisible the message shown while an invisible or control character is typed.
(function () {
  "use strict";
  var SPECIAUX = "!\"#$%&()*+,-./=>?@_";  // both screens of the guide
  // Controls, format characters (zero-width, bidi), private or unassigned code points, line
  // breaks and every space but the plain one: what Python's str.isprintable() refuses.
  var INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;
  var TESTS = {
    longueur: function (v) { return v.length >= 8; },
    majuscule: function (v) { return v !== v.toLowerCase(); },
    minuscule: function (v) { return v !== v.toUpperCase(); },
    special: function (v) { return v.split("").some(function (c) { return SPECIAUX.indexOf(c) >= 0; }); },
    chiffre: function (v) { return /[0-9]/.test(v); }
  };
  document.querySelectorAll("input[data-anef-criteres]").forEach(function (input) {
    var liste = document.getElementById(input.getAttribute("data-anef-criteres"));
    var invisible = document.getElementById(input.getAttribute("data-anef-invisible") || "");
    if (!liste) { return; }
    liste.hidden = false;
    var verifier = function () {
      if (invisible) { invisible.hidden = !INVISIBLE.test(input.value); }
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
