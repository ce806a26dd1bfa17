"""What a verification trusts: the store's anchors, certificates and revocation register,
plus ``--trust`` and ``--crl`` files and the revocation policy.

One place for every caller (``verify``, ``sign --resume``, ``verify-qr``, the PAdES
levels), so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509

from esign.app import admin
from esign.errors import CertificateError
from esign.models import RevocationPolicy
from esign.roles import RoleBook
from esign.store import Store

if TYPE_CHECKING:  # the verifier is imported only when trust is asked for
    from esign.verify import TrustSettings


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreCertificates:
    """What a store contributes to building and trusting chains."""

    roots: tuple[x509.Certificate, ...] = ()
    """The trust anchors."""
    others: tuple[x509.Certificate, ...] = ()
    """Every certificate it holds (imported identities' chains included)."""


def store_certificates(store: Store | None) -> StoreCertificates:
    """The trust anchors and known certificates of ``store`` (none without a store)."""
    if store is None:
        return StoreCertificates()
    return StoreCertificates(
        roots=tuple(admin.trust_roots(store)), others=tuple(admin.known_certificates(store))
    )


def role_book(store: Store) -> RoleBook | None:
    """The store's role grants and whose certificate is whose (None: no roles recorded, so
    a verifier says ``unknown`` rather than ``not confirmed``)."""
    grants = store.role_grants()
    if not grants:
        return None
    return RoleBook.of(grants, ((r.id, r.cert) for r in store.identities()))


def trust_settings(
    store: Store | None,
    *,
    at: datetime,
    files: Sequence[Path] = (),
    crl_files: Sequence[Path] = (),
    offline: bool = False,
    policy: RevocationPolicy = RevocationPolicy.HARD_FAIL,
) -> TrustSettings:
    """The trust roots of ``files`` and of ``store`` (None: no store), every certificate the
    store holds to help build chains, its own revocation register (consulted first, offline
    too) and the CRLs handed over in ``crl_files``."""
    from esign import revocation
    from esign.verify import TrustSettings

    roots = []
    for path in files:
        try:
            roots.append(admin.read_certificate_file(path))
        except CertificateError as e:
            raise CertificateError("verify.trust_file_bad", file=path) from e
    crls = tuple(revocation.read_crl_file(path) for path in crl_files)
    known = store_certificates(store)
    register = admin.revocation_register(store, at) if store is not None else None
    return TrustSettings(
        roots=(*roots, *known.roots),
        other_certs=known.others,
        offline=offline,
        revocation_registers=(register,) if register is not None else (),
        crl_files=crls,
        revocation_policy=policy,
        roles=role_book(store) if store is not None else None,
    )
