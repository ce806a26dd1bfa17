"""``verify_pdf``: what an auditor needs to know about every signature in a file.

Integrity, the signature value, the chain to the store's trust anchors, the
certificate's validity at signing time, and pyHanko's difference analysis of
every later revision, mapped to ETSI EN 319 102-1 indications. "Is it valid?"
is data (a :class:`~esign.models.VerificationReport`), never an exception: any
failure to read a file becomes verdict ``error`` with its message.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509

from esign import i18n, pdf, pki, revocation
from esign import limits as input_limits
from esign.errors import EsignError, InputLimitError
from esign.models import (
    ChangeKind,
    ChangePlace,
    Coverage,
    Delegation,
    Finding,
    Indication,
    Level,
    Modifications,
    Revocation,
    RevocationPolicy,
    SignatureReport,
    SignerIdentity,
    SubIndication,
    TimestampInfo,
    Verdict,
    VerificationReport,
    finding,
    worst_verdict,
)
from esign.pki import cert_info, identity_of
from esign.roles import RoleBook
from esign.roles import assess as assess_roles
from esign.verify import ltv as verify_ltv
from esign.verify import rawsig, rules
from esign.verify.revisions import Change

log = logging.getLogger(__name__)

_NOBODY = SignerIdentity(name=None, nip=None, title=None, org=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustSettings:
    """What the verifier trusts."""

    roots: tuple[x509.Certificate, ...] = ()
    """Trust anchors (the store's, plus ``--trust`` files)."""
    other_certs: tuple[x509.Certificate, ...] = ()
    """Intermediate certificates that may help build chains."""
    offline: bool = False
    """Never fetch revocation data: use the store's register, CRL files and the DSS."""
    fetch_timeout: float = 3.0
    """Seconds per online OCSP/CRL request."""
    revocation_registers: tuple[revocation.StoreRegister, ...] = ()
    """The store's own register of what its CA issued and revoked (passed by the caller)."""
    crl_files: tuple[revocation.CrlFile, ...] = ()
    """CRLs handed in by the caller (``--crl``)."""
    revocation_policy: RevocationPolicy = RevocationPolicy.HARD_FAIL
    """No revocation answer: indeterminate (hard-fail) or accepted (soft-fail)."""
    roles: RoleBook | None = None
    """The store's role grants, to confirm a.n./u.b./Plt./Plh. claims (None: unknown)."""


def _asn1(cert: x509.Certificate) -> Any:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _crypto_cert(asn1_cert: Any) -> x509.Certificate | None:
    try:
        return x509.load_der_x509_certificate(asn1_cert.dump())
    except (ValueError, AttributeError):
        return None


def _validation_context(trust: TrustSettings, at: datetime) -> Any:
    """A fresh pyHanko validation context for one check.

    Never shared between signatures: pyHanko adds what a file embeds (certificates,
    revocation answers) to its context, and one letter's certificates must not help
    another's chain. Only the conversion of the trust settings' certificates is reused
    (:func:`_anchors`)."""
    from pyhanko_certvalidator import ValidationContext

    anchors, others = _anchors(trust.roots, trust.other_certs)
    return ValidationContext(
        trust_roots=list(anchors),
        other_certs=list(others),
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=at,
    )


@functools.lru_cache(maxsize=8)
def _anchors(
    roots: tuple[x509.Certificate, ...], others: tuple[x509.Certificate, ...]
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The trust anchors and helper certificates as pyHanko objects, once per batch.

    Cache scope: the process, keyed on the certificates themselves (their DER): a different
    ``--trust`` set or store is a different key, and nothing else of the trust settings
    (revocation register, CRL files, policy, time) is in the value. The objects are only
    read by pyHanko; parsing them once also keeps the names they prepared for comparison
    (RFC 4518), which each new parse did again."""
    from pyhanko_certvalidator.authority import CertTrustAnchor

    # A root's own pathLenConstraint and name constraints bind the chains under it
    # (issue 19: without this a root saying pathLen 0 accepted a sub-CA's leaf).
    anchors = tuple(CertTrustAnchor(_asn1(c), derive_default_quals_from_cert=True) for c in roots)
    return anchors, tuple(_asn1(c) for c in others)


def usable_trust(trust: TrustSettings) -> tuple[TrustSettings, tuple[tuple[str, str], ...]]:
    """``trust`` without the certificates the validator cannot handle, and for each one
    left out its subject and why.

    pyHanko compares names after RFC 4518 preparation, which refuses e.g. emoji: one such
    certificate among the anchors or helpers used to break every letter's verification
    (issue 19). Such a certificate is skipped and named; the rest still count."""
    roots, others, notes = _usable_certs(trust.roots, trust.other_certs)
    if not notes:
        return trust, ()
    return dataclasses.replace(trust, roots=roots, other_certs=others), notes


@functools.lru_cache(maxsize=8)
def _usable_certs(
    roots: tuple[x509.Certificate, ...], others: tuple[x509.Certificate, ...]
) -> tuple[tuple[x509.Certificate, ...], tuple[x509.Certificate, ...], tuple[tuple[str, str], ...]]:
    """The certificates a batch checks once (keyed on the certificates alone: the rest of
    the trust settings, such as a revocation register, need not be hashable)."""

    def fine(cert: x509.Certificate) -> str | None:
        try:
            asn1 = _asn1(cert)
            _ = asn1.subject.hashable, asn1.issuer.hashable
        except Exception as e:
            return str(e) or type(e).__name__
        return None

    notes: list[tuple[str, str]] = []
    kept: dict[str, list[x509.Certificate]] = {"roots": [], "other_certs": []}
    for group, certs in (("roots", roots), ("other_certs", others)):
        for cert in certs:
            problem = fine(cert)
            if problem is None:
                kept[group].append(cert)
                continue
            subject = _safe(lambda c=cert: pki.dn(c.subject)) or "?"
            notes.append((subject, problem))
    return tuple(kept["roots"]), tuple(kept["other_certs"]), tuple(notes)


class _RetryTolerant(Exception):
    """The strict read found something only the tolerant reader handles."""


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What every signature check of one file needs to know."""

    data: bytes
    trust: TrustSettings
    at: datetime
    strict: bool
    damaged: bool
    """A tolerant read was needed because the structure is broken (not merely hybrid)."""
    bounds: input_limits.InputLimits | None = None
    """The input limits: the pages and objects of the reader that verifies are counted."""


def verify_pdf(
    path: Path,
    *,
    trust: TrustSettings,
    at: datetime,
    label: str | None = None,
    limits: input_limits.InputLimits | None = None,
) -> VerificationReport:
    """Verify every signature in ``path`` at time ``at``. Never raises for bad input.

    The file is read within ``limits`` (default: the settings'; :mod:`esign.limits`): a
    limit hit is verdict ``error`` naming the limit, never a partial verdict (issue 18).
    """
    name = label or str(path)
    bounds = limits or input_limits.active()
    try:
        pdf.check_input(path)
        with input_limits.guard(name, bounds):
            input_limits.check_size(path.stat().st_size, bounds)
        data = path.read_bytes()
    except EsignError as e:
        return VerificationReport(file=name, verdict=Verdict.ERROR, error=e.message, checked_at=at)
    except OSError as e:
        msg = i18n.t("pdf.unreadable", file=name, detail=e.strerror)
        return VerificationReport(file=name, verdict=Verdict.ERROR, error=msg, checked_at=at)
    return verify_data(data, name=name, trust=trust, at=at, limits=bounds)


def verify_data(
    data: bytes,
    *,
    name: str,
    trust: TrustSettings,
    at: datetime,
    limits: input_limits.InputLimits | None = None,
) -> VerificationReport:
    """:func:`verify_pdf` for bytes already in memory (an upload that is never written to
    disk); ``name`` is what the report calls the file. Never raises for bad input."""
    bounds = limits or input_limits.active()
    if b"%PDF-" not in data[:1024]:
        return VerificationReport(
            file=name, verdict=Verdict.ERROR, error=i18n.t("pdf.not_pdf", file=name), checked_at=at
        )
    try:
        with input_limits.guard(name, bounds):
            input_limits.check_size(len(data), bounds)
    except EsignError as e:
        return VerificationReport(file=name, verdict=Verdict.ERROR, error=e.message, checked_at=at)
    sha = hashlib.sha256(data).hexdigest()
    trust, skipped = usable_trust(trust)
    try:
        with input_limits.guard(name, bounds):
            input_limits.check_bytes(data, bounds)
            # pages and objects: counted on the reader that verifies (_verify_parsed), so
            # the file is parsed once, not once more for the count
            report = _verify_bytes(data, name, sha, trust, at, bounds)
        if skipped:
            notes = tuple(
                i18n.t("verify.note.trust_cert_skipped", subject=subject, detail=detail)
                for subject, detail in skipped
            )
            report = dataclasses.replace(report, notes=(*notes, *report.notes))
        return report
    except InputLimitError as e:
        return _error(name, sha, at, e.message)
    except RecursionError:
        detail = "recursive structure"
    except Exception as e:
        log.debug("could not verify %s", name, exc_info=True)
        detail = _describe(e)
    return _error(name, sha, at, i18n.t("pdf.damaged", file=name, detail=detail))


def _describe(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def _error(name: str, sha: str, at: datetime, message: str) -> VerificationReport:
    return VerificationReport(
        file=name, verdict=Verdict.ERROR, error=message, sha256=sha, checked_at=at
    )


def _verify_bytes(
    data: bytes,
    name: str,
    sha: str,
    trust: TrustSettings,
    at: datetime,
    bounds: input_limits.InputLimits | None = None,
) -> VerificationReport:
    """Strict read first; tolerant when needed; raw byte scan when nothing parses."""
    reason = "damaged"
    try:
        return _verify_parsed(data, name, sha, _Ctx(data, trust, at, True, False, bounds))
    except _RetryTolerant as e:
        reason = str(e)
    except Exception as e:
        log.debug("strict read of %s failed: %s", name, e)
    try:
        tolerant = _Ctx(data, trust, at, False, reason != "hybrid", bounds)
        return _verify_parsed(data, name, sha, tolerant)
    except RecursionError:
        detail = "recursive structure"
    except Exception as e:
        log.debug("tolerant read of %s failed", name, exc_info=True)
        detail = _describe(e)
    return _verify_raw(data, name, sha, at, detail)


def _verify_parsed(data: bytes, name: str, sha: str, ctx: _Ctx) -> VerificationReport:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=ctx.strict)
    if ctx.bounds is not None:  # before anything walks the document (a LimitExceeded
        input_limits.check_document(reader, ctx.bounds)  # is a BaseException: no retry)
    if ctx.strict and reader.xrefs.hybrid_xrefs_present:
        raise _RetryTolerant("hybrid")
    notes: list[str] = []
    if not ctx.strict:
        notes.append(i18n.t("verify.note.repaired" if ctx.damaged else "verify.note.hybrid"))
    if reader.encrypted:
        from pyhanko.pdf_utils.crypt import AuthStatus

        if reader.decrypt(b"").status == AuthStatus.FAILED:
            return _error(name, sha, ctx.at, i18n.t("verify.encrypted_password", file=name))
    from esign.verify import revisions  # issue 6: one unreadable signature dictionary is

    embedded = revisions.embedded_signatures(reader)  # reported, not a file error
    reports = [_check_one(sig, ctx) for sig in embedded]
    reports.extend(_unlisted_signatures(reader, {str(s.field_name) for s in embedded}, ctx))
    verdict = Verdict.UNSIGNED if not reports else worst_verdict([r.verdict for r in reports])
    return VerificationReport(
        file=name,
        verdict=verdict,
        signatures=tuple(reports),
        sha256=sha,
        revisions=_safe(lambda: int(reader.xrefs.total_revisions)),
        repaired=not ctx.strict,
        checked_at=ctx.at,
        notes=tuple(notes),
    )


def _verify_raw(data: bytes, name: str, sha: str, at: datetime, detail: str) -> VerificationReport:
    """No parser reads the file: check what the raw bytes allow, never more."""
    found = rawsig.scan(data)
    if not found:
        return _error(name, sha, at, i18n.t("pdf.damaged", file=name, detail=detail))
    reports = [
        _raw_report(f"#{n}", rawsig.check(data, br, contents, sf), detail, damaged=True)
        for n, (br, contents, sf) in enumerate(found, start=1)
    ]
    return VerificationReport(
        file=name,
        verdict=worst_verdict([r.verdict for r in reports]),
        signatures=tuple(reports),
        sha256=sha,
        repaired=True,
        checked_at=at,
        notes=(i18n.t("verify.note.raw_scan", detail=detail),),
    )


def _raw_of(sig_object: Any, data: bytes, subfilter: str | None) -> rawsig.RawCheck | None:
    """Run the raw check on a parsed signature dictionary."""
    from pyhanko.sign.validation.pdf_embedded import extract_contents

    try:
        byte_range = tuple(int(x) for x in sig_object["/ByteRange"])
        contents = extract_contents(sig_object)
    except Exception:
        log.debug("signature dictionary unreadable", exc_info=True)
        return None
    cert_der = None
    if subfilter == "/adbe.x509.rsa_sha1":
        cert = _safe(lambda: sig_object["/Cert"])
        if cert is not None and not isinstance(cert, (bytes, str)):
            cert = _safe(lambda: cert[0])
        cert_der = _safe(lambda: cert.original_bytes) if cert is not None else None
    return rawsig.check(data, byte_range, contents, subfilter, cert_der)


def _unlisted_signatures(reader: Any, listed: set[str], ctx: _Ctx) -> list[SignatureReport]:
    """Filled signature fields pyHanko did not list (legacy sub-filters): check them raw."""
    from pyhanko.sign.fields import enumerate_sig_fields

    out = []
    try:
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception:
        return []
    for field_name, value, _ref in fields:
        if field_name in listed:
            continue
        sig_object = _safe(lambda v=value: v.get_object())
        subfilter = _safe(lambda s=sig_object: str(s.get("/SubFilter")))
        raw = _raw_of(sig_object, ctx.data, subfilter) if sig_object is not None else None
        detail = f"unsupported or unreadable signature ({subfilter})"
        out.append(
            _raw_report(
                str(field_name),
                raw,
                detail,
                damaged=ctx.damaged,
                subfilter=subfilter,
                unsupported=subfilter not in rawsig.PARSED_SUBFILTERS,  # issue 6
            )
        )
    return out


def _raw_report(
    field_name: str,
    raw: rawsig.RawCheck | None,
    detail: str,
    *,
    damaged: bool,
    subfilter: str | None = None,
    unsupported: bool = False,
    ades_failed: bool = False,
    signer: SignerIdentity = _NOBODY,
    kind: str = "signature",
) -> SignatureReport:
    """A report from the raw byte-range and CMS check (pyHanko could not do better)."""
    evidence = rules.RawEvidence(
        raw=raw, detail=detail, damaged=damaged, unsupported=unsupported, ades_failed=ades_failed
    )
    outcome = rules.judge_raw(evidence)
    cert = raw.cert if raw is not None else None
    intact = raw is not None and raw.intact is True
    coverage = Coverage.UNKNOWN
    if raw is not None and raw.covers_eof:
        coverage = Coverage.ENTIRE_FILE
    failed = outcome.indication is Indication.TOTAL_FAILED
    return SignatureReport(
        field=field_name,
        signer=identity_of(cert) if cert is not None else signer,
        signer_cert=None,
        signed_at=None,
        intact=intact,
        crypto_valid=raw is not None and raw.crypto_valid is True,
        trusted=False,
        cert_valid_at_signing=None,
        # issue 11 item 6: later revisions the raw path cannot analyse are unknown, not none
        # and so are those after a signed revision whose digest does not match
        modifications=outcome.modifications
        if outcome.modifications is not Modifications.NONE
        or (raw is not None and raw.covers_eof and raw.intact is not False)
        else Modifications.UNKNOWN,
        modification_details=(),
        coverage=coverage,
        indication=outcome.indication,
        sub_indication=outcome.sub_indication,
        verdict=Verdict.INVALID if failed else Verdict.INDETERMINATE,
        revocation=Revocation.NOT_CHECKED,
        chain=(),
        digest_algorithm=raw.digest_algorithm if raw is not None else None,
        signature_algorithm=raw.signature_algorithm if raw is not None else None,
        subfilter=subfilter or (raw.subfilter if raw is not None else None),
        kind=kind,
        findings=(outcome.finding,),
        fully_checked=False,
    )


def _check_one(sig: Any, ctx: _Ctx) -> SignatureReport:
    from pyhanko.pdf_utils.misc import PdfStrictReadError
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.errors import SignatureValidationError

    field_name = str(sig.field_name)
    is_timestamp = sig.sig_object_type == "/DocTimeStamp"
    subfilter = _safe(lambda: str(sig.sig_object.get("/SubFilter")))
    status: Any
    try:
        vc = _validation_context(ctx.trust, ctx.at)
        if is_timestamp:
            status = validate_pdf_timestamp(sig, validation_context=vc)
        else:
            status = validate_pdf_signature(
                sig, signer_validation_context=vc, key_usage_settings=_no_usage_check()
            )
    except Exception as e:
        if ctx.strict and isinstance(e, PdfStrictReadError):
            raise _RetryTolerant("damaged") from e
        log.debug("signature %s could not be validated", field_name, exc_info=True)
        ades = getattr(e, "ades_status", None) if isinstance(e, SignatureValidationError) else None
        return _raw_report(
            field_name,
            _raw_of(sig.sig_object, ctx.data, subfilter),
            str(e) or type(e).__name__,
            damaged=ctx.damaged,
            subfilter=subfilter,
            ades_failed=getattr(ades, "name", "") == "FAILED",
            signer=_safe(lambda: identity_of(_crypto_cert(sig.signer_cert) or _no_cert()))
            or _NOBODY,
            kind="timestamp" if is_timestamp else "signature",
        )
    return _report(sig, status, ctx, is_timestamp=is_timestamp, subfilter=subfilter)


def _no_usage_check() -> Any:
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    # The signer's key usage is judged by esign's own rule (rules.signer_may_sign, with the
    # reason), not folded into pyHanko's "chain failed" (which wants nonRepudiation only).
    return KeyUsageConstraints(key_usage=set(), extd_key_usage=None)


def _no_cert() -> x509.Certificate:
    raise LookupError("no signer certificate")


def _safe(fn: Any) -> Any:
    try:
        return fn()
    except Exception:
        return None


_COVERAGE = {
    "ENTIRE_FILE": Coverage.ENTIRE_FILE,
    "ENTIRE_REVISION": Coverage.ENTIRE_REVISION,
    "CONTIGUOUS_BLOCK_FROM_START": Coverage.PARTIAL,
    "UNCLEAR": Coverage.PARTIAL,
}


def _modifications(status: Any) -> tuple[Modifications, tuple[Change, ...]]:
    from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification

    coverage = getattr(status, "coverage", None)
    if coverage is not None and coverage.name == "ENTIRE_FILE":
        return Modifications.NONE, ()
    diff = getattr(status, "diff_result", None)
    if isinstance(diff, SuspiciousModification):
        note = str(diff)
        return Modifications.DISALLOWED, (
            Change.of(ChangeKind.ANALYSIS, note, ChangePlace.NOTE, target=note),
        )
    level = getattr(status, "modification_level", None)
    details: list[Change] = []
    if level is not None:
        details.append(
            Change.of(
                ChangeKind.ANALYSIS,
                f"modification level: {level.name}",
                ChangePlace.LEVEL,
                target=level.name,
            )
        )
    docmdp_ok = getattr(status, "docmdp_ok", None)
    if level is None:
        return Modifications.NONE, tuple(details)
    if level == ModificationLevel.OTHER or docmdp_ok is False:
        return Modifications.DISALLOWED, tuple(details)
    if level == ModificationLevel.NONE:
        return Modifications.NONE, tuple(details)
    return Modifications.ALLOWED, tuple(details)


def _report(
    sig: Any, status: Any, ctx: _Ctx, *, is_timestamp: bool, subfilter: str | None
) -> SignatureReport:
    at = ctx.at
    signer_x509 = _crypto_cert(status.signing_cert)
    signer = identity_of(signer_x509) if signer_x509 else _NOBODY
    signed_at = status.timestamp if is_timestamp else getattr(status, "signer_reported_dt", None)
    cert_ok = None
    if signer_x509 is not None and signed_at is not None:
        cert_ok = signer_x509.not_valid_before_utc <= signed_at <= signer_x509.not_valid_after_utc
    modifications, mod_details = _modifications(status)
    # issue 6: esign's own per-revision analysis (esign.revisions) has the last word
    from esign.verify import revisions

    modifications, mod_details = revisions.review(sig, modifications, mod_details)
    coverage = _COVERAGE.get(getattr(status.coverage, "name", ""), Coverage.UNKNOWN)
    revocation = Revocation.REVOKED if status.revoked else Revocation.NOT_CHECKED
    evidence = _evidence(sig, status, ctx, signer_x509, coverage, modifications, cert_ok)
    outcome = rules.judge(evidence)
    ltv = _ltv(sig, status, ctx, signer_x509, is_timestamp, signed_at, evidence, outcome)
    indication, sub, findings = ltv.indication, ltv.sub_indication, ltv.findings
    if not status.revoked:
        revocation = ltv.revocation
    indication, sub, findings = _after_signing(indication, sub, findings, modifications)
    delegation, note = _delegation(sig, signer_x509, signed_at, ltv.timestamp, ctx)
    findings = (*findings, note) if note is not None else findings  # shown; verdict kept
    if indication is Indication.TOTAL_PASSED:
        verdict = Verdict.CHANGED if modifications is Modifications.VISIBLE else Verdict.VALID
    elif indication is Indication.TOTAL_FAILED:
        verdict = Verdict.INVALID
    else:
        verdict = Verdict.INDETERMINATE
    if not evidence.intact:  # the revision analysed is not the one signed (issue 11)
        modifications = Modifications.UNKNOWN
    level, level_reason = ltv.level, None
    if level is not None:
        level_reason = _baseline_problem(sig, subfilter)
        level = Level.NONE if level_reason is not None else level
    path = status.validation_path
    # Trust is its own question (issue 11): a path pyHanko validated counts even when the
    # digest does not match; where pyHanko stopped at a weak algorithm, esign asks itself.
    trusted = bool(status.trusted) or (path is not None and evidence.trust_problem is None)
    if path is None and evidence.trust_problem == _WEAK and signer_x509 is not None:
        path, _ = _validate_path(sig, signer_x509, ctx)
        trusted = path is not None
    chain = tuple(_subject(c) for c in reversed(list(path))) if path else ()
    if ltv.poe_chain is not None:  # expired since, but valid at the trusted time
        chain = ltv.poe_chain
    return SignatureReport(
        field=str(sig.field_name),
        signer=signer,
        signer_cert=cert_info(signer_x509, at=at) if signer_x509 else None,
        signed_at=signed_at,
        intact=evidence.intact,
        crypto_valid=evidence.valid,
        trusted=trusted or ltv.poe_chain is not None,
        cert_valid_at_signing=cert_ok,
        modifications=modifications,
        modification_details=tuple(str(c) for c in mod_details),
        changes=tuple(c.note for c in mod_details),
        signed_size=revisions.signed_end(sig),
        coverage=coverage,
        indication=indication,
        sub_indication=sub,
        verdict=verdict,
        revocation=revocation,
        chain=chain,
        reason=_safe(lambda: _text(sig.sig_object.get("/Reason"))),
        location=_safe(lambda: _text(sig.sig_object.get("/Location"))),
        digest_algorithm=getattr(status, "md_algorithm", None),
        signature_algorithm=_safe(lambda: sig.signer_info["signature_algorithm"].signature_algo),
        subfilter=subfilter,
        revision=_safe(lambda: int(sig.signed_revision)),
        kind="timestamp" if is_timestamp else "signature",
        certified=_safe(lambda: sig.docmdp_level is not None) or False,
        findings=findings,
        level=level,
        level_reason=level_reason,
        timestamp=ltv.timestamp,
        revoked_at=ltv.revoked_at,
        revocation_source=ltv.revocation_source,
        revocation_policy=ltv.policy,
        revocation_failures=ltv.failures,
        delegation=delegation,
    )


def _delegation(
    sig: Any,
    signer: x509.Certificate | None,
    signed_at: datetime | None,
    timestamp: TimestampInfo | None,
    ctx: _Ctx,
) -> tuple[Delegation | None, Finding | None]:
    """The a.n./u.b./Plt./Plh. claim of the signed attributes, against the store's roles at
    the trusted time when there is one, else the claimed signing time (esign.roles)."""
    at = timestamp.time if timestamp is not None and timestamp.valid else signed_at
    found = _safe(lambda: assess_roles(sig.signer_info, signer, at, ctx.trust.roles))
    return found if found is not None else (None, None)


def _ltv(
    sig: Any,
    status: Any,
    ctx: _Ctx,
    signer_x509: x509.Certificate | None,
    is_timestamp: bool,
    signed_at: datetime | None,
    evidence: rules.Evidence,
    outcome: rules.Outcome,
) -> verify_ltv.LtvFindings:
    """Trusted time, revocation (embedded first, then online) and the level reached."""
    return verify_ltv.assess(
        sig,
        status,
        signer_cert=signer_x509,
        is_timestamp=is_timestamp,
        claimed_time=signed_at,
        crypto_ok=evidence.intact and evidence.valid,
        indication=outcome.indication,
        sub_indication=outcome.sub_indication,
        findings=outcome.findings,
        candidates=ctx.trust.roots + ctx.trust.other_certs,
        sources=revocation.Sources(
            registers=ctx.trust.revocation_registers,
            crl_files=ctx.trust.crl_files,
            offline=ctx.trust.offline,
            timeout=ctx.trust.fetch_timeout,
        ),
        policy=ctx.trust.revocation_policy,
        at=ctx.at,
        vc_factory=lambda moment=None: _validation_context(ctx.trust, moment or ctx.at),
    )


def _after_signing(
    indication: Indication,
    sub: SubIndication | None,
    findings: tuple[Finding, ...],
    modifications: Modifications,
) -> tuple[Indication, SubIndication | None, tuple[Finding, ...]]:
    """Issue 11: a visible change after signing keeps a passed signature passed, but as
    CHANGED_AFTER_SIGNING (verdict ``changed``); changes that could not be analysed make
    it indeterminate. Either way the report says so."""
    if modifications is Modifications.VISIBLE:
        findings = (*findings, finding("changed_after_signing"))
        if indication is Indication.TOTAL_PASSED:
            sub = SubIndication.CHANGED_AFTER_SIGNING
    elif modifications is Modifications.UNKNOWN:
        findings = (*findings, finding("changes_unknown"))
        if indication is Indication.TOTAL_PASSED:
            indication, sub = Indication.INDETERMINATE, SubIndication.GENERIC
    return indication, sub, findings


def _subject(asn1_cert: Any) -> str:
    cert = _crypto_cert(asn1_cert)
    return pki.dn(cert.subject) if cert else str(asn1_cert.subject.human_friendly)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _self_signed_untrusted(cert: x509.Certificate | None, trust: TrustSettings) -> bool:
    return cert is not None and cert.issuer == cert.subject and cert not in trust.roots


def _evidence(
    sig: Any,
    status: Any,
    ctx: _Ctx,
    signer_x509: x509.Certificate | None,
    coverage: Coverage,
    modifications: Modifications,
    cert_ok: bool | None,
) -> rules.Evidence:
    """pyHanko's status, plus what pyHanko does not check: byte range bounds, EdDSA
    digests, unknown algorithms."""
    intact = bool(status.intact)
    valid = bool(status.valid)  # the signature value, whatever the digest says (issue 11)
    override = None
    malformed_range = False
    unsupported = None
    byte_range = _safe(lambda: tuple(int(x) for x in sig.sig_object["/ByteRange"]))
    problem = rawsig.byte_range_problem(len(ctx.data), byte_range) if byte_range else None
    algo_id = _safe(lambda: sig.signer_info["signature_algorithm"]["algorithm"].native)
    algo = _safe(lambda: sig.signer_info["signature_algorithm"].signature_algo)
    digest = getattr(status, "md_algorithm", None)
    if problem is not None:
        intact = valid = False
        malformed_range = True  # issue 6
        override = finding("byterange", detail=problem)
    else:
        required = rawsig.EDDSA_DIGEST.get(algo or "")
        if required is not None and digest != required:
            valid = False
            override = finding("eddsa_digest", algo=algo, digest=digest, required=required)
        elif not valid and algo is None and isinstance(algo_id, str):
            # asn1crypto does not know the OID: pyHanko could not check, not "does not verify".
            unsupported = algo_id
    trust_problem = getattr(status.trust_problem_indic, "name", None)
    constraint = None
    if trust_problem in _CHAIN_FAILURES and signer_x509 is not None:
        constraint = _chain_failure(sig, signer_x509, ctx)
    profile = None
    if signer_x509 is not None:
        profile = pki.signer_profile_problem(
            signer_x509, timestamp=sig.sig_object_type == "/DocTimeStamp"
        )
    return rules.Evidence(
        intact=intact,
        valid=valid,
        override=override,
        malformed_range=malformed_range,
        unsupported_algorithm=unsupported,
        coverage=coverage,
        modifications=modifications,
        revoked=bool(status.revoked),
        trust_problem=trust_problem,
        chain_constraint=constraint,
        signer_profile=profile,
        has_path=status.validation_path is not None,
        self_signed_untrusted=_self_signed_untrusted(signer_x509, ctx.trust),
        weak_algorithm=(digest or algo or "?") if trust_problem == _WEAK else None,
        cert_valid_at_signing=cert_ok,
    )


_CHAIN_FAILURES = ("CHAIN_CONSTRAINTS_FAILURE", "CERTIFICATE_CHAIN_GENERAL_FAILURE")
# How pyhanko_certvalidator words a broken pathLenConstraint or name constraint.
_CONSTRAINT_MARKS = ("maximum path length", "permitted namespace", "excluded namespace")


_WEAK = "CRYPTO_CONSTRAINTS_FAILURE"


def _validate_path(sig: Any, signer: x509.Certificate, ctx: _Ctx) -> tuple[Any, str | None]:
    """The signer's validation path to a trust anchor (None and why, when there is none),
    for what pyHanko's status does not say: the reason a path fails, or the path where
    pyHanko stopped early (a weak digest algorithm)."""
    import asyncio

    from pyhanko_certvalidator import CertificateValidator

    validator = CertificateValidator(
        _asn1(signer),
        intermediate_certs=list(_safe(lambda: sig.other_embedded_certs) or ()),
        validation_context=_validation_context(ctx.trust, ctx.at),
    )
    try:
        return asyncio.run(validator.async_validate_path()), None
    except Exception as e:
        log.debug("no validation path", exc_info=True)
        return None, str(e) or type(e).__name__


def _chain_failure(sig: Any, signer: x509.Certificate, ctx: _Ctx) -> str | None:
    """pyHanko's reason why the chain breaks a constraint (path length, name constraints),
    which its status does not keep; None when the failure is of another kind."""
    _, message = _validate_path(sig, signer, ctx)
    return message if message and any(m in message for m in _CONSTRAINT_MARKS) else None


def _baseline_problem(sig: Any, subfilter: str | None) -> Finding | None:
    """Why the signature is not PAdES B-B (ETSI EN 319 142-1, 6.3 and Table 1): the
    sub-filter is ETSI.CAdES.detached, the signed attributes carry ESS
    signing-certificate(-v2) and no signing-time (the time is the dictionary's /M)."""
    if subfilter != "/ETSI.CAdES.detached":
        return finding("level_subfilter", subfilter=subfilter or "-")
    attrs = _safe(lambda: {a["type"].native for a in sig.signer_info["signed_attrs"]}) or set()
    if "signing_time" in attrs:
        return finding("level_signing_time")
    if not attrs & {"signing_certificate_v2", "signing_certificate"}:
        return finding("level_no_signing_certificate")
    return None
