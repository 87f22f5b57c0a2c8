"""The renewal model and its forms, statically: lint, contract names, forms, layout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from contracts.documents import PieceCode
from contracts.dossier import STATUTS_PROCESSUS, ErreurMetier, MotifCloture
from contracts.process import (
    GROUPE_VALIDEUR,
    PROCESS_ID,
    Alerte,
    ChoixExamen,
    Formulaire,
    Header,
    JobType,
    Message,
    Modele,
    SuiteSansReponse,
    Validation,
    Variable,
)
from contracts.variables import Delais, MotifComplement, PieceDemandee
from tests.bpmn.model import (
    BPMN_DIR,
    FORMS_DIR,
    MODEL_PATH,
    NS,
    REPO,
    elements,
    form_components,
    load_forms,
    load_model,
    messages,
    process,
    sequence_flows,
)

pytestmark = pytest.mark.unit

ROOT = load_model()
ELEMENTS = elements(ROOT)
FORMS = load_forms()


def test_lint_is_clean_for_camunda_8_8() -> None:
    node = shutil.which("node")
    assert node, "Node 20 est nécessaire pour bpmnlint"
    files = sorted(str(p) for p in BPMN_DIR.glob("*.bpmn"))
    result = subprocess.run(
        [node, "scripts/bpmnlint.mjs", *files], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 erreur(s), 0 avertissement(s)" in result.stdout


def test_lint_reports_an_error_and_fails(tmp_path: Path) -> None:
    missing_form = tmp_path / "sans-formulaire.bpmn"
    missing_form.write_text(
        MODEL_PATH.read_text(encoding="utf-8").replace('<zeebe:formDefinition formId="examen-demande" />', "")
    )
    result = subprocess.run(
        ["node", "scripts/bpmnlint.mjs", str(missing_form)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "UserTask_ExaminerDemande" in result.stdout


def test_the_process_is_executable_on_camunda_8_8() -> None:
    proc = process(ROOT)
    assert proc.get("id") == PROCESS_ID
    assert proc.get("isExecutable") == "true"
    assert ROOT.get(f"{{{NS['modeler']}}}executionPlatform") == "Camunda Cloud"
    assert ROOT.get(f"{{{NS['modeler']}}}executionPlatformVersion") == "8.9.0"


def test_job_types_and_headers_are_those_of_the_contract() -> None:
    tasks = [e for e in ELEMENTS.values() if e.tag == "serviceTask"]
    assert {t.job_type for t in tasks} == {j.value for j in JobType}
    allowed = {
        Header.MODELE.value: {m.value for m in Modele},
        Header.STATUT.value: {s.value for s in STATUTS_PROCESSUS},
        Header.MOTIF.value: {m.value for m in MotifCloture},
        Header.ALERTE.value: {a.value for a in Alerte},
    }
    for task in tasks:
        for key, value in task.headers.items():
            assert value in allowed[key], (task.id, key, value)
    by_type = {t.job_type: t for t in tasks}
    needs = {
        JobType.PDF_GENERER: Header.MODELE,
        JobType.NOTIFIER_NOTIFIER: Header.MODELE,
        JobType.DOSSIER_CHANGER_STATUT: Header.STATUT,
        JobType.DOSSIER_CLOTURER: Header.MOTIF,
        JobType.DOSSIER_ALERTER: Header.ALERTE,
    }
    for job_type, header in needs.items():
        for task in (t for t in tasks if t.job_type == job_type):
            assert header in task.headers, task.id
    assert by_type[JobType.DOSSIER_ENREGISTRER].headers == {}


def test_every_generated_pdf_is_notified_right_after() -> None:
    flows = {f.get("sourceRef", ""): f.get("targetRef", "") for f in sequence_flows(ROOT)}
    for task in (e for e in ELEMENTS.values() if e.job_type == JobType.PDF_GENERER):
        following = ELEMENTS[flows[task.id]]
        assert following.job_type == JobType.NOTIFIER_NOTIFIER, task.id
        assert following.headers[Header.MODELE] == task.headers[Header.MODELE]


def test_messages_are_those_of_the_contract_with_their_keys() -> None:
    declared = messages(ROOT)
    names = {name for name, _ in declared.values()}
    assert names == {m.value for m in Message}
    keys = {name: key for name, key in declared.values()}
    assert keys[Message.NOTIFICATION_LUE] == f"={Variable.NOTIFICATION_COMPLEMENTS}"
    for name in (Message.COMPLEMENTS_DEPOSES, Message.TITRE_DISPONIBLE, Message.DESISTEMENT):
        assert keys[name] == f"={Variable.DOSSIER_ID}"
    # the key of notification-lue is the id the notifier returned for the complement request
    notifier = ELEMENTS["Task_NotifierComplements"].xml
    output = notifier.find("bpmn:extensionElements/zeebe:ioMapping/zeebe:output", NS)
    assert output is not None
    assert output.get("source") == f"={Variable.NOTIFICATION_ID}"
    assert output.get("target") == Variable.NOTIFICATION_COMPLEMENTS


def test_errors_caught_are_the_model_s_own_or_the_dossier_s() -> None:
    codes = {e.get("errorCode") for e in ROOT.findall("bpmn:error", NS)}
    assert codes == {"demande-incomplete", ErreurMetier.DOSSIER_CLOS.value}


def test_user_tasks_are_native_with_a_form_and_a_candidate_group() -> None:
    user_tasks = [e for e in ELEMENTS.values() if e.tag == "userTask"]
    assert len(user_tasks) == len(Formulaire)
    form_ids = set()
    for task in user_tasks:
        ext = task.xml.find("bpmn:extensionElements", NS)
        assert ext is not None and ext.find("zeebe:userTask", NS) is not None, task.id
        form = ext.find("zeebe:formDefinition", NS)
        assign = ext.find("zeebe:assignmentDefinition", NS)
        assert form is not None and assign is not None, task.id
        form_ids.add(form.get("formId"))
        assert assign.get("candidateGroups") in {f"={Variable.PREFECTURE}", GROUPE_VALIDEUR}
    assert form_ids == {f.value for f in Formulaire}


def test_every_referenced_form_exists_with_that_id() -> None:
    ids = {form["id"]: path for path, form in FORMS.items()}
    for form_id in Formulaire:
        assert form_id.value in ids, form_id
        assert ids[form_id.value] == FORMS_DIR / f"{form_id.value}.form"
    assert set(ids) == {f.value for f in Formulaire}


def test_ids_are_explicit_and_names_french() -> None:
    generated = re.compile(r"^(Activity|Event|Gateway|Flow|StartEvent|EndEvent)_[0-9a-z]{7}$")
    for element in ELEMENTS.values():
        assert not generated.match(element.id), element.id
        assert re.match(r"^[A-Z][A-Za-z]+_[A-Z][A-Za-z]+$", element.id), element.id
        if element.tag == "exclusiveGateway" and len(element.xml.findall("bpmn:outgoing", NS)) == 1:
            continue  # a merging gateway needs no name
        assert element.name, element.id
    names = " ".join(e.name or "" for e in ELEMENTS.values())
    assert re.search(r"[éèàêç]", names)
    assert not re.search(r"\b(the|and|task|check|send|request|approve)\b", names, re.IGNORECASE)


def test_every_timer_and_boundary_rule_is_documented() -> None:
    for element in ELEMENTS.values():
        timer = element.xml.find("bpmn:timerEventDefinition", NS)
        if timer is not None or element.tag in {"boundaryEvent", "intermediateCatchEvent", "userTask"}:
            assert len(element.documentation) > 40, element.id
    timers = {
        e.id: next(iter(e.xml.find("bpmn:timerEventDefinition", NS))).text  # type: ignore[arg-type]
        for e in ELEMENTS.values()
        if e.xml.find("bpmn:timerEventDefinition", NS) is not None
    }
    assert timers["Event_QuinzeJours"] == "=duration(delais.notificationReputeeLue)"
    assert timers["Event_DelaiTrenteJours"] == "=duration(delais.reponseComplements)"
    assert timers["Start_AlerteRejetImplicite"] == "=duration(delais.alerteRejetImplicite)"
    assert Variable.DATE_FIN_VALIDITE_TITRE in (timers["Start_Prolongation"] or "")
    assert (timers["Start_Prolongation"] or "").endswith('"T00:00:00Z/" + delais.validiteProlongation')


def test_every_deadline_is_set_once_at_the_start_of_the_process() -> None:
    """The one place a process owner changes a deadline: no duration literal anywhere else."""
    script = ELEMENTS["Task_FixerDelais"].xml.find(".//zeebe:script", NS)
    assert script is not None and script.get("resultVariable") == Variable.DELAIS
    expression = script.get("expression") or ""
    assert set(re.findall(r"(\w+): \"(P\w+)\"", expression)) == {
        ("reponseComplements", "P30D"),
        ("notificationReputeeLue", "P15D"),
        ("validiteProlongation", "P3M"),
        ("alerteRejetImplicite", "P4M"),
        ("statuerSansReponse", "P5D"),
    }
    Delais.model_validate(dict(re.findall(r"(\w+): \"(P\w+)\"", expression)))
    [first] = [
        f.get("targetRef") for f in sequence_flows(ROOT) if f.get("sourceRef") == "Start_DemandeDeposee"
    ]
    assert first == "Task_FixerDelais"
    xml = MODEL_PATH.read_text(encoding="utf-8").replace(expression.replace('"', "&#34;"), "")
    assert not re.search(
        r">P\d+[DMYW]<|\"P\d+[DMYW]\"", xml.split("<bpmndi:")[0].replace('duration("P1D")', "")
    )


def test_gateway_conditions_use_the_form_values() -> None:
    conditions = {
        f.get("id"): (f.find("bpmn:conditionExpression", NS).text or "")  # type: ignore[union-attr]
        for f in sequence_flows(ROOT)
        if f.find("bpmn:conditionExpression", NS) is not None
    }
    text = " ".join(conditions.values())
    for value in (*ChoixExamen, *Validation, *SuiteSansReponse):
        assert f'"{value.value}"' in text, value


def test_every_element_is_drawn() -> None:
    plane = ROOT.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    assert plane is not None and plane.get("bpmnElement") == PROCESS_ID
    shapes = {s.get("bpmnElement", ""): s for s in plane.findall("bpmndi:BPMNShape", NS)}
    edges = {e.get("bpmnElement"): e for e in plane.findall("bpmndi:BPMNEdge", NS)}
    assert set(ELEMENTS) <= set(shapes)
    for flow in sequence_flows(ROOT):
        points = edges[flow.get("id")].findall("di:waypoint", NS)
        assert len(points) >= 2, flow.get("id")
    for element_id, shape in shapes.items():
        if element_id in ELEMENTS and ELEMENTS[element_id].tag == "subProcess":
            assert shape.get("isExpanded") == "true", element_id


# -- forms ------------------------------------------------------------------------------------------------
ENGLISH = re.compile(
    r"\b(the|and|please|submit|approve|reject|comment|yes|no|select|enter|required|field|send|back|reason)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", sorted(FORMS), ids=lambda p: p.stem)
def test_form_is_a_camunda_form_in_french(path: Path) -> None:
    form = FORMS[path]
    assert form["type"] == "default"
    assert form["schemaVersion"] == 19  # form-js 1.x as pinned in package.json
    assert form["executionPlatform"] == "Camunda Cloud"
    components = form_components(form["components"])
    ids = [c["id"] for c in components]
    assert len(ids) == len(set(ids)), "identifiants de composants en double"
    texts = []
    for component in components:
        if "key" in component or "path" in component:
            assert component.get("label"), component["id"]
        texts += [component.get("label", ""), component.get("description", ""), component.get("text", "")]
        texts += [v["label"] for v in component.get("values", [])]
    prose = " ".join(t for t in texts if t)
    assert not ENGLISH.search(re.sub(r"\{\{[^}]*\}\}", "", prose)), ENGLISH.findall(prose)
    assert re.search(r"[éèàêç]", prose)


# the keys of one line of `piecesDemandees`: the fields of its contract
CLES_PIECE_DEMANDEE = {f.alias or n for n, f in PieceDemandee.model_fields.items()}


def test_form_keys_are_process_variables() -> None:
    variables = {v.value for v in Variable}
    for path, form in FORMS.items():
        for component in form_components(form["components"]):
            if "path" in component:
                assert component["path"] in variables, (path.name, component["path"])
            if "key" in component and component["key"] not in CLES_PIECE_DEMANDEE:
                assert component["key"] in variables, (path.name, component["key"])


def test_examination_form_offers_the_contract_values() -> None:
    form = next(f for f in FORMS.values() if f["id"] == Formulaire.EXAMEN_DEMANDE)
    components = {c["id"]: c for c in form_components(form["components"])}
    assert {v["value"] for v in components["Field_Decision"]["values"]} == {c.value for c in ChoixExamen}
    assert {v["value"] for v in components["Field_Piece"]["values"]} == {p.value for p in PieceCode}
    pieces = components["Field_PiecesDemandees"]
    assert pieces["type"] == "dynamiclist" and pieces["path"] == Variable.PIECES_DEMANDEES
    assert {c["key"] for c in pieces["components"]} == CLES_PIECE_DEMANDEE
    assert {v["value"] for v in components["Field_MotifComplement"]["values"]} == {
        m.value for m in MotifComplement
    }
    assert components["Field_PrecisionMotif"]["conditional"] == {"hide": '=this.motif != "autre"'}
    validation = next(f for f in FORMS.values() if f["id"] == Formulaire.VALIDATION_DECISION)
    choices = {c["id"]: c for c in form_components(validation["components"])}["Field_Validation"]["values"]
    assert {v["value"] for v in choices} == {v.value for v in Validation}


def test_no_two_flow_node_shapes_overlap() -> None:
    """Tasks, events and gateways are drawn apart (a boundary event sits on its host's border)."""
    plane = ROOT.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    assert plane is not None
    boxes = {}
    for shape in plane.findall("bpmndi:BPMNShape", NS):
        element = ELEMENTS.get(shape.get("bpmnElement", ""))
        bounds = shape.find("dc:Bounds", NS)
        if element is None or bounds is None or element.tag in {"subProcess", "boundaryEvent"}:
            continue
        x, y, w, h = (float(bounds.get(k, "0")) for k in ("x", "y", "width", "height"))
        boxes[element.id] = (x, y, x + w, y + h)
    ids = sorted(boxes)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            (ax1, ay1, ax2, ay2), (bx1, by1, bx2, by2) = boxes[a], boxes[b]
            assert ax2 <= bx1 or bx2 <= ax1 or ay2 <= by1 or by2 <= ay1, (a, b)


def test_the_local_15_day_rule_is_off_by_default() -> None:
    """`regles.notificationReputeeLue` (not in the guide) is set once, false; the flow obeys it."""
    script = ELEMENTS["Task_FixerRegles"].xml.find(".//zeebe:script", NS)
    assert script is not None and script.get("resultVariable") == Variable.REGLES
    assert re.sub(r"\s", "", script.get("expression") or "") == "={notificationReputeeLue:false}"
    flows = {f.get("id"): f for f in sequence_flows(ROOT)}
    gateway = ELEMENTS["Gateway_RegleQuinzeJours"].xml
    default = flows[gateway.get("default")]
    assert default.get("targetRef") == "Event_NotificationOuverte"
    [rule] = [f for f in flows.values() if f.get("sourceRef") == gateway.get("id") and f is not default]
    assert rule.get("targetRef") == "Gateway_NotificationOuverte"
    condition = rule.find("bpmn:conditionExpression", NS)
    assert condition is not None and condition.text == "=regles.notificationReputeeLue = true"
    assert "regles.notificationReputeeLue" in (REPO / "bpmn" / "README.md").read_text(encoding="utf-8")


def test_an_agent_decides_once_the_response_deadline_has_passed() -> None:
    """No answer in time: a task of the préfecture's agents, due after delais.statuerSansReponse."""
    flows = {f.get("sourceRef"): f.get("targetRef") for f in sequence_flows(ROOT)}
    assert flows["SubProcess_AttenteReponse"] == "UserTask_StatuerSansReponse"
    task = ELEMENTS["UserTask_StatuerSansReponse"].xml
    schedule = task.find("bpmn:extensionElements/zeebe:taskSchedule", NS)
    assert schedule is not None and "delais.statuerSansReponse" in (schedule.get("dueDate") or "")
    assign = task.find("bpmn:extensionElements/zeebe:assignmentDefinition", NS)
    assert assign is not None and assign.get("candidateGroups") == f"={Variable.PREFECTURE}"
    form = next(f for f in FORMS.values() if f["id"] == Formulaire.DELAI_REPONSE_EXPIRE)
    components = {c["id"]: c for c in form_components(form["components"])}
    assert "{{dateExpirationDelai}}" in components["Text_DelaiExpire"]["text"]
    choices = components["Field_SuiteSansReponse"]["values"]
    assert {v["value"] for v in choices} == {s.value for s in SuiteSansReponse}
    # the only error end left is the agent's closure
    [closure] = [
        e
        for e in ELEMENTS.values()
        if e.tag == "endEvent" and e.xml.find("bpmn:errorEventDefinition", NS) is not None
    ]
    assert closure.id == "End_DemandeIncomplete"
    assert flows.get("Gateway_SuiteSansReponse") in {"End_DemandeIncomplete", "Task_FermerRonde"}
