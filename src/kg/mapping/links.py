"""Candidate links between event mentions of different statements, in the links graph."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode

from kg.links import Candidate
from kg.mapping.builder import Quads, Row, decimal, text
from kg.vocab import KG, RDF_TYPE, SKOS, base, digest, links_graph


def map_links(candidates: Iterable[Candidate]) -> list[Row]:
    """Quads for candidate links: ``skos:closeMatch`` both ways plus a link node with its evidence.

    >>> rows = map_links([Candidate("http://x/a", "http://x/b", 0.8, ("same type", "same place"))])
    >>> sorted({p.value.rsplit("#", 1)[-1] for _, p, _, _ in rows})[:3]
    ['closeMatch', 'evidence', 'object']
    """
    q = Quads()
    graph = links_graph()
    for candidate in candidates:
        one, other = NamedNode(candidate.subject), NamedNode(candidate.object)
        link = NamedNode(f"{base()}link/{digest(candidate.subject + ' ' + candidate.object)}")
        q.add(one, SKOS.closeMatch, other, graph)
        q.add(other, SKOS.closeMatch, one, graph)
        q.add(link, RDF_TYPE, KG.CandidateLink, graph)
        q.add(link, KG.subject, one, graph)
        q.add(link, KG.object, other, graph)
        q.add(link, KG.score, decimal(candidate.score), graph)
        for evidence in candidate.evidence:
            q.add(link, KG.evidence, text(evidence), graph)
    return q.rows
