"""Typed results that cross module borders. No I/O here.

Enums are ``StrEnum`` so JSON output is simply ``.value``; the JSON contract is
documented in docs/json.md and versioned by :data:`JSON_SCHEMA_VERSION`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from esign import i18n
from esign.errors import ExitCode, VerificationFailed

JSON_SCHEMA_VERSION = 1


class Verdict(StrEnum):
    """The answer for one signature or one file."""

    VALID = "valid"
    CHANGED = "changed"
    """Valid, but changed after signing: the signature verifies over the revision it
    signed, and a later update changed what a reader sees of it (e.g. an annotation over
    the text), in a way the signature's permissions did not forbid."""
    INVALID = "invalid"
    INDETERMINATE = "indeterminate"
    UNSIGNED = "unsigned"
    ERROR = "error"


class Indication(StrEnum):
    """ETSI EN 319 102-1 main indication."""

    TOTAL_PASSED = "TOTAL_PASSED"
    TOTAL_FAILED = "TOTAL_FAILED"
    INDETERMINATE = "INDETERMINATE"


class SubIndication(StrEnum):
    """ETSI EN 319 102-1 sub-indications esign reports."""

    FORMAT_FAILURE = "FORMAT_FAILURE"
    HASH_FAILURE = "HASH_FAILURE"
    SIG_CRYPTO_FAILURE = "SIG_CRYPTO_FAILURE"
    REVOKED = "REVOKED"
    EXPIRED = "EXPIRED"
    NOT_YET_VALID = "NOT_YET_VALID"
    SIG_CONSTRAINTS_FAILURE = "SIG_CONSTRAINTS_FAILURE"
    CHAIN_CONSTRAINTS_FAILURE = "CHAIN_CONSTRAINTS_FAILURE"
    CRYPTO_CONSTRAINTS_FAILURE = "CRYPTO_CONSTRAINTS_FAILURE"
    CERTIFICATE_CHAIN_GENERAL_FAILURE = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
    NO_CERTIFICATE_CHAIN_FOUND = "NO_CERTIFICATE_CHAIN_FOUND"
    NO_SIGNING_CERTIFICATE_FOUND = "NO_SIGNING_CERTIFICATE_FOUND"
    REVOKED_NO_POE = "REVOKED_NO_POE"
    REVOKED_CA_NO_POE = "REVOKED_CA_NO_POE"
    OUT_OF_BOUNDS_NO_POE = "OUT_OF_BOUNDS_NO_POE"
    OUT_OF_BOUNDS_NOT_REVOKED = "OUT_OF_BOUNDS_NOT_REVOKED"
    TRY_LATER = "TRY_LATER"
    GENERIC = "GENERIC"
    CHANGED_AFTER_SIGNING = "CHANGED_AFTER_SIGNING"
    """esign's own, not ETSI's: with TOTAL_PASSED, the signature verifies but a later
    revision visibly changed the signed pages (verdict ``changed``)."""


class Modifications(StrEnum):
    """What happened to the document after a signature."""

    NONE = "none"
    ALLOWED = "allowed"
    VISIBLE = "visible"
    """Permitted by the signature's rules, but visible over what was signed (an annotation
    or widget covering signed content): verdict ``changed``."""
    DISALLOWED = "disallowed"
    UNKNOWN = "unknown"
    """The later revisions could not be analysed (damaged, hidden or past a limit): never
    ``valid``."""


class Coverage(StrEnum):
    """What part of the file a signature's byte range covers."""

    ENTIRE_FILE = "entire_file"
    ENTIRE_REVISION = "entire_revision"
    PARTIAL = "partial"
    UNKNOWN = "unknown"


class Revocation(StrEnum):
    """Revocation status of the signer's certificate."""

    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"
    NOT_CHECKED = "not_checked"


class RevocationPolicy(StrEnum):
    """What the verifier does when no revocation answer can be had (``--revocation``)."""

    HARD_FAIL = "hard-fail"
    """No answer: INDETERMINATE / TRY_LATER (EN 319 102-1). The default."""
    SOFT_FAIL = "soft-fail"
    """No answer: accepted (Adobe's default). A known revocation still counts."""


class RevocationFailureKind(StrEnum):
    """Why one revocation source gave no usable answer."""

    UNREACHABLE = "unreachable"
    NO_SOURCE = "no_source"
    BAD_RESPONSE = "bad_response"
    UNTRUSTED = "untrusted"
    STALE = "stale"
    NO_STATUS = "no_status"


@dataclass(frozen=True, slots=True, kw_only=True)
class RevocationFailure:
    """One revocation source that was asked (or could not be) and gave no usable answer."""

    certificate: str
    """Subject (RFC 4514) of the certificate whose status was sought."""
    source: str
    """The OCSP or CRL URL, the ``--crl`` file, ``embedded``, ``store`` or ``offline``."""
    kind: RevocationFailureKind
    """unreachable, no_source, bad_response, untrusted, stale or no_status."""
    detail: str | None = None
    """The technical error, in English (e.g. ``Connection refused``)."""


class Level(StrEnum):
    """PAdES baseline levels (ETSI EN 319 142-1)."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"
    NONE = "none"
    """A signature that verifies but is not a PAdES baseline signature (e.g.
    adbe.pkcs7.detached, or CAdES with signingTime / without signing-certificate-v2):
    verification only; never something to sign at."""


LEVEL_ORDER: tuple[Level, ...] = (Level.B_B, Level.B_T, Level.B_LT, Level.B_LTA)


class CertKind(StrEnum):
    """What a certificate in the store is for."""

    CA = "ca"
    PERSON = "person"
    SEAL = "seal"


class CertStatus(StrEnum):
    """Lifecycle state of a certificate in the store, at a given time."""

    ACTIVE = "active"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


@dataclass(frozen=True, slots=True, kw_only=True)
class SignerIdentity:
    """Who a certificate names, read from its subject."""

    name: str | None
    """Common name (CN): the person or the institution."""
    nip: str | None
    """NIP (subject serialNumber), 18 digits for civil servants."""
    title: str | None
    """Position (jabatan), from the subject title attribute."""
    org: str | None
    """Organization (O)."""
    unit: str | None = None
    """Organizational unit (OU)."""
    email: str | None = None
    """E-mail address, from the subject alternative name or the subject."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CertInfo:
    """A certificate as the store and the reports show it."""

    id: str
    """The store's identifier (``budi``), or empty for certificates outside the store."""
    kind: CertKind
    """CA, person or institutional seal."""
    subject: SignerIdentity
    """Name, NIP, title, organization."""
    subject_dn: str
    """The subject distinguished name, RFC 4514."""
    issuer_dn: str
    """The issuer distinguished name, RFC 4514."""
    serial: str
    """Serial number, hexadecimal."""
    fingerprint: str
    """SHA-256 fingerprint of the DER certificate, hexadecimal."""
    not_before: datetime
    """Start of validity (UTC)."""
    not_after: datetime
    """End of validity (UTC)."""
    status: CertStatus
    """Active, revoked, expired or not yet valid at the time asked."""
    has_key: bool
    """Whether the store holds the (encrypted) private key."""
    key_type: str
    """Key algorithm and size, e.g. ``RSA-2048`` or ``EC-P256``."""
    revoked_at: datetime | None = None
    """When the certificate was revoked in the store, if it was."""
    rank: str | None = None
    """Pangkat/golongan kept in the store's profile (not in the certificate), e.g.
    ``Pembina (IV/a)``; null outside the store."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustAnchor:
    """A root certificate the store trusts."""

    fingerprint: str
    """SHA-256 fingerprint, hexadecimal."""
    subject_dn: str
    """Subject distinguished name."""
    not_after: datetime
    """End of validity."""
    source: str
    """Where it came from: ``ca create``, a file name, ..."""


class Acting(StrEnum):
    """An officer signing for a post that is vacant or whose holder is away."""

    PLT = "plt"
    """Pelaksana tugas (acting): the post is vacant."""
    PLH = "plh"
    """Pelaksana harian (day-to-day deputy): the holder is away."""

    @property
    def prefix(self) -> str:
        """``Plt.`` or ``Plh.``, written before the position."""
        return "Plt." if self is Acting.PLT else "Plh."


@dataclass(frozen=True, slots=True, kw_only=True)
class SigningRole:
    """Signing for someone: ``a.n.``, ``u.b.``, ``Plt.``, ``Plh.``.

    The signer still uses their own key; the role is a statement in the visible block and
    in /Reason, as Indonesian letters write it (the abbreviations are the same in English)::

        a.n. Bupati Jember          (on_behalf_of)
        Sekretaris Daerah           (via)
        u.b.
        Plt. Kepala Dinas ...       (acting + the signer's own position)
    """

    on_behalf_of: str | None = None
    """``a.n.`` (atas nama): the official the letter speaks for, e.g. ``Bupati Jember``."""
    via: str | None = None
    """``u.b.`` (untuk beliau): the position between, under an ``a.n.``."""
    acting: Acting | None = None
    """``Plt.`` or ``Plh.`` before the signer's position."""

    def position(self, title: str | None) -> str | None:
        """The signer's position as the block prints it (``Plt. Kepala Dinas``)."""
        if title and self.acting is not None:
            return f"{self.acting.prefix} {title}"
        return title

    def block_lines(self) -> tuple[str, ...]:
        """The lines above the position: ``a.n. ...``, then ``via`` and ``u.b.``."""
        lines: list[str] = []
        if self.on_behalf_of:
            lines.append(f"a.n. {self.on_behalf_of}")
        if self.via:
            lines += [self.via, "u.b."]
        return tuple(lines)

    def reason_suffix(self) -> str:
        """`` a.n. Bupati Jember u.b. Sekretaris Daerah`` for /Reason (empty without)."""
        parts = []
        if self.on_behalf_of:
            parts.append(f"a.n. {self.on_behalf_of}")
        if self.via:
            parts.append(f"u.b. {self.via}")
        return "".join(" " + p for p in parts)


class DelegationStatus(StrEnum):
    """Whether the verifier's store roles confirm a signature's a.n./u.b./Plt./Plh. claim."""

    CONFIRMED = "confirmed"
    """A role grant of this store held for the signer at the signing time."""
    NOT_CONFIRMED = "not_confirmed"
    """The signer is in this store, which records roles, and none allowed the claim then."""
    UNKNOWN = "unknown"
    """The verifier has no roles recorded, or does not know the signer: not checked."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Delegation:
    """Signing for someone as the signature's signed attributes claim it (CAdES
    signer-attributes-v2, claimed attributes), and whether the store's roles confirm it."""

    statement: str
    """The claim as a letter writes it, e.g. ``Plt. Kepala Dinas a.n. Bupati Jember``."""
    on_behalf_of: str | None
    """``a.n.``: the post signed for."""
    via: str | None
    """``u.b.``: the post between, under the ``a.n.``."""
    acting: Acting | None
    """``plt`` or ``plh``."""
    acting_post: str | None
    """The post acted in (``Kepala Dinas``), when ``acting`` names one."""
    status: DelegationStatus
    """confirmed, not_confirmed or unknown."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SignResult:
    """What ``sign_pdf`` produced."""

    input: Path
    """The file that was signed (never modified unless in place)."""
    output: Path
    """The signed file."""
    signer_id: str
    """Store identity that signed."""
    signer: SignerIdentity
    """Who signed."""
    field: str
    """Signature field name."""
    signed_at: datetime
    """Signing time written in the signature (UTC)."""
    sha256_before: str
    """SHA-256 of the input."""
    sha256_after: str
    """SHA-256 of the output."""
    level: str = "B-B"
    """PAdES baseline level reached."""
    verification_code: str | None = None
    """The code printed under the stamp's QR (``XXXX-XXXX-XXXX-XXXX``), if there is one."""
    qr_statement: str | None = None
    """The signed statement (JWS) in the QR, for the store's register; None without a QR."""
    pages: tuple[int, ...] = ()
    """1-based pages the signature shows on when it shows on several (a paraf on every
    page: one signature, one widget per page); empty otherwise."""
    repaired: tuple[str, ...] = ()
    """What ``--repair`` changed before the signature (pre-flight: ``rewritten``,
    ``decrypted``, ``scripts_removed``, ``open_action_removed``, ``xfa_removed``); empty
    when the letter was signed as it was."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TimestampInfo:
    """A trusted time: the signature timestamp of a signature, or a document timestamp."""

    time: datetime
    """The time the time-stamp authority certified (genTime, UTC)."""
    tsa: str | None
    """Subject of the time-stamp authority's certificate, RFC 4514."""
    valid: bool
    """The token is intact, its imprint matches the signed data and its TSA is trusted."""


class ChangeKind(StrEnum):
    """What one later revision did to the signed document (or a note from pyHanko)."""

    PAGE_CONTENT = "page_content"
    PAGE_RESOURCES = "page_resources"
    PAGE_GEOMETRY = "page_geometry"
    PAGES = "pages"
    OPTIONAL_CONTENT = "optional_content"
    ANNOTATION_CHANGED = "annotation_changed"
    ANNOTATION_REMOVED = "annotation_removed"
    FIELD_CHANGED = "field_changed"
    FIELD_DEFAULT_FILLED = "field_default_filled"
    ANNOTATION_ADDED = "annotation_added"
    ANNOTATION_COVERS = "annotation_covers"
    FIELD_FILLED = "field_filled"
    FIELD_ADDED = "field_added"
    SIGNATURE = "signature"
    METADATA = "metadata"
    DSS = "dss"
    STRUCTURE = "structure"
    OTHER = "other"
    ANALYSIS = "analysis"


class ChangePlace(StrEnum):
    """Where a change happened: says which of a change's location fields are set."""

    NONE = "none"
    PAGE_COUNT = "page_count"
    PAGE_ENTRY = "page_entry"
    ANNOTATION = "annotation"
    FIELD = "field"
    FIELD_VALUE = "field_value"
    CATALOG_ENTRY = "catalog_entry"
    OBJECT = "object"
    OBJECT_FREED = "object_freed"
    OBJECT_REWRITTEN = "object_rewritten"
    LEVEL = "level"
    NOTE = "note"


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeNote:
    """One change after signing, in machine form (people see it through the catalog)."""

    kind: ChangeKind
    """What kind of change."""
    visible: bool
    """It alters what a reader saw when the document was signed (never allowed)."""
    place: ChangePlace = ChangePlace.NONE
    """Where it happened; says which of the fields below are set."""
    page: int | None = None
    """Page number (1-based)."""
    target: str | None = None
    """The thing changed: a PDF key (``/Contents``), an annotation subtype, a field name, a
    catalog entry, pyHanko's modification level or pyHanko's own note (English)."""
    object_number: int | None = None
    """PDF object number."""
    pages_when_signed: int | None = None
    """Number of pages when signed (``page_count``)."""
    pages_now: int | None = None
    """Number of pages now (``page_count``)."""
    region: tuple[float, float, float, float] | None = None
    """Where on ``page`` a visible change shows: ``(x1, y1, x2, y2)`` in PDF points of the
    page's own space (an added, changed or removed annotation's rectangle, or what pdfium
    draws differently); None when it has no place on a page. The reports picture it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing a verification rule found, as data: the words are chosen when it is shown,
    in the language of the command or request (``verify.problem.<code>`` in the catalog)."""

    code: str
    """Stable identifier of the finding, e.g. ``hash``, ``untrusted``, ``chain``
    (docs/json.md lists them); English, whatever the language."""
    params: dict[str, str] = field(default_factory=dict)
    """The values the sentence names (e.g. ``detail``, ``when``), as strings."""

    def text(self, lang: str | None = None) -> str:
        """The finding as a sentence in ``lang`` (default: the current language)."""
        return i18n.t(f"verify.problem.{self.code}", lang=lang, **self.params)


def finding(code: str, /, **params: object) -> Finding:
    """A :class:`Finding` with its parameters turned into text."""
    return Finding(code=code, params={k: str(v) for k, v in params.items()})


@dataclass(frozen=True, slots=True, kw_only=True)
class SignatureReport:
    """Everything esign found out about one signature."""

    field: str
    """Signature field name."""
    signer: SignerIdentity
    """Who signed, from the signer certificate."""
    signer_cert: CertInfo | None
    """The signer certificate, if the CMS carried it."""
    signed_at: datetime | None
    """Signing time claimed by the signer (not a trusted time)."""
    intact: bool
    """The digest over the signed byte range matches."""
    crypto_valid: bool
    """The signature value verifies with the signer's public key."""
    trusted: bool
    """The signer certificate chains to a trusted root."""
    cert_valid_at_signing: bool | None
    """The certificate was within its validity period at the claimed signing time."""
    modifications: Modifications
    """What changed in the document after this signature."""
    modification_details: tuple[str, ...]
    """Notes on what changed after signing, in English (stable text; ``changes`` carries the
    same in machine form)."""
    coverage: Coverage
    """What the byte range covers."""
    indication: Indication
    """ETSI indication."""
    sub_indication: SubIndication | None
    """ETSI sub-indication, when not TOTAL_PASSED."""
    verdict: Verdict
    """The answer for this signature."""
    revocation: Revocation
    """Revocation status of the signer certificate."""
    chain: tuple[str, ...]
    """Subjects of the validation path, signer first."""
    reason: str | None = None
    """/Reason of the signature dictionary."""
    location: str | None = None
    """/Location of the signature dictionary."""
    digest_algorithm: str | None = None
    """Message digest algorithm, e.g. ``sha256``."""
    signature_algorithm: str | None = None
    """Signature mechanism, e.g. ``rsassa_pkcs1v15``."""
    subfilter: str | None = None
    """/SubFilter, e.g. ``/ETSI.CAdES.detached``."""
    revision: int | None = None
    """Revision (0-based) the signature was added in."""
    kind: str = "signature"
    """``signature`` or ``timestamp`` (document timestamp)."""
    certified: bool = False
    """A certification (DocMDP) signature."""
    findings: tuple[Finding, ...] = ()
    """What the verification rules found wrong, as codes and parameters; empty when valid
    (``problems`` renders them)."""
    fully_checked: bool = True
    """False when only the signed bytes and the signature value could be checked (the
    document structure or the later revisions defeated analysis); never ``valid`` then."""
    level: Level | None = None
    """The PAdES baseline level this signature actually reached (``none``: it verifies
    but misses a B-B requirement, see ``level_reason``; None: it did not verify far
    enough, or a document timestamp)."""
    timestamp: TimestampInfo | None = None
    """The signature timestamp (for a document timestamp: its own time), if any."""
    revoked_at: datetime | None = None
    """When the signer certificate was revoked, if a revocation answer says so."""
    revocation_source: str | None = None
    """Where the revocation answer came from: ``store`` (this office's own register),
    ``crl_file`` (``--crl``), ``embedded`` (DSS/VRI) or ``online``."""
    changes: tuple[ChangeNote, ...] = ()
    """What changed after signing, one entry per change (visible changes first)."""
    revocation_policy: RevocationPolicy | None = None
    """The revocation policy applied: ``hard-fail`` (no answer: indeterminate / TRY_LATER)
    or ``soft-fail`` (no answer: accepted; a known revocation still counts); null when the
    signature was not checked far enough to reach revocation."""
    revocation_failures: tuple[RevocationFailure, ...] = ()
    """Every revocation source that gave no usable answer for the signer or a CA above it
    (and for the TSA when its timestamp was needed as proof of existence)."""
    level_reason: Finding | None = None
    """Why ``level`` is ``none``: the PAdES B-B requirement (ETSI EN 319 142-1, 6.3)
    the signature misses."""
    signed_size: int | None = None
    """How many bytes from the start of the file this signature covers: the first
    ``signed_size`` bytes are the document as it was signed (what ``esign verify --revision
    N -o FILE`` extracts). None when the byte range cannot be read."""
    delegation: Delegation | None = None
    """Signing for someone (a.n., u.b., Plt., Plh.) as the signed attributes claim it, and
    whether the verifier's store roles confirm it; null when the signature claims none."""
    pages: tuple[int, ...] = ()
    """1-based pages on which this signature's field shows a widget: one page for a visible
    signature, every page for a paraf on every page (one signature covering them all);
    empty for an invisible one."""

    JSON_EXTRA: ClassVar[tuple[str, ...]] = ("problems",)
    """Properties the JSON view adds to the fields (rendered at the edge)."""

    @property
    def problems(self) -> tuple[str, ...]:
        """Plain-language problems found, in the current language (the findings as text)."""
        return tuple(f.text() for f in self.findings)


# Roots of Indonesia's licensed providers (PSrE): a signature that chains to one of these
# (as a trusted anchor) is "certified" in the sense of PP 71/2019 Pasal 60.
NATIONAL_ROOT_NAMES: tuple[str, ...] = ("root ca indonesia",)


def from_licensed_provider(sig: SignatureReport) -> bool:
    """The signature is trusted and its chain ends at Indonesia's national root."""
    return bool(sig.trusted and sig.chain) and any(
        name in sig.chain[-1].lower() for name in NATIONAL_ROOT_NAMES
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class VerificationReport:
    """The answer for one file."""

    file: str
    """The file as named by the caller."""
    verdict: Verdict
    """valid, invalid, indeterminate, unsigned or error."""
    signatures: tuple[SignatureReport, ...] = ()
    """One report per signature, in signing order."""
    error: str | None = None
    """Why the file could not be checked (verdict ``error``)."""
    sha256: str | None = None
    """SHA-256 of the file as read."""
    revisions: int | None = None
    """Number of revisions (incremental updates + 1)."""
    repaired: bool = False
    """The file needed a tolerant (non-strict) read."""
    checked_at: datetime | None = None
    """The validation time used."""
    notes: tuple[str, ...] = field(default_factory=tuple)
    """File-level remarks."""

    @property
    def exit_code(self) -> ExitCode:
        """The process exit code this report alone would give."""
        return VERDICT_EXIT[self.verdict]

    def require_valid(self) -> VerificationReport:
        """Return self when the verdict is valid, else raise ``VerificationFailed``."""
        if self.verdict is not Verdict.VALID:
            raise VerificationFailed("verify.require_valid", file=self.file, verdict=self.verdict)
        return self


VERDICT_EXIT: dict[Verdict, ExitCode] = {
    Verdict.VALID: ExitCode.OK,
    Verdict.CHANGED: ExitCode.CHANGED,
    Verdict.INVALID: ExitCode.INVALID,
    Verdict.INDETERMINATE: ExitCode.INDETERMINATE,
    Verdict.UNSIGNED: ExitCode.UNSIGNED,
    Verdict.ERROR: ExitCode.INPUT,
}

# When several files are verified, the worst verdict decides the exit code.
VERDICT_SEVERITY: dict[Verdict, int] = {
    Verdict.VALID: 0,
    Verdict.UNSIGNED: 1,
    Verdict.CHANGED: 2,
    Verdict.INDETERMINATE: 3,
    Verdict.ERROR: 4,
    Verdict.INVALID: 5,
}


def worst_verdict(verdicts: list[Verdict]) -> Verdict:
    """The most severe verdict of several (valid when there are none)."""
    return max(verdicts, key=VERDICT_SEVERITY.__getitem__, default=Verdict.VALID)
