"""Signing for someone, checked against the store's roles (office practice §3).

Three things, all pure (time passed in):

* :func:`problem`: whether the role grants let an officer sign ``a.n.``/``u.b.`` or as
  ``Plt.``/``Plh.`` at a moment (None: they do), for the refusal before any passphrase;
* :func:`claimed_attributes` / :func:`read_claim`: the claim as CAdES signer-attributes-v2
  claimed attributes (ETSI EN 319 122-1 5.2.6.1), so it is covered by the signature;
* :func:`assess`: a verified signature's claim against the verifier's roles
  (confirmed / not confirmed / unknown).

The claimed attributes use esign's own OID arc, a UUID OID (ITU-T X.667, no registration
needed): ``2.25.35153134467318253906559459720119976353`` (UUID
1a723f57-a2cb-4373-b1b2-1d12ddec01a1). Each attribute has one UTF8String value written as
the letter writes it (``a.n. Bupati Jember``), so readers that list claimed roles as text
(EU DSS does) show something a person understands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography import x509

from esign.models import Acting, Delegation, DelegationStatus, Finding, SigningRole, finding
from esign.pki import fingerprint
from esign.store.records import RoleGrant

ARC = "2.25.35153134467318253906559459720119976353"
"""esign's OID arc for signed attributes (a UUID OID)."""
OID_ON_BEHALF_OF = f"{ARC}.1"
"""Claimed attribute: ``a.n. <post>``."""
OID_VIA = f"{ARC}.2"
"""Claimed attribute: ``u.b. <post>``."""
OID_ACTING = f"{ARC}.3"
"""Claimed attribute: ``Plt. <post>`` or ``Plh. <post>`` (the post acted in)."""

_PREFIX = {OID_ON_BEHALF_OF: "a.n.", OID_VIA: "u.b."}


def same_post(a: str | None, b: str | None) -> bool:
    """Two spellings of one post: case and runs of spaces do not matter."""
    if a is None or b is None:
        return False
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


# --- the check ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleProblem:
    """What the grants do not allow: ``acting``, ``for`` (a.n./u.b.) or ``chain`` (the
    post signed u.b. for may not sign a.n. for the head)."""

    code: str
    """``acting``, ``for`` or ``chain``."""
    statement: str
    """The part of the claim not covered, as a letter writes it (``a.n. Bupati Jember``)."""


def problem(
    grants: Sequence[RoleGrant],
    holder: str,
    role: SigningRole,
    title: str | None,
    at: datetime,
) -> RoleProblem | None:
    """Whether ``holder`` may sign with ``role`` at ``at`` by ``grants`` (None: yes).

    * ``Plt.``/``Plh.``: a grant of the same kind for the post acted in (``title``; any post
      when the certificate names none);
    * ``a.n. X``: a grant that may sign for X;
    * ``a.n. X`` ``u.b. Y``: a grant that may sign for Y, and a grant (anyone's) of post Y
      that may sign for X, both in force at ``at``.
    """
    held = [g for g in grants if g.holds_at(at)]
    mine = [g for g in held if g.identity_id == holder]
    if role.acting is not None:
        acted = [g for g in mine if g.acting is role.acting]
        if not any(title is None or same_post(g.post, title) for g in acted):
            return RoleProblem("acting", role.position(title) or role.acting.prefix)
    if role.via:
        if not any(same_post(g.may_sign_for, role.via) for g in mine):
            return RoleProblem("for", f"u.b. {role.via}")
        if role.on_behalf_of and not any(
            same_post(g.post, role.via) and same_post(g.may_sign_for, role.on_behalf_of)
            for g in held
        ):
            return RoleProblem("chain", f"{role.via} a.n. {role.on_behalf_of}")
    elif role.on_behalf_of and not any(same_post(g.may_sign_for, role.on_behalf_of) for g in mine):
        return RoleProblem("for", f"a.n. {role.on_behalf_of}")
    return None


# --- the signed attribute -------------------------------------------------------------------


def claimed_attributes(role: SigningRole, title: str | None) -> list[Any]:
    """The claim as ``AttCertAttribute`` values for pyHanko's ``SignerAttrSpec``."""
    from asn1crypto import cms, core

    def attr(oid: str, text: str) -> Any:
        return cms.AttCertAttribute({"type": oid, "values": [core.UTF8String(text)]})

    out = []
    if role.acting is not None:
        out.append(attr(OID_ACTING, role.position(title) or role.acting.prefix))
    if role.on_behalf_of:
        out.append(attr(OID_ON_BEHALF_OF, f"a.n. {role.on_behalf_of}"))
    if role.via:
        out.append(attr(OID_VIA, f"u.b. {role.via}"))
    return out


def cades_spec(role: SigningRole, title: str | None) -> Any:
    """pyHanko's ``CAdESSignedAttrSpec`` carrying the claim in signer-attributes-v2."""
    from pyhanko.sign.ades.api import CAdESSignedAttrSpec, SignerAttrSpec

    claimed = claimed_attributes(role, title)
    return CAdESSignedAttrSpec(
        signer_attributes=SignerAttrSpec(claimed_attrs=claimed, certified_attrs=())
    )


@dataclass(frozen=True, slots=True)
class Claim:
    """What a signature's signed attributes claim (before any roles are consulted)."""

    role: SigningRole
    acting_post: str | None
    statement: str


def _claimed_texts(signer_info: Any) -> dict[str, str]:
    import pyhanko.sign.ades.cades_asn1  # noqa: F401  (registers signer_attributes_v2)
    from asn1crypto import core

    texts: dict[str, str] = {}
    for attr in signer_info["signed_attrs"]:
        if attr["type"].native != "signer_attributes_v2":
            continue
        for value in attr["values"]:
            claimed = value["claimed_attributes"]
            for item in claimed if not isinstance(claimed, core.Void) else ():
                oid = item["type"].dotted
                if oid.startswith(ARC + ".") and len(item["values"]):
                    texts[oid] = str(core.UTF8String.load(item["values"][0].dump()).native)
    return texts


def _strip(text: str, prefix: str) -> str:
    return text[len(prefix) :].strip() if text.startswith(prefix + " ") else text.strip()


def read_claim(signer_info: Any) -> Claim | None:
    """The a.n./u.b./Plt./Plh. claim in ``signer_info``'s signed attributes (None: none)."""
    texts = _claimed_texts(signer_info)
    if not texts:
        return None
    on_behalf_of = _strip(texts[OID_ON_BEHALF_OF], "a.n.") if OID_ON_BEHALF_OF in texts else None
    via = _strip(texts[OID_VIA], "u.b.") if OID_VIA in texts else None
    acting, acting_post = None, None
    if OID_ACTING in texts:
        text = texts[OID_ACTING]
        for kind in Acting:
            if text == kind.prefix or text.startswith(kind.prefix + " "):
                acting, acting_post = kind, _strip(text, kind.prefix) or None
    role = SigningRole(on_behalf_of=on_behalf_of or None, via=via or None, acting=acting)
    statement = " ".join(texts[o] for o in (OID_ACTING, OID_ON_BEHALF_OF, OID_VIA) if o in texts)
    return Claim(role=role, acting_post=acting_post, statement=statement)


# --- at verification ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleBook:
    """The verifier's roles: every grant of its store, and whose certificate is whose."""

    grants: tuple[RoleGrant, ...] = ()
    """Every grant (revoked ones too: they held until revoked)."""
    holders: Mapping[str, str] = field(default_factory=dict)
    """Store id by certificate SHA-256 fingerprint."""

    @classmethod
    def of(
        cls, grants: Iterable[RoleGrant], certs: Iterable[tuple[str, x509.Certificate]]
    ) -> RoleBook:
        """The book of ``grants`` and the store's ``(id, certificate)`` pairs."""
        return cls(grants=tuple(grants), holders={fingerprint(c): i for i, c in certs})


def assess(
    signer_info: Any,
    signer: x509.Certificate | None,
    at: datetime | None,
    book: RoleBook | None,
) -> tuple[Delegation | None, Finding | None]:
    """The signature's claim and whether ``book`` confirms it at ``at`` (the trusted time
    when there is one, else the claimed signing time); a finding when the roles say no."""
    claim = read_claim(signer_info)
    if claim is None:
        return None, None
    status, note = DelegationStatus.UNKNOWN, None
    holder = book.holders.get(fingerprint(signer)) if book and signer is not None else None
    if book is not None and book.grants and holder is not None and at is not None:
        title = claim.acting_post
        found = problem(book.grants, holder, claim.role, title, at)
        status = DelegationStatus.CONFIRMED if found is None else DelegationStatus.NOT_CONFIRMED
        if found is not None:
            note = finding(
                "delegation_not_confirmed",
                statement=claim.statement,
                part=found.statement,
                id=holder,
                when=at.isoformat(),
            )
    delegation = Delegation(
        statement=claim.statement,
        on_behalf_of=claim.role.on_behalf_of,
        via=claim.role.via,
        acting=claim.role.acting,
        acting_post=claim.acting_post,
        status=status,
    )
    return delegation, note
