// The console's modeler, bundled by esbuild (`make node`) into build/modeleur/modeleur.{js,css}:
// bpmn-js's Modeler with the Zeebe extensions (zeebe-bpmn-moddle, Camunda 8 behaviours) and the
// properties panel. The diagram's XML is posted in the page's own form (hidden field, CSRF token);
// the server lints it (bpmnlint, Camunda 8.9 rules) before deploying it.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';

function demarrer() {
  const conteneur = document.getElementById('modeleur');
  const panneau = document.getElementById('proprietes');
  const formulaire = document.getElementById('formulaire-modeleur');
  if (!conteneur || !panneau || !formulaire || !window.fetch) {
    return;
  }
  fetch(conteneur.getAttribute('data-xml'), { credentials: 'same-origin' })
    .then((reponse) => (reponse.ok ? reponse.text() : Promise.reject(new Error(`HTTP ${reponse.status}`))))
    .then(async (xml) => {
      conteneur.textContent = '';
      const modeleur = new BpmnModeler({
        container: conteneur,
        propertiesPanel: { parent: panneau },
        additionalModules: [
          BpmnPropertiesPanelModule,
          BpmnPropertiesProviderModule,
          ZeebePropertiesProviderModule,
          ZeebeBehaviorsModule,
        ],
        moddleExtensions: { zeebe: zeebeModdle },
      });
      await modeleur.importXML(xml);
      modeleur.get('canvas').zoom('fit-viewport');
      formulaire.hidden = false;
      formulaire.addEventListener('submit', async (evenement) => {
        evenement.preventDefault();
        const { xml: modifie } = await modeleur.saveXML({ format: true });
        formulaire.elements.xml.value = modifie;
        formulaire.submit();
      });
      window.modeleurBpmn = modeleur;
      conteneur.setAttribute('data-pret', '1');
    })
    .catch(() => {
      conteneur.setAttribute('data-pret', 'erreur');
    });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', demarrer);
} else {
  demarrer();
}
