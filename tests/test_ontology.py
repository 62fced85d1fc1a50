"""The OWL ontology, the SKOS typologies and the JSON-LD context agree with each other and the model."""

from __future__ import annotations

import json
import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from kg.resources import ontology_file
from kg.validate import shapes_graph
from kg.vocab import PREFIXES

KG = Namespace("https://w3id.org/statement-kg/ontology#")
EVT = Namespace("https://w3id.org/statement-kg/event-type/")
ROLE = Namespace("https://w3id.org/statement-kg/role/")
ONTOLOGY = URIRef("https://w3id.org/statement-kg/ontology")
CODES = [
    "mass_grave_discovery",
    "excavation_exhumation",
    "killing_massacre",
    "torture",
    "hostage_taking_detention",
    "disappearance_missing",
    "armed_conflict_war",
    "displacement_deportation",
    "destruction",
    "identification_of_remains",
    "commemoration_anniversary",
    "appeal_call_to_action",
    "denial_or_refusal",
    "meeting_visit",
    "report_publication",
    "other",
]
MODEL_TERMS = [
    "mention",
    "authorLabel",
    "refersTo",
    "commemorates",
    "isEvidenceOf",
    "count",
    "approximate",
    "counted",
    "iso",
    "dateKind",
    "resolved",
    "placeType",
    "actorKind",
    "contentHash",
    "sourceFile",
    "State",
    "ArmedGroup",
    "GroupOfPeople",
    "CandidateLink",
    "subject",
    "object",
    "score",
    "evidence",
    "unitDecade",
]
ROLES = ("perpetrator", "victim", "source", "intervening_party", "participant")


def _parse(name: str) -> Graph:
    return Graph().parse(ontology_file(name), format="turtle")


def _kg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}


def _english(graph: Graph, node: URIRef, predicate: URIRef) -> list[str]:
    return [str(o) for o in graph.objects(node, predicate) if isinstance(o, Literal) and o.language == "en"]


def test_ontology_is_versioned_and_licensed() -> None:
    graph = _parse("kg.ttl")
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert graph.value(ONTOLOGY, OWL.versionIRI) == URIRef("https://w3id.org/statement-kg/ontology/0.1.0")
    assert str(graph.value(ONTOLOGY, OWL.versionInfo)) == "0.1.0"
    assert graph.value(ONTOLOGY, DCTERMS.license) == URIRef("https://www.apache.org/licenses/LICENSE-2.0")
    assert _english(graph, ONTOLOGY, DCTERMS.title) and _english(graph, ONTOLOGY, DCTERMS.description)


def test_every_kg_term_has_an_english_label_and_comment() -> None:
    graph = _parse("kg.ttl")
    terms = _kg_terms(graph)
    assert {KG[name] for name in MODEL_TERMS} <= terms
    unlabelled = {t for t in terms if not _english(graph, t, RDFS.label) or not _english(graph, t, RDFS.comment)}
    assert unlabelled == set()


def test_every_kg_term_used_by_the_model_and_shapes_is_defined() -> None:
    defined = {t.removeprefix(str(KG)) for t in _kg_terms(_parse("kg.ttl"))}
    model = ontology_file("MODEL.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\bkg:(\w+)", model))
    used |= {str(o).removeprefix(str(KG)) for t in shapes_graph() for o in t if str(o).startswith(str(KG))}
    assert used - defined - {""} == set()  # "" is the namespace itself, declared for SPARQL in the shapes


def test_event_typology_has_every_code_with_notation_label_and_definition() -> None:
    graph = _parse("event-types.ttl")
    concepts = set(graph.subjects(SKOS.inScheme, EVT[""]))
    assert concepts == {EVT[code] for code in CODES}
    for code in CODES:
        concept = EVT[code]
        assert str(graph.value(concept, SKOS.notation)) == code
        assert _english(graph, concept, SKOS.prefLabel) and _english(graph, concept, SKOS.definition)
        assert (concept, SKOS.topConceptOf, EVT[""]) in graph


def test_role_scheme_has_the_five_roles() -> None:
    graph = _parse("event-types.ttl")
    assert set(graph.subjects(SKOS.inScheme, ROLE[""])) == {ROLE[r] for r in ROLES}
    assert all(_english(graph, ROLE[r], SKOS.definition) for r in ROLES)


def test_mappings_point_to_described_concepts() -> None:
    graph = _parse("event-types.ttl")
    targets = {o for p in (SKOS.closeMatch, SKOS.relatedMatch, SKOS.narrowMatch) for o in graph.objects(None, p)}
    assert targets
    assert {t for t in targets if not _english(graph, t, SKOS.prefLabel)} == set()  # type: ignore[arg-type]


def _shape_list(shape: str) -> set[URIRef]:
    graph = shapes_graph()
    head = graph.value(URIRef("https://w3id.org/statement-kg/shapes#" + shape), SH["in"])
    return {URIRef(str(item)) for item in graph.items(head)}


def test_shapes_accept_exactly_the_schemes_concepts() -> None:
    graph = _parse("event-types.ttl")
    assert _shape_list("Event-eventType") == set(graph.subjects(SKOS.inScheme, EVT[""]))
    assert _shape_list("Role-roleType") == set(graph.subjects(SKOS.inScheme, ROLE[""]))


def test_context_has_the_project_prefixes_and_a_short_name_for_every_kg_term() -> None:
    context = json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert {p: context[p] for p in PREFIXES} == PREFIXES
    targets = {v if isinstance(v, str) else v["@id"] for k, v in context.items() if not k.startswith("@")}
    kg_terms = {"kg:" + t.removeprefix(str(KG)) for t in _kg_terms(_parse("kg.ttl"))}
    assert kg_terms - targets == set()


def test_context_expands_a_small_document() -> None:
    context = json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))
    data = {
        "@context": context["@context"],
        "id": "https://w3id.org/statement-kg/id/doc/1/s1/quantity/0-8",
        "type": "Quantity",
        "value": "12",
        "approximate": "true",
        "counted": "houses",
    }
    graph = Graph().parse(data=json.dumps(data), format="json-ld")
    node = URIRef(data["id"])
    assert (node, RDF.type, URIRef("https://schema.org/QuantitativeValue")) in graph
    assert graph.value(node, KG.approximate) == Literal(True)
