"""Rules of the badge class actions that the pages and API share."""

from __future__ import annotations

from badges.actions import set_badge_class_translation, update_badge_class


def test_removing_a_translation_removes_it_from_the_outcomes_too(cast):
    badge_class = cast.badge_class
    set_badge_class_translation(badge_class=badge_class, language="lv", texts={"name": "Metināšana"},
                                outcomes=["Metināt", "Pārbaudīt"], acting_user=cast.erin)  # fmt: skip
    assert [o.translations for o in badge_class.learning_outcomes.all()] == [
        {"lv": {"text": "Metināt"}},
        {"lv": {"text": "Pārbaudīt"}},
    ]
    set_badge_class_translation(
        badge_class=badge_class,
        language="lv",
        texts={},
        outcomes=["Metināt"],
        acting_user=cast.erin,
    )
    badge_class.refresh_from_db()
    assert "lv" not in badge_class.translations
    assert [o.translations for o in badge_class.learning_outcomes.all()] == [{}, {}]


def test_outcomes_follow_a_change_of_primary_language(cast):
    badge_class = cast.badge_class
    set_badge_class_translation(badge_class=badge_class, language="de", texts={"name": "Schweißen"},
                                outcomes=["Kehlnähte schweißen"], acting_user=cast.erin)  # fmt: skip
    update_badge_class(
        badge_class=badge_class, acting_user=cast.erin, language="de", translations={}
    )
    outcomes = list(badge_class.learning_outcomes.all())
    assert {o.language for o in outcomes} == {"de"}
    assert outcomes[0].translations == {}
