"""The verification rules: an ordered list of small functions, each adding a finding.

:mod:`esign.verify.core` gathers the evidence for one signature (pyHanko's status and
esign's own checks) into an :class:`Evidence`; :func:`judge` runs :data:`RULES` in order.
A rule looks at the evidence and returns a :class:`Failure` (ETSI EN 319 102-1 indication,
sub-indication and a :class:`~esign.models.Finding`: a code and parameters, no words) or
None. The first failure decides the indication, as in EN 319 102-1 where a failed
building block ends the validation; no failure is TOTAL_PASSED.

The same holds for signatures only the raw byte check could read (:data:`RAW_RULES` over
a :class:`RawEvidence`, judged by :func:`judge_raw`).

Adding a rule: write one function ``(Evidence) -> Failure | None``, put it in
:data:`RULES` where its severity belongs (integrity before trust), add its message as
``verify.problem.<code>`` to an i18n area module, and one test that fails without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from esign.models import Coverage, Finding, Indication, Modifications, SubIndication, finding
from esign.verify import rawsig


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """What a failed rule says."""

    indication: Indication
    sub_indication: SubIndication
    finding: Finding


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """The judgement of all rules."""

    indication: Indication
    sub_indication: SubIndication | None
    findings: tuple[Finding, ...]


PASSED = Outcome(indication=Indication.TOTAL_PASSED, sub_indication=None, findings=())


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """What is known about one signature pyHanko could validate."""

    intact: bool
    """The digest over the signed byte range matches."""
    valid: bool
    """The signature value verifies (and esign's own algorithm checks pass)."""
    override: Finding | None = None
    """Why esign overrode ``intact`` or ``valid`` (malformed range, wrong EdDSA digest)."""
    malformed_range: bool = False
    """The /ByteRange is unsound: a format failure, not a hash failure."""
    unsupported_algorithm: str | None = None
    """An OID asn1crypto does not know: pyHanko could not check the value."""
    coverage: Coverage
    modifications: Modifications
    revoked: bool
    """pyHanko found the signer certificate revoked."""
    trust_problem: str | None
    """pyHanko's name for why the chain failed (None: no problem reported)."""
    chain_constraint: str | None = None
    """Why the path breaks a CA's constraint (path length, names), when it does."""
    has_path: bool
    """pyHanko built a validation path to a trust anchor."""
    signer_profile: Finding | None = None
    """Why the signing certificate may not sign this (CA, key usage, EKU), when so."""
    weak_algorithm: str | None = None
    """The algorithm the policy refused (pyHanko's CRYPTO_CONSTRAINTS_FAILURE), e.g. sha1."""
    self_signed_untrusted: bool = False
    """The signer certificate is self-signed and not a trust anchor."""
    cert_valid_at_signing: bool | None = None


Rule = Callable[[Evidence], Failure | None]


def _fail(indication: Indication, sub: SubIndication, f: Finding) -> Failure:
    return Failure(indication=indication, sub_indication=sub, finding=f)


def signed_bytes_intact(e: Evidence) -> Failure | None:
    """The bytes the signature covers are the bytes that were signed."""
    if e.intact:
        return None
    sub = SubIndication.FORMAT_FAILURE if e.malformed_range else SubIndication.HASH_FAILURE
    return _fail(Indication.TOTAL_FAILED, sub, e.override or finding("hash"))


def algorithm_known(e: Evidence) -> Failure | None:
    """An unknown algorithm means "could not check", not "does not verify"."""
    if e.unsupported_algorithm is None:
        return None
    f = finding("unknown_algorithm", algo=e.unsupported_algorithm)
    return _fail(Indication.INDETERMINATE, SubIndication.GENERIC, f)


def signature_value_verifies(e: Evidence) -> Failure | None:
    """The signature value verifies with the signer's public key."""
    if e.valid:
        return None
    f = e.override or finding("crypto")
    return _fail(Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE, f)


def covers_the_document(e: Evidence) -> Failure | None:
    """The byte range covers the whole revision it signs."""
    if e.coverage not in (Coverage.PARTIAL, Coverage.UNKNOWN):
        return None
    return _fail(Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE, finding("coverage"))


def no_disallowed_change(e: Evidence) -> Failure | None:
    """Nothing changed after signing that the signature does not allow."""
    if e.modifications is not Modifications.DISALLOWED:
        return None
    return _fail(Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE, finding("modified"))


def not_revoked(e: Evidence) -> Failure | None:
    """pyHanko's own revocation finding (esign.verify.ltv adds the proof of existence)."""
    if not e.revoked:
        return None
    return _fail(Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE, finding("revoked"))


def algorithms_within_policy(e: Evidence) -> Failure | None:
    """The digest and signature algorithms are ones the policy still accepts (no SHA-1).
    Said as such, not as a chain failure: trust is a separate question (issue 11)."""
    if e.weak_algorithm is None:
        return None
    f = finding("weak_algorithm", algo=e.weak_algorithm)
    return _fail(Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE, f)


_TRUST_CODES = {
    "NO_CERTIFICATE_CHAIN_FOUND": "untrusted",
    "OUT_OF_BOUNDS_NO_POE": "expired",
    "EXPIRED": "expired",
    "REVOKED_NO_POE": "revoked",
}


def chains_to_a_trusted_root(e: Evidence) -> Failure | None:
    """The signer certificate chains to a trust anchor."""
    if e.trust_problem is None and e.has_path:
        return None
    name = e.trust_problem or "NO_CERTIFICATE_CHAIN_FOUND"
    if name == "CHAIN_CONSTRAINTS_FAILURE" and e.self_signed_untrusted:
        # pyHanko rejects a self-signed leaf outright; for the user it is an unknown root.
        name = "NO_CERTIFICATE_CHAIN_FOUND"
    if e.chain_constraint:
        f = finding("chain_constraints", detail=e.chain_constraint)
        return _fail(Indication.INDETERMINATE, SubIndication.CHAIN_CONSTRAINTS_FAILURE, f)
    sub = SubIndication.__members__.get(name, SubIndication.GENERIC)
    code = _TRUST_CODES.get(name)
    f = finding(code) if code else finding("chain", detail=name)
    return _fail(Indication.INDETERMINATE, sub, f)


def signer_may_sign(e: Evidence) -> Failure | None:
    """The signing certificate is an end entity allowed to sign documents (issue 19):
    no CA:TRUE, digitalSignature/nonRepudiation, an EKU for documents when it has one."""
    if e.signer_profile is None:
        return None
    return _fail(Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE, e.signer_profile)


def cert_valid_when_signed(e: Evidence) -> Failure | None:
    """The certificate was valid at the signing time the signer claims."""
    if e.cert_valid_at_signing is not False:
        return None
    f = finding("cert_invalid_at_signing")
    return _fail(Indication.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE, f)


RULES: tuple[Rule, ...] = (
    signed_bytes_intact,
    algorithm_known,
    signature_value_verifies,
    covers_the_document,
    no_disallowed_change,
    not_revoked,
    algorithms_within_policy,
    chains_to_a_trusted_root,
    signer_may_sign,
    cert_valid_when_signed,
)


def judge(evidence: Evidence, rules: tuple[Rule, ...] = RULES) -> Outcome:
    """Run ``rules`` in order; the first failure decides."""
    for rule in rules:
        failure = rule(evidence)
        if failure is not None:
            return Outcome(
                indication=failure.indication,
                sub_indication=failure.sub_indication,
                findings=(failure.finding,),
            )
    return PASSED


# Signatures only the raw byte check could read ---------------------------------------

_LEGACY_SUBFILTERS = ("/adbe.pkcs7.sha1", "/adbe.x509.rsa_sha1")


@dataclass(frozen=True, slots=True, kw_only=True)
class RawEvidence:
    """A raw check and why pyHanko could not do better."""

    raw: rawsig.RawCheck | None
    detail: str
    """Why the full validation did not run (technical, English)."""
    damaged: bool
    """The file needed a tolerant read because its structure is broken."""
    unsupported: bool = False
    """A sub-filter pyHanko does not read."""
    ades_failed: bool = False
    """pyHanko's AdES status said FAILED."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RawFailure:
    """What a raw rule says: the verdict's indication, and what changed after signing."""

    indication: Indication
    sub_indication: SubIndication
    finding: Finding
    modifications: Modifications = Modifications.NONE


RawRule = Callable[[RawEvidence], RawFailure | None]


def raw_readable(e: RawEvidence) -> RawFailure | None:
    """Something in the raw signature could be checked at all."""
    raw = e.raw
    if raw is not None and (raw.intact is not None or raw.crypto_valid is not None):
        return None
    malformed = raw is not None and raw.format_error  # issue 6: USF, wrong SubFilter
    failed = not (e.unsupported and not malformed)
    why = raw.problem if raw is not None and raw.problem else e.detail
    return RawFailure(
        indication=Indication.TOTAL_FAILED if failed else Indication.INDETERMINATE,
        sub_indication=SubIndication.FORMAT_FAILURE,
        finding=finding("format", detail=why),
    )


def raw_intact(e: RawEvidence) -> RawFailure | None:
    """The raw digest over the byte range matches."""
    raw = e.raw
    if raw is None or raw.intact is not False:
        return None
    problem = raw.problem if raw.problem and not raw.covers_eof else None
    f = finding("byterange", detail=problem) if problem else finding("hash")
    bad = SubIndication.FORMAT_FAILURE if raw.malformed_range else SubIndication.HASH_FAILURE
    return RawFailure(indication=Indication.TOTAL_FAILED, sub_indication=bad, finding=f)


def raw_value_verifies(e: RawEvidence) -> RawFailure | None:
    """The raw signature value verifies."""
    raw = e.raw
    if raw is None or raw.crypto_valid is not False:
        return None
    f = finding("crypto_detail", detail=raw.problem) if raw.problem else finding("crypto")
    return RawFailure(
        indication=Indication.TOTAL_FAILED,
        sub_indication=SubIndication.SIG_CRYPTO_FAILURE,
        finding=f,
    )


def raw_no_gap_content(e: RawEvidence) -> RawFailure | None:
    """The gap left out of the byte range holds only the signature value."""
    if e.raw is None or not e.raw.gap_anomaly:
        return None
    return RawFailure(
        indication=Indication.TOTAL_FAILED,
        sub_indication=SubIndication.FORMAT_FAILURE,
        finding=finding("coverage"),
        modifications=Modifications.DISALLOWED,
    )


def raw_well_formed(e: RawEvidence) -> RawFailure | None:
    """The CMS keeps the rules of its sub-filter."""
    raw = e.raw
    if raw is None or not (raw.format_error or e.ades_failed):
        return None
    return RawFailure(
        indication=Indication.TOTAL_FAILED,
        sub_indication=SubIndication.FORMAT_FAILURE,
        finding=finding("format", detail=raw.problem or e.detail),
    )


def raw_later_update_readable(e: RawEvidence) -> RawFailure | None:
    """A damaged file's update after the signature could be read."""
    if e.raw is None or e.raw.covers_eof or not e.damaged:
        return None
    return RawFailure(
        indication=Indication.TOTAL_FAILED,
        sub_indication=SubIndication.FORMAT_FAILURE,
        finding=finding("unreadable_update"),
        modifications=Modifications.DISALLOWED,
    )


def raw_has_certificate(e: RawEvidence) -> RawFailure | None:
    """The signature carries its signer's certificate."""
    if e.raw is None or e.raw.crypto_valid is not None:
        return None
    return RawFailure(
        indication=Indication.INDETERMINATE,
        sub_indication=SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
        finding=finding("no_cert"),
    )


def raw_not_legacy(e: RawEvidence) -> RawFailure | None:
    """Legacy SHA-1 sub-filters are below the policy."""
    if e.raw is None or e.raw.subfilter not in _LEGACY_SUBFILTERS:
        return None
    return RawFailure(
        indication=Indication.INDETERMINATE,
        sub_indication=SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
        finding=finding("legacy", subfilter=e.raw.subfilter),
    )


RAW_RULES: tuple[RawRule, ...] = (
    raw_readable,
    raw_intact,
    raw_value_verifies,
    raw_no_gap_content,
    raw_well_formed,
    raw_later_update_readable,
    raw_has_certificate,
    raw_not_legacy,
)


def judge_raw(evidence: RawEvidence, rules: tuple[RawRule, ...] = RAW_RULES) -> RawFailure:
    """Run the raw rules in order. A raw check alone never passes: at best INDETERMINATE."""
    for rule in rules:
        failure = rule(evidence)
        if failure is not None:
            return failure
    return RawFailure(
        indication=Indication.INDETERMINATE,
        sub_indication=SubIndication.GENERIC,
        finding=finding("partial_check", detail=evidence.detail),
    )
