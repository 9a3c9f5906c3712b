// Candidate form: show only the birthplace fields that the chosen country and way need.
// Without JavaScript every field stays visible and the server ignores those that do not apply.
(function () {
  "use strict";
  var FRANCE = "99100";
  var form = document.getElementById("formulaire-candidat");
  if (!form) { return; }
  var country = form.querySelector("#id_birth_country");
  function show(name, visible) {
    form.querySelectorAll('[data-birthplace-group="' + name + '"]').forEach(function (group) {
      group.hidden = !visible;
    });
  }
  function update() {
    var inFrance = country.value === FRANCE;
    var mode = form.querySelector('input[name="birthplace_mode"]:checked');
    var byPostalCode = mode && mode.value === "postal";
    show("france", inFrance);
    show("insee", inFrance && !byPostalCode);
    show("postal", inFrance && byPostalCode);
    show("city", !inFrance || byPostalCode);
  }
  form.addEventListener("change", update);
  update();
})();
