"""What a statement claims, in its assertion graph: mentions, times, counts, events, roles."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.mapping.builder import Quads, add_anchor, boolean, decimal, text, unit_of, xsd_date
from kg.model import DateMention, EntityMention, EventMention, Quantity, Statement
from kg.vocab import EVT, KG, RDF, RDF_TYPE, RDFS, ROLES, SCHEMA, SEM, TIME, entity_iri

ACTOR_CLASSES = {
    "person": SCHEMA.Person,
    "organization": SCHEMA.Organization,
    "state": KG.State,
    "armed_group": KG.ArmedGroup,
    "group_of_people": KG.GroupOfPeople,
}
RELATIONS = {"commemorates": KG.commemorates, "evidence_of": KG.isEvidenceOf, "part_of": SEM.subEventOf}


class AssertionMapper:
    """Maps one statement's mentions into its assertion graph."""

    def __init__(
        self, q: Quads, doc: NamedNode, doc_text: str, statement: NamedNode, graph: NamedNode, language: str
    ) -> None:
        self.q, self.doc, self.text, self.statement, self.graph = q, doc, doc_text, statement, graph
        self.language = language

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal | None) -> None:
        """Add a triple to the assertion graph (skipped when the object is unknown)."""
        self.q.maybe(s, p, o, self.graph)

    def map(self, statement: Statement) -> None:
        """Map every mention of the statement."""
        for entity in (*statement.places, *statement.actors):
            self.entity(entity)
        for found in statement.dates:
            self.time(found)
        for quantity in statement.quantities:
            self.quantity(quantity)
        events: list[NamedNode] = []
        taken: dict[str, int] = {}
        for event in statement.events:
            # Two mentions on one trigger (one per site of a list) must stay two nodes.
            iri = self.event_iri(event).value
            taken[iri] = taken.get(iri, 0) + 1
            events.append(NamedNode(iri if taken[iri] == 1 else f"{iri}-{taken[iri] - 1}"))
        for event, node in zip(statement.events, events, strict=True):
            self.event(event, node, events)

    def entity(self, mention: EntityMention) -> NamedNode:
        """A place or actor mention: the shared entity, pointed at from the text."""
        node = entity_iri(mention.key)
        self.add(node, KG.mention, add_anchor(self.q, self.doc, self.text, mention.anchor, self.graph))
        if mention.kind == "place":
            self.add(node, RDF_TYPE, SEM.Place)
        elif mention.kind == "named_event":
            self.add(node, RDF_TYPE, SEM.Event)
        else:
            self.add(node, RDF_TYPE, SEM.Actor)
            self.add(node, RDF_TYPE, ACTOR_CLASSES.get(mention.kind))
        if not mention.resolved:
            self.add(node, RDFS.label, text(mention.name))
            self.add(node, KG.resolved, boolean(False))
            if mention.kind == "place":
                self.add(node, KG.placeType, text(mention.subtype) if mention.subtype else None)
            elif mention.kind != "named_event":
                self.add(node, KG.actorKind, text(mention.kind))
        return node

    def time(self, found: DateMention) -> NamedNode:
        """A time expression: an OWL-Time interval with its unit, or marked unresolved."""
        node = NamedNode(f"{self.statement.value}/time/{found.anchor.start}-{found.anchor.end}")
        self.add(node, RDF_TYPE, TIME.ProperInterval)
        self.add(node, KG.mention, add_anchor(self.q, self.doc, self.text, found.anchor, self.graph))
        self.add(node, KG.dateKind, text(found.kind))
        if found.span is None or found.precision is None:
            self.add(node, KG.resolved, boolean(False))
            return node
        self.add(node, KG.iso, text(found.iso or ""))
        self.add(node, TIME.unitType, unit_of(found.precision))
        for edge, day, part in ((TIME.hasBeginning, found.span.start, "begin"), (TIME.hasEnd, found.span.end, "end")):
            instant = NamedNode(f"{node.value}#{part}")
            self.add(node, edge, instant)
            self.add(instant, RDF_TYPE, TIME.Instant)
            self.add(instant, TIME.inXSDDate, xsd_date(day))
        return node

    def quantity(self, found: Quantity) -> NamedNode:
        """A count or measure as stated: value or min/max, hedge, what is counted."""
        node = NamedNode(f"{self.statement.value}/quantity/{found.anchor.start}-{found.anchor.end}")
        self.add(node, RDF_TYPE, SCHEMA.QuantitativeValue)
        self.add(node, KG.mention, add_anchor(self.q, self.doc, self.text, found.anchor, self.graph))
        self.add(node, SCHEMA.value, decimal(found.value) if found.value is not None else None)
        self.add(node, SCHEMA.minValue, decimal(found.minimum) if found.minimum is not None else None)
        self.add(node, SCHEMA.maxValue, decimal(found.maximum) if found.maximum is not None else None)
        self.add(node, KG.approximate, boolean(found.approximate))
        self.add(node, KG.counted, text(found.counted, self.language))
        self.add(node, SCHEMA.unitText, text(found.unit) if found.unit else None)
        return node

    def event_iri(self, event: EventMention) -> NamedNode:
        """The event mention's IRI: statement, offsets and type."""
        a = event.anchor
        return NamedNode(f"{self.statement.value}/event/{a.start}-{a.end}-{event.event_type}")

    def event(self, event: EventMention, node: NamedNode, events: list[NamedNode]) -> None:
        """One statement's mention of a happening, with its time, place, roles and counts."""
        self.add(node, RDF_TYPE, SEM.Event)
        self.add(node, SEM.eventType, EVT[event.event_type])
        self.add(node, RDFS.label, text(event.label, self.language))
        self.add(node, KG.mention, add_anchor(self.q, self.doc, self.text, event.anchor, self.graph))
        if event.named_event:
            self.add(node, KG.refersTo, entity_iri(event.named_event))
            self.add(node, KG.authorLabel, text(event.label, self.language))
        if event.date is not None:
            self.add(node, SEM.hasTime, self.time(event.date))
        if event.place is not None:
            self.add(node, SEM.hasPlace, self.entity(event.place))
        for n, role in enumerate(event.roles):
            role_node = NamedNode(f"{node.value}/role/{n}")
            self.add(node, SEM.hasActor, role_node)
            self.add(role_node, RDF_TYPE, SEM.Role)
            self.add(role_node, SEM.roleType, ROLES[role.role])
            self.add(role_node, RDF.value, self.entity(role.actor))
        for quantity in event.quantities:
            self.add(node, KG.count, self.quantity(quantity))
        for relation, index in event.relations:
            if 0 <= index < len(events) and relation in RELATIONS:
                self.add(node, RELATIONS[relation], events[index])
