"""RDF Dataset Canonicalization (RDFC-1.0) that counts its deep iterations.

RDFC-1.0 (W3C Recommendation, 2024) names most blank nodes from their
first-degree hash (section 4.6 "Hash First Degree Quads"). Blank nodes that
share one, because they have the same properties and values, need the
expensive section 4.8 "Hash N-Degree Quads", which may recurse into their
neighbours and try permutations of them. Section 4.4.1 asks implementations
to bound that work, and the common verifiers do: rdf-canonize (4.x and 5.x,
under ``@digitalbazaar/vc`` 7 and ``@digitalcredentials/vc`` 10 through their
``eddsa-rdfc-2022`` cryptosuites) allows, by default, as many calls of Hash
N-Degree Quads as there are blank nodes sharing a first-degree hash
(``maxWorkFactor`` 1: ``maxDeepIterations = nonUniqueCount ** 1``) and fails
with "Maximum deep iterations exceeded (N)" on the next call. A document
whose blank nodes all have distinct first-degree hashes needs no deep
iteration at all.

``canonize(dataset, max_work_factor=1)`` runs pyld's RDFC-1.0 (which pyld
calls ``URDNA2015``; the output is identical) with the same counter and the
same limit, and raises ``CanonicalizationLimitError`` at the call
rdf-canonize would refuse. For two issuer addresses written as identical
anonymous nodes, for example::

    <did:web:...> <https://schema.org/address> _:b0 .
    <did:web:...> <https://schema.org/address> _:b1 .
    _:b0 <https://schema.org/addressCountry> "LV" .   (and the same for _:b1)

two blank nodes share a hash, the limit is 2, and two calls are made
(one per node): within the limit. A list of four anonymous learning
outcomes adds two alike list nodes (the middle ``rdf:rest`` links); the
call for each recurses into the other, so they take four calls. With the
addresses that makes six calls where four alike nodes allow four: refused,
as rdf-canonize refuses it with "Maximum deep iterations exceeded (4)".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from pyld.canon import URDNA2015

from ..errors import CanonicalizationLimitError

__all__ = ["MAX_WORK_FACTOR", "VERIFY_MAX_WORK_FACTOR", "Work", "canonize"]

#: rdf-canonize's default ``maxWorkFactor``, the strictest default of the
#: verifiers known to be used for Open Badges 3.0 (Digital Bazaar's and DCC's).
MAX_WORK_FACTOR = 1
#: What our verifier spends on a document signed elsewhere: ``alike ** 2`` deep
#: iterations. An @list of anonymous nodes, like the learning outcomes of
#: credentials issued before the signing guard existed, needs exactly that
#: many whatever its length, so those still verify; and it ends the W3C
#: suite's poison graph (test074c) in milliseconds, where a factor of 3 takes
#: 0.6 s.
VERIFY_MAX_WORK_FACTOR = 2

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_LIST_STEPS = (_RDF + "first", _RDF + "rest")


@dataclass
class Work:
    """What canonicalisation cost: deep iterations made, and the default limit."""

    blank_nodes: int = 0
    #: Blank nodes that share their first-degree hash with another one.
    alike: int = 0
    #: Calls of Hash N-Degree Quads (section 4.8), recursive calls included.
    deep_iterations: int = 0
    #: Where the alike nodes hang, e.g. ``{"<...#address>": 2}``.
    alike_by_property: dict[str, int] = field(default_factory=dict)

    def limit(self, max_work_factor: int = MAX_WORK_FACTOR) -> int:
        """Return rdf-canonize's ``maxDeepIterations`` for this dataset."""
        return self.alike**max_work_factor


class _CountingRDFC10(URDNA2015):
    def __init__(self, max_work_factor: int | None, hash_name: str) -> None:
        super().__init__()
        self.max_work_factor = max_work_factor
        self.hash_name = hash_name
        self.work = Work()
        self._counted_alike = False

    def _count_alike(self) -> None:
        # Hash N-Degree Quads is first called in step 6, after step 5 has
        # removed every unique hash from the hash to blank nodes map: what
        # is left are the alike nodes, which rdf-canonize's limit counts.
        self._counted_alike = True
        groups = list(self.hash_to_blank_nodes.values())
        self.work.alike = sum(len(ids) for ids in groups)
        for ids in groups:
            for id_ in ids:
                where = self._holder(id_)
                self.work.alike_by_property[where] = (
                    self.work.alike_by_property.get(where, 0) + 1
                )

    def _holder(self, id_: str) -> str:
        """Return the property that leads to blank node ``id_``, through any @list."""
        in_list = False
        seen = set()
        while id_ not in seen:
            seen.add(id_)
            incoming = [
                q
                for q in self.blank_node_info[id_]["quads"]
                if q["object"]["type"] == "blank node" and q["object"]["value"] == id_
            ]
            if not incoming:
                return "(a top-level node)"
            subject, predicate = incoming[0]["subject"], incoming[0]["predicate"]
            if predicate["value"] in _LIST_STEPS and subject["type"] == "blank node":
                in_list = True
                id_ = subject["value"]
                continue
            return f"<{predicate['value']}>" + (" (an @list)" if in_list else "")
        return "(a cycle of blank nodes)"

    def create_hash(self) -> Any:
        # RDFC-1.0, section 4.4: SHA-256 unless the caller names another
        # hash (ecdsa-rdfc-2019 with P-384 keys canonicalises with SHA-384,
        # as rdf-canonize's messageDigestAlgorithm does).
        return hashlib.new(self.hash_name)

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> dict[str, Any]:
        if not self._counted_alike:
            self._count_alike()
        limit = (
            None
            if self.max_work_factor is None
            else self.work.limit(self.max_work_factor)
        )
        if limit is not None and self.work.deep_iterations >= limit:
            raise CanonicalizationLimitError(_refusal(self.work, limit))
        self.work.deep_iterations += 1
        return super().hash_n_degree_quads(id_, issuer)


def _refusal(work: Work, limit: int) -> str:
    places = ", ".join(
        f"{count} under {where}"
        for where, count in sorted(work.alike_by_property.items())
    )
    return (
        f"RDFC-1.0 canonicalisation of this document needs more than {limit} deep "
        "iterations (Hash N-Degree Quads calls), the default limit of common "
        f"verifiers (one per blank node that looks like another). The {work.alike} "
        f"alike blank nodes are: {places}. Give these nodes an id or make them "
        "differ, or verifiers on their default settings will reject the credential."
    )


def canonize(
    dataset: dict[str, Any],
    *,
    max_work_factor: int | None = MAX_WORK_FACTOR,
    hash_name: str = "sha256",
) -> tuple[str, Work]:
    """Return the canonical N-Quads of a pyld RDF dataset and the work it took.

    Raise ``CanonicalizationLimitError`` when more deep iterations are needed
    than ``alike ** max_work_factor`` (rdf-canonize's rule); ``None`` means
    no limit. ``hash_name`` is RDFC-1.0's hash algorithm (``"sha256"``, or
    ``"sha384"``).
    """
    algorithm = _CountingRDFC10(max_work_factor, hash_name)
    nquads = algorithm.main(dataset, {"format": "application/n-quads"})
    algorithm.work.blank_nodes = len(algorithm.blank_node_info)
    if not algorithm._counted_alike:
        algorithm._count_alike()
    return nquads, algorithm.work
