"""The demo's content, as plain data: institutions, issuers, staff, badge classes and learners.

Seed facts come from real European programmes (Danish AMU adult vocational
training, Icelandic electrotechnics micro-skills in the style of RAFMENNT, an
Irish further-education Microsoft 365 award, openSAP-style MOOC records of
achievement, Dutch edubadges with ECTS, Latvian 160-hour professional
development programmes). The institutions, people, addresses, course codes,
accreditation decisions and ESCO links are invented: descriptions say "(demo)"
and framework links are labelled ``ESCO (demo link)``.

Badge-class entries hold the fields of ``badges.actions.create_badge_class``
plus a few keys the loader reads itself:

* ``outcomes``: ``(text, esco_skill_uuid_or_None)`` pairs, in order;
* ``image``: how to draw the picture (``initials``, ``kind`` png/svg, ``shape``, ``caption``);
* ``stack_targets``: like the action's, with ``target`` naming a badge class of the same institution;
* ``prerequisite_badges``: names of badge classes of the same institution, created earlier;
* ``translate``: ``{language: {"texts": {...}, "outcomes": [...]}}`` for ``set_badge_class_translation``;
* ``status``: ``published`` (default), ``draft`` or ``archived``.

Each institution's ``defaults`` are merged into its badge classes (the class wins).
"""

from __future__ import annotations

from . import institutions

# Every demo account signs in with this password (documented in README and printed by load_demo).
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (a published demo password, not a secret)

ESCO_SKILL = "http://data.europa.eu/esco/skill/"
ESCO_FRAMEWORK = "ESCO (demo link)"

LEARNERS = [
    {
        "email": "liga.vitola@learner.example",
        "full_name": "Līga Vītola",
        "language": "lv",
    },
    {
        "email": "sean.obriain@learner.example",
        "full_name": "Seán Ó Briain",
        "language": "en",
    },
    {
        "email": "emma.nielsen@learner.example",
        "full_name": "Emma Nielsen",
        "language": "en",
    },
    {
        "email": "amir.haddad@learner.example",
        "full_name": "Amir Haddad",
        "language": "en",
    },
]

# One module per institution, in demo/institutions/.
INSTITUTIONS = institutions.INSTITUTIONS
