"""Default-graph facts (document, agents) and each statement's nanopublication frame."""

from __future__ import annotations

import hashlib

from pyoxigraph import NamedNode

from kg import __version__
from kg.mapping.builder import Quads, dated, text, xsd_date
from kg.model import Extraction, Speaker, Statement
from kg.vocab import (
    DCTERMS,
    EXTRACTOR,
    KG,
    NP,
    ORG,
    PROV,
    RDF_TYPE,
    SCHEMA,
    SKOS,
    base,
    document_iri,
    entity_iri,
    slug,
)


def content_hash(body: str) -> str:
    """The document's content hash as stored (``sha256:`` + hex).

    >>> content_hash("a")[:15]
    'sha256:ca978112'
    """
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def statement_iri(doc: NamedNode, index: int) -> NamedNode:
    """The statement (nanopublication) IRI: the document plus the statement's index."""
    return NamedNode(f"{doc.value}/s{index}")


def statement_graphs(statement: NamedNode) -> dict[str, NamedNode]:
    """The four graphs of a statement, by name.

    >>> sorted(statement_graphs(NamedNode("http://x/s0")))
    ['assertion', 'head', 'provenance', 'pubinfo']
    """
    return {part: NamedNode(f"{statement.value}/{part}") for part in ("head", "assertion", "provenance", "pubinfo")}


def person_iri(name: str) -> NamedNode:
    """A speaking person's IRI from the name."""
    return NamedNode(f"{base()}person/{slug(name)}")


def organization_iri(speaker: Speaker) -> NamedNode | None:
    """The speaking organisation: its gazetteer entity when resolved, else one named after it."""
    if speaker.organization_key:
        return entity_iri(speaker.organization_key)
    if speaker.organization:
        return entity_iri(f"actor/x-{slug(speaker.organization)}")
    return None


def map_document(q: Quads, ex: Extraction, previous_hash: str | None) -> NamedNode:
    """Bibliographic facts about the document, in the default graph."""
    doc = ex.document
    node = document_iri(doc.source)
    q.add(node, RDF_TYPE, SCHEMA.CreativeWork)
    q.add(node, RDF_TYPE, PROV.Entity)
    q.add(node, SCHEMA.text, text(doc.text))
    q.add(node, SCHEMA.inLanguage, text(ex.language))
    q.add(node, KG.contentHash, text(content_hash(doc.text)))
    q.add(node, SCHEMA.encodingFormat, text(doc.format))
    if doc.title:
        q.add(node, SCHEMA.name, text(doc.title))
    if doc.url:
        q.add(node, SCHEMA.url, NamedNode(doc.url))
    else:
        q.add(node, KG.sourceFile, text(doc.path))
    if ex.published is not None and ex.published.iso:
        q.add(node, SCHEMA.datePublished, dated(ex.published.iso.split("/")[0]))
    if ex.publisher is not None:
        publisher = entity_iri(ex.publisher.key)
        q.add(node, SCHEMA.publisher, publisher)
        _organization(q, publisher, ex.publisher.name)
    if previous_hash and previous_hash != content_hash(doc.text):
        version = NamedNode(f"{node.value}/version/{previous_hash.split(':')[-1][:16]}")
        q.add(node, PROV.wasRevisionOf, version)
        q.add(version, RDF_TYPE, PROV.Entity)
        q.add(version, KG.contentHash, text(previous_hash))
        q.add(version, DCTERMS.isReplacedBy, node)
    for statement in ex.statements:
        agent = speaker_agent(q, statement.speaker)
        # The main voice is the document's author; the voices it relays are described but are not its authors.
        if agent is not None and statement.index == 0:
            q.add(node, SCHEMA.author, agent)
        elif agent is not None:
            q.add(node, SCHEMA.mentions, agent)
    return node


def _organization(q: Quads, node: NamedNode, name: str) -> None:
    q.add(node, RDF_TYPE, SCHEMA.Organization)
    q.add(node, RDF_TYPE, ORG.Organization)
    q.add(node, RDF_TYPE, PROV.Agent)
    q.add(node, SCHEMA.name, text(name))


def speaker_agent(q: Quads, speaker: Speaker | None) -> NamedNode | None:
    """Describe the speaker (person, organisation, membership) in the default graph; return the agent."""
    if speaker is None:
        return None
    org = organization_iri(speaker)
    if org is not None and speaker.organization:
        _organization(q, org, speaker.organization)
    if not speaker.name:
        return org
    person = person_iri(speaker.name)
    q.add(person, RDF_TYPE, SCHEMA.Person)
    q.add(person, RDF_TYPE, PROV.Agent)
    q.add(person, SCHEMA.name, text(speaker.name))
    if org is not None or speaker.role:
        held = f"{slug(speaker.organization or '')}-{slug(speaker.role or '')}"
        membership = NamedNode(f"{person.value}/membership/{held}")
        q.add(membership, RDF_TYPE, ORG.Membership)
        q.add(membership, ORG.member, person)
        if org is not None:
            q.add(membership, ORG.organization, org)
        if speaker.role:
            position = position_iri(speaker.role)
            q.add(membership, ORG.role, position)
            q.add(position, RDF_TYPE, ORG.Role)
            q.add(position, SKOS.prefLabel, text(speaker.role))
    return person


def position_iri(role: str) -> NamedNode:
    """A role (position) such as "Commissioner for Human Rights", shared across documents."""
    return NamedNode(f"{base()}position/{slug(role)}")


def map_frame(q: Quads, ex: Extraction, doc: NamedNode, statement: Statement) -> dict[str, NamedNode]:
    """Head, provenance and publication-info graphs of one statement; returns its graphs."""
    node = statement_iri(doc, statement.index)
    graphs = statement_graphs(node)
    head, assertion, provenance, pubinfo = (graphs[k] for k in ("head", "assertion", "provenance", "pubinfo"))
    q.add(node, RDF_TYPE, NP.Nanopublication, head)
    q.add(node, NP.hasAssertion, assertion, head)
    q.add(node, NP.hasProvenance, provenance, head)
    q.add(node, NP.hasPublicationInfo, pubinfo, head)
    q.add(assertion, RDF_TYPE, NP.Assertion, head)
    q.add(provenance, RDF_TYPE, NP.Provenance, head)
    q.add(pubinfo, RDF_TYPE, NP.PublicationInfo, head)
    q.add(assertion, PROV.wasDerivedFrom, doc, provenance)
    if ex.published is not None and ex.published.span is not None:
        q.add(assertion, PROV.generatedAtTime, xsd_date(ex.published.span.start), provenance)
    _attribution(q, statement, assertion, provenance)
    extractor = NamedNode(f"{EXTRACTOR}{ex.extractor}")
    q.add(node, PROV.wasGeneratedBy, extractor, pubinfo)
    q.add(extractor, RDF_TYPE, PROV.SoftwareAgent, pubinfo)
    q.add(extractor, SCHEMA.softwareVersion, text(__version__), pubinfo)
    q.add(node, DCTERMS.source, doc, pubinfo)
    return graphs


def _attribution(q: Quads, statement: Statement, assertion: NamedNode, provenance: NamedNode) -> None:
    speaker = statement.speaker
    if speaker is None:
        return
    org = organization_iri(speaker)
    agent = person_iri(speaker.name) if speaker.name else org
    if agent is None:
        return
    q.add(assertion, PROV.wasAttributedTo, agent, provenance)
    attribution = NamedNode(assertion.value.removesuffix("/assertion") + "/attribution")
    q.add(assertion, PROV.qualifiedAttribution, attribution, provenance)
    q.add(attribution, RDF_TYPE, PROV.Attribution, provenance)
    q.add(attribution, PROV.agent, agent, provenance)
    if speaker.role:
        q.add(attribution, PROV.hadRole, position_iri(speaker.role), provenance)
    if speaker.name and org is not None:
        q.add(agent, PROV.actedOnBehalfOf, org, provenance)
