"""Load the demo (``make run``): institutions, issuers, staff, learners and badge classes.

Everything goes through the actions (``create_institution``, ``create_issuer``,
``create_badge_class``, ``set_badge_class_translation``, ``publish_badge_class``,
``archive_badge_class``), so the demo holds exactly what the product would
write, audit events included. The two exceptions: accounts are made with
``User.objects.create_user`` and the cast's memberships with
``Membership.objects.create``, since invitations need e-mail round trips.

Idempotent: objects are found by natural keys (user e-mail, institution name,
issuer name within its institution, badge class name within its institution)
and skipped when present, so a second run changes nothing. The content lives
in ``demo.data``; all demo accounts share ``DEMO_PASSWORD``.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.timezone import now

from accounts.models import EmailAddress
from badges.actions import (
    archive_badge_class,
    create_badge_class,
    publish_badge_class,
    set_badge_class_translation,
)
from badges.choices import Status
from badges.models import Award, BadgeClass
from demo import awards as demo_awards
from demo import data
from demo.images import badge_image
from issuers.actions import create_institution, create_issuer
from issuers.models import Institution, Issuer, Membership, Role

# Keys of a badge-class entry that the loader handles itself (see demo.data).
LOADER_KEYS = (
    "image",
    "outcomes",
    "stack_targets",
    "prerequisite_badges",
    "translate",
    "status",
)


class DemoLoader:
    """Create whatever part of the demo is missing; collect the logins for the summary."""

    def __init__(self) -> None:
        self.logins: list[tuple[str, str, str]] = []  # (email, role, where)
        self._password_hash: str | None = None

    # --- accounts and memberships ---------------------------------------------------------

    def password_hash(self) -> str:
        # Hashed once and shared: hashing per account costs ~0.2 s each with PBKDF2.
        if self._password_hash is None:
            self._password_hash = make_password(data.DEMO_PASSWORD)
        return self._password_hash

    def user(self, spec: dict[str, str]):
        User = get_user_model()
        user = User.objects.filter(email__iexact=spec["email"]).first()
        if user is not None:
            return user
        user = User.objects.create_user(
            spec["email"],
            None,
            full_name=spec["full_name"],
            language=spec.get("language", "en"),
        )
        user.password = self.password_hash()
        user.save(update_fields=["password"])
        # Demo addresses count as verified, so awards to them show in the accounts.
        EmailAddress.objects.create(user=user, email=user.email, verified_at=now())
        return user

    def membership(self, user, scope: Institution | Issuer, role: str) -> None:
        scope_kwargs = (
            {"institution": scope}
            if isinstance(scope, Institution)
            else {"issuer": scope}
        )
        if not Membership.objects.filter(user=user, **scope_kwargs).exists():
            Membership.objects.create(user=user, role=role, **scope_kwargs)
        where = (
            str(scope) if isinstance(scope, Institution) else f"{scope} (issuer only)"
        )
        self.logins.append((user.email, Role(role).label, where))

    # --- institutions and issuers ---------------------------------------------------------

    def institution(self, spec: dict[str, Any]) -> None:
        staff = {member["role"]: self.user(member) for member in spec["staff"]}
        owner = staff[Role.OWNER]
        institution = Institution.objects.filter(name=spec["name"]).first()
        if institution is None:
            institution = create_institution(
                acting_user=owner, name=spec["name"], **spec["fields"]
            )
        for member in spec["staff"]:
            self.membership(staff[member["role"]], institution, member["role"])
        designer = staff.get(Role.EDITOR, owner)
        registry = {
            b.name: b
            for b in BadgeClass.objects.filter(issuer__institution=institution)
        }
        for issuer_spec in spec["issuers"]:
            issuer = self.issuer(
                institution, issuer_spec, owner=owner, colour=spec["colour"]
            )
            for member in issuer_spec.get("staff", ()):
                self.membership(self.user(member), issuer, member["role"])
            for class_spec in issuer_spec["badge_classes"]:
                merged = {**spec.get("defaults", {}), **class_spec}
                self.badge_class(
                    issuer,
                    merged,
                    registry,
                    acting_user=designer,
                    colour=spec["colour"],
                )

    def issuer(
        self, institution: Institution, spec: dict[str, Any], *, owner, colour: str
    ) -> Issuer:
        issuer = Issuer.objects.filter(
            institution=institution, name=spec["name"]
        ).first()
        if issuer is not None:
            return issuer
        logo = badge_image(
            spec["initials"], colour, kind=spec.get("logo_kind", "png"), shape="shield"
        )
        return create_issuer(
            institution=institution,
            acting_user=owner,
            image=logo,
            name=spec["name"],
            **spec["fields"],
        )

    # --- badge classes --------------------------------------------------------------------

    def badge_class(
        self,
        issuer: Issuer,
        spec: dict[str, Any],
        registry: dict[str, BadgeClass],
        *,
        acting_user,
        colour,
    ):
        name = spec["name"]
        if name in registry:
            return registry[name]
        values = {key: value for key, value in spec.items() if key not in LOADER_KEYS}
        picture = spec["image"]
        image = badge_image(
            picture["initials"],
            colour,
            kind=picture.get("kind", "png"),
            shape=picture.get("shape", "circle"),
            caption=picture.get("caption", ""),
        )
        outcomes = [
            {
                "text": text,
                "framework": data.ESCO_FRAMEWORK,
                "url": f"{data.ESCO_SKILL}{skill}",
            }
            if skill
            else {"text": text}
            for text, skill in spec.get("outcomes", ())
        ]
        stack_targets = [
            {**item, "target": _lookup(registry, item["target"], name)}
            if "target" in item
            else item
            for item in spec.get("stack_targets", ())
        ]
        prerequisites = [
            _lookup(registry, other, name)
            for other in spec.get("prerequisite_badges", ())
        ]
        badge_class = create_badge_class(
            issuer=issuer,
            acting_user=acting_user,
            image=image,
            learning_outcomes=outcomes,
            stack_targets=stack_targets,
            prerequisite_badges=prerequisites,
            **values,
        )
        for language, translation in spec.get("translate", {}).items():
            set_badge_class_translation(
                badge_class=badge_class,
                language=language,
                texts=translation["texts"],
                outcomes=translation.get("outcomes", ()),
                acting_user=acting_user,
            )
        status = spec.get("status", Status.PUBLISHED)
        if status in (Status.PUBLISHED, Status.ARCHIVED):
            publish_badge_class(badge_class=badge_class, acting_user=acting_user)
        if status == Status.ARCHIVED:
            archive_badge_class(badge_class=badge_class, acting_user=acting_user)
        registry[name] = badge_class
        return badge_class

    # --- everything -------------------------------------------------------------------------

    # --- awards ------------------------------------------------------------------------------

    def awards(self) -> None:
        """Award badges to the learners (signed like any award); skip those already given."""
        from datetime import timedelta

        from django.utils.timezone import now

        from badges.actions import award_badge, revoke_award
        from badges.models import Award

        for class_name, email, days_ago, extra in demo_awards.AWARDS:
            badge_class = BadgeClass.objects.select_related("issuer").get(
                name=class_name
            )
            if Award.objects.filter(
                badge_class=badge_class, recipient_identity=email
            ).exists():
                continue
            extra = dict(extra)
            reason = extra.pop("revoke", "")
            staff = (
                badge_class.issuer.institution.memberships.order_by("pk").first().user
            )
            award = award_badge(
                badge_class=badge_class,
                recipient_identity=email,
                issued_on=now() - timedelta(days=days_ago),
                acting_user=staff,
                **extra,
            )
            if reason:
                revoke_award(award=award, reason=reason, acting_user=staff)

    def backpacks(self) -> None:
        """Līga accepts her badges and shares a collection of the catering ones."""
        from badges.models import Award
        from wallet import actions as wallet_actions

        liga = get_user_model().objects.get(email=demo_awards.LIGA)
        if liga.collections.exists():
            return
        held = [
            wallet_actions.accept_award(user=liga, award=award)
            for award in Award.objects.filter(recipient_identity=demo_awards.LIGA)
            .select_related("badge_class")
            .order_by("issued_on")
        ]
        collection = wallet_actions.create_collection(
            user=liga,
            name="Pavāres portfolio",
            description="Mana ēdināšanas izglītība un darba drošība.",
        )
        for item in held:
            if not item.award.is_expired:
                wallet_actions.add_to_collection(
                    user=liga, collection=collection, held=item
                )
        wallet_actions.share(user=liga, collection=collection)

    # --- everything -------------------------------------------------------------------------

    def load(self) -> None:
        for spec in data.INSTITUTIONS:
            self.institution(spec)
        for spec in data.LEARNERS:
            self.user(spec)
            self.logins.append((spec["email"], "Learner", "—"))
        self.awards()
        self.backpacks()


def _counts() -> dict[str, int]:
    return {
        "institutions": Institution.objects.count(),
        "issuers": Issuer.objects.count(),
        "badge classes": BadgeClass.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "awards": Award.objects.count(),
    }


def _lookup(registry: dict[str, BadgeClass], name: str, referrer: str) -> BadgeClass:
    try:
        return registry[name]
    except KeyError:
        raise CommandError(
            f"Demo data: “{referrer}” refers to “{name}”, which is not defined before it."
        ) from None


class Command(BaseCommand):
    help = "Load the demo institutions, staff, learners and badge classes (safe to run again)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (never on a real installation).",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: refusing to load demo data. Use --force if you really mean it."
            )
        started = time.monotonic()
        before = _counts()
        loader = DemoLoader()
        with transaction.atomic():
            loader.load()
        after = _counts()
        elapsed = time.monotonic() - started
        if options["verbosity"] == 0:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {elapsed:.1f} s."))
        for kind, total in after.items():
            self.stdout.write(
                f"  {kind:<14} {total - before[kind]:>3} new, {total:>3} in the database"
            )
        statuses = Counter(BadgeClass.objects.values_list("status", flat=True))
        self.stdout.write(
            "  badge classes: "
            + ", ".join(
                f"{statuses[s]} {Status(s).label.lower()}" for s in Status.values
            )
        )
        self._logins(loader.logins)
        from wallet.models import ShareLink

        link = ShareLink.objects.filter(
            revoked_at=None, collection__name="Pavāres portfolio"
        ).first()
        if link:
            self.stdout.write(
                f"\nA learner's shared collection: {settings.PUBLIC_BASE_URL}/share/{link.token}"
            )
        self.stdout.write(
            "Other backpacks connect through the Open Badges 3.0 API: "
            f"{settings.PUBLIC_BASE_URL}/ims/ob/v3p0/discovery"
        )

    def _logins(self, logins: list[tuple[str, str, str]]) -> None:
        width = max(len(email) for email, _role, _where in logins)
        role_width = max(len(role) for _email, role, _where in logins)
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"Demo logins (password for all: {data.DEMO_PASSWORD})"
            )
        )
        self.stdout.write(f"  {'e-mail':<{width}}  {'role':<{role_width}}  where")
        for email, role, where in logins:
            self.stdout.write(f"  {email:<{width}}  {role:<{role_width}}  {where}")
