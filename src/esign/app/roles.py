"""Roles as use cases: grant, list and revoke who may sign a.n./u.b. or as Plt./Plh. for
which post and when, and the check ``sign`` makes before any passphrase.

Enforcement (docs/workflow.md "Signing for someone"): once the store holds any grant
(revoked ones count: revoking the last one must not switch the check off), a delegated
signature the grants do not allow is refused (:class:`~esign.errors.RoleError`, exit 18).
A store with no grants at all signs as before, with one warning that the delegation was
not checked: offices that never record roles keep working.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from esign.errors import CertificateError, RoleError
from esign.models import Acting, CertKind, SigningRole
from esign.pki import dn, identity_of
from esign.roles import problem
from esign.store import RoleGrant, Store


class RoleState(StrEnum):
    """How a grant stands at a moment (``role list``)."""

    ACTIVE = "active"
    NOT_YET = "not_yet"
    ENDED = "ended"
    REVOKED = "revoked"


def state(grant: RoleGrant, at: datetime) -> RoleState:
    """``active``, ``not_yet``, ``ended`` or ``revoked`` at ``at``."""
    if grant.revoked_at is not None and grant.revoked_at <= at:
        return RoleState.REVOKED
    if grant.valid_from is not None and at < grant.valid_from:
        return RoleState.NOT_YET
    if grant.valid_until is not None and grant.valid_until <= at:
        return RoleState.ENDED
    return RoleState.ACTIVE


def grant(
    store: Store,
    identity_id: str,
    *,
    post: str,
    may_sign_for: str | None,
    acting: Acting | None,
    valid_from: datetime | None,
    valid_until: datetime | None,
    at: datetime,
) -> RoleGrant:
    """Record a role of an officer, with its audit entry (one transaction)."""
    record = store.get(identity_id)
    if record.kind is not CertKind.PERSON:
        raise CertificateError("role.person_only", id=identity_id, kind=record.kind.value)
    with store.transaction():
        number = store.add_role_grant(
            identity_id=identity_id,
            post=post,
            may_sign_for=may_sign_for,
            acting=acting,
            valid_from=valid_from,
            valid_until=valid_until,
            at=at,
        )
        store.audit(
            "role.grant",
            at=at,
            identity=identity_id,
            subject=dn(record.cert.subject),
            detail={
                "grant": number,
                "post": post,
                "may_sign_for": may_sign_for,
                "acting": acting.value if acting else None,
                "from": valid_from.isoformat() if valid_from else None,
                "until": valid_until.isoformat() if valid_until else None,
            },
        )
    (made,) = [g for g in store.role_grants(identity_id) if g.id == number]
    return made


@dataclass(frozen=True, slots=True)
class Revoked:
    """A grant after ``role revoke``: as it is now, and whether this call revoked it."""

    grant: RoleGrant
    now_revoked: bool


def revoke(store: Store, grant_id: int, at: datetime) -> Revoked:
    """Revoke a grant from ``at`` on, audited; a grant already revoked stays as it was."""
    with store.transaction():
        before = [g for g in store.role_grants() if g.id == grant_id]
        after = store.revoke_role_grant(grant_id, at)  # StoreError for an unknown number
        if before and before[0].revoked_at is not None:
            return Revoked(after, False)
        store.audit(
            "role.revoke",
            at=at,
            identity=after.identity_id,
            subject=f"grant {grant_id}",
            detail={"grant": grant_id, "post": after.post, "may_sign_for": after.may_sign_for},
        )
    return Revoked(after, True)


def check_delegation(
    store: Store, signer_id: str, role: SigningRole | None, at: datetime, *, file: str | None = None
) -> bool:
    """Whether ``role`` was checked against the store's grants (False: the store records
    none, so it could not be); raises RoleError when the grants do not allow it at ``at``."""
    if role is None:
        return True
    grants = store.role_grants()
    if not grants:
        return False
    title = identity_of(store.get(signer_id).cert).title
    found = problem(grants, signer_id, role, title, at)
    if found is not None:
        refused = RoleError(
            f"role.refused.{found.code}",
            hint_key="role.refused.hint",
            id=signer_id,
            part=found.statement,
            when=at,
        )
        if file is None:
            raise refused
        raise RoleError(
            "role.refused.in_file",
            hint_key="role.refused.hint",
            file=file,
            detail=refused.message,
            id=signer_id,
        )
    return True


def day_window(
    start: date | None, until: date | None, tz: tzinfo
) -> tuple[datetime | None, datetime | None]:
    """``--from``/``--until`` days (the last one included) as the instants a grant keeps:
    the start of ``start`` and the start of the day after ``until``, in ``tz``."""

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)

    return (
        midnight(start) if start else None,
        midnight(until + timedelta(days=1)) if until else None,
    )


def grant_days(grant: RoleGrant, tz: tzinfo) -> tuple[date | None, date | None]:
    """The first and last day (included) of ``grant``, in ``tz``."""
    start = grant.valid_from.astimezone(tz).date() if grant.valid_from else None
    if grant.valid_until is None:
        return start, None
    return start, (grant.valid_until.astimezone(tz) - timedelta(microseconds=1)).date()
