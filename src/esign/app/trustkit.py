"""``esign trust export-kit DIR``: the office root for the readers of its letters.

Every file is built in memory first and staged beside its target; the audit entry and the
renames are one unit (the entry is committed only once every file is in place), so a
failure leaves DIR as it was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from esign import i18n, pki, trustkit
from esign.errors import OutputError, StoreError
from esign.store import Store


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustKit:
    """What ``export-kit`` wrote."""

    folder: Path
    files: tuple[Path, ...]
    subject: str
    """The root's subject DN."""
    sha256: str
    """Its SHA-256 fingerprint, ``AB:CD:…``."""


def export_kit(
    store: Store, folder: Path, *, at: datetime, verify_url: str | None, force: bool = False
) -> TrustKit:
    """Write the kit for this store's root CA into ``folder`` (made if missing)."""
    from esign.render.trustkit import guide

    if store.has_ca() is None:
        raise StoreError("trustkit.no_ca")
    cert = store.ca().cert
    subject = pki.dn(cert.subject)
    who = pki.identity_of(cert)
    org = who.org or who.name or subject
    contents = trustkit.certificate_files(cert)
    contents[trustkit.FINGERPRINT_NAME] = trustkit.fingerprint_text(cert, subject)
    contents[trustkit.GUIDE_NAME] = guide(
        cert, subject=who.name or subject, org=org, verify_url=verify_url, at=at
    )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        raise OutputError("out.unwritable", file=folder, detail=i18n.os_error(e)) from e
    targets = {name: folder / name for name in trustkit.NAMES}
    if not force:
        for target in targets.values():
            if target.exists():
                raise OutputError("out.exists", hint_key="out.exists.hint", file=target)
    staged: dict[str, Path] = {}
    try:
        for name, target in targets.items():
            staged[name] = _stage(target, contents[name])
        prints = trustkit.fingerprints(cert)
        with store.transaction():
            store.audit(
                "trust.export_kit",
                at=at,
                subject=subject,
                detail={"folder": str(folder.resolve()), "fingerprint": pki.fingerprint(cert)},
            )
            for name, target in targets.items():
                os.replace(staged.pop(name), target)
    except OSError as e:
        raise OutputError("out.unwritable", file=folder, detail=i18n.os_error(e)) from e
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
    return TrustKit(
        folder=folder, files=tuple(targets.values()), subject=subject, sha256=prints.sha256
    )


def _stage(target: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``target``, synced, readable by all (a kit is
    public: it holds no secret)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp
