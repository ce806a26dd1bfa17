"""Signing as a use case: plan, consent, unlock, sign and audit, for one letter or a batch.

The CLI, the batch workers and the web service call these. Questions to a person arrive as
callbacks (:data:`Consent`, :data:`Passphrase`) and the clock as :data:`Clock`, so that the
order is the same for every caller: the certificate is checked, the signer agrees, the key
is unlocked, and only then is the ONE signing time read. The stamp, the QR statement, the
signature and the audit entry all carry that time, however long the questions waited.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from esign import batch, i18n, pdf
from esign.app import admin, preflight, roles
from esign.app.trust import trust_settings
from esign.batch import JobResult, JobStatus, SignJob
from esign.errors import EsignError, OutputError, StoreError
from esign.keys import KeyUnlock, Secret, SigningKey
from esign.models import SigningRole, SignResult, Verdict
from esign.pdf import check_folder, check_output
from esign.pki import format_nip, identity_of
from esign.sign import SignOptions, sign_pdf
from esign.statement import register_entry
from esign.store import Store


@dataclass(frozen=True, slots=True)
class Intent:
    """One letter about to be signed, as the signer is asked to agree to it."""

    file: Path
    signer: str
    options: SignOptions
    output: Path | None = None
    """Where the signed letter will be written (shown in the consent question)."""


Consent = Callable[[Sequence[Intent]], str]
"""Asks the signer to agree to the intents; returns how (``flag``, ``unattended``,
``confirmed``) for the audit log, or raises :class:`~esign.errors.DeclinedError`."""
Passphrase = admin.Passphrase
"""The passphrase of the key with this store id (asked again after a wrong one)."""
Clock = Callable[[], datetime]
"""The current time (aware, UTC), read afresh on every call."""
Warn = Callable[[str], None]
"""Shows a warning sentence (already in the user's language) to the person signing."""


def _no_warning(_message: str) -> None:
    return None


def default_reason(
    title: str | None, name: str | None, nip: str | None, role: SigningRole | None = None
) -> str:
    """The familiar Indonesian /Reason: "... oleh {jabatan} ({nama} - NIP. {nip})", with
    ``Plt.``/``Plh.`` and `` a.n. ... u.b. ...`` when signing for someone."""
    role = role or SigningRole()
    title = role.position(title)
    person = (name or "") + (f" - NIP. {format_nip(nip)}" if nip else "")
    who = (f"{title} ({person})" if title else person) + role.reason_suffix()
    return i18n.t("sign.default_reason", lang="id", who=who)


def options_for(key: SigningKey, base: SignOptions) -> SignOptions:
    """Fill in the signer-dependent defaults (/Reason, /ContactInfo)."""
    who = identity_of(key.cert)
    return replace(
        base,
        reason=base.reason or default_reason(who.title, who.name, who.nip, base.role),
        contact=base.contact or who.email,
    )


# --- one letter ---------------------------------------------------------------------------


def sign_letter(
    store: Store,
    *,
    input: Path,
    output: Path,
    overwrite: bool,
    signer: str | None,
    options: SignOptions,
    consent: Consent,
    passphrase: Passphrase,
    clock: Clock,
    warn: Warn = _no_warning,
) -> SignResult:
    """Sign one letter as ``signer`` (or the store's only signer) and audit it; a role
    (a.n./u.b./Plt./Plh.) the store's grants do not allow, and a letter pre-flight
    refuses, are refused before any question."""
    signer_id = admin.choose_signer(store, signer)
    admin.check_can_sign(store, signer_id, clock())  # before any question
    checked = roles.check_delegation(store, signer_id, options.role, clock())
    if not checked:
        warn(i18n.t("role.unchecked"))
    check_output(output, overwrite=overwrite)  # a missing or read-only folder: before too
    preflight.gate(input, options.preflight)  # issue 16: a refusal costs no passphrase
    given = consent([Intent(input, signer_id, options, output=output)])
    key = admin.with_passphrase(
        passphrase, signer_id, lambda secret: admin.unlock(store, signer_id, secret, clock())
    )
    at = clock()  # the one signing time: after consent and the passphrase
    if checked:  # the grant may have ended while the questions waited (midnight)
        roles.check_delegation(store, signer_id, options.role, at)
    # issue 18: the letter is renamed into place only after its audit entry is committed,
    # so a store that cannot record it (a full disk) leaves no signed letter behind
    with pdf.staged_output(output, overwrite=overwrite) as staged:
        result = sign_pdf(
            input, staged, key, at=at, options=options_for(key, options), overwrite=True
        )
        result = replace(result, output=output)
        try:
            store.audit(
                "sign",
                at=at,
                identity=signer_id,
                subject=str(input),
                detail={
                    "input": str(input),
                    "output": str(output),
                    "field": result.field,
                    "sha256_before": result.sha256_before,
                    "sha256_after": result.sha256_after,
                    "verification_code": result.verification_code,
                    "consent": given,
                    **({"repaired": list(result.repaired)} if result.repaired else {}),
                },
                issued=register_entry(result.qr_statement, signer_id),
            )
        except StoreError as e:
            detail = e.params.get("detail", e.message)
            raise StoreError(
                "sign.not_recorded", hint_key="sign.not_recorded.hint", file=input, detail=detail
            ) from e
    return result


# --- a batch ------------------------------------------------------------------------------


def plan_batch(
    files: Sequence[str],
    *,
    manifest: Path | None,
    out_dir: Path | None,
    recursive: bool,
    base: SignOptions,
) -> list[SignJob]:
    """The jobs of a manifest and of FILE/DIR/GLOB arguments (every row checked first)."""
    jobs = batch.read_manifest(manifest, base_options=base, out_dir=out_dir) if manifest else []
    if files:
        inputs = batch.expand_inputs(list(files), recursive=recursive, skip_signed=True)
        roots = [Path(f) for f in files if Path(f).is_dir()]
        jobs += batch.plan(inputs, out_dir=out_dir, base_options=base, roots=roots)
    return jobs


@dataclass(frozen=True, slots=True)
class Signers:
    """The unlocked keys of a batch, and what worker processes need to unlock them."""

    keys: dict[str, SigningKey]
    sealed: list[KeyUnlock]
    """A store reference and an unlock per key (never the key itself)."""


def unlock_signers(
    store: Store, signer_ids: Sequence[str], passphrase: Passphrase, at: datetime
) -> Signers:
    """One passphrase per distinct signer, asked once for the whole batch."""
    keys: dict[str, SigningKey] = {}
    sealed: list[KeyUnlock] = []
    for signer_id in signer_ids:
        record = admin.check_can_sign(store, signer_id, at)
        secret, keys[signer_id] = admin.with_passphrase(
            passphrase, signer_id, _unlocker(store, signer_id, at)
        )
        assert record.key_ref is not None
        sealed.append(
            KeyUnlock(store=store.location, id=signer_id, ref=record.key_ref, passphrase=secret)
        )
    return Signers(keys=keys, sealed=sealed)


def _unlocker(
    store: Store, signer_id: str, at: datetime
) -> Callable[[Secret], tuple[Secret, SigningKey]]:
    def unlock(secret: Secret) -> tuple[Secret, SigningKey]:
        return secret, admin.unlock(store, signer_id, secret, at)

    return unlock


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadyBatch:
    """A batch the signer agreed to, with its keys unlocked and its one signing time."""

    jobs: list[SignJob]
    """The jobs, with the signer-dependent defaults filled in."""
    default_signer: str
    """The signer of jobs that name none."""
    signers: Signers
    """The unlocked keys."""
    at: datetime
    """When the batch starts, read after consent and the passphrases (each letter then
    reads its own signing time from ``clock`` as it is signed)."""
    clock: Clock
    """Each letter's signing time."""
    consent: str
    """How the signer agreed, for the audit log."""
    skip: Callable[[SignJob], bool] | None = None
    """``--resume``: whether a job's output is already a valid signed letter."""
    cleaned: int = 0
    """``--resume``: stale temporary files of our own naming removed before the batch."""


def prepare_batch(
    store: Store,
    jobs: Sequence[SignJob],
    *,
    signer: str | None,
    consent: Consent,
    passphrase: Passphrase,
    clock: Clock,
    resume: bool = False,
    warn: Warn = _no_warning,
) -> ReadyBatch:
    """Check every signer and every letter's role, ask for consent, unlock each key once,
    then read the time."""
    needs_default = any(j.signer is None for j in jobs)
    default = admin.choose_signer(store, signer) if needs_default else (signer or "")
    signer_ids = list(dict.fromkeys(j.signer or default for j in jobs))
    for signer_id in signer_ids:
        admin.check_can_sign(store, signer_id, clock())
    _check_batch_roles(store, jobs, default, clock(), warn)
    for folder in dict.fromkeys(j.output.parent for j in jobs):
        check_folder(folder, create=True)  # before any question: not after the passphrase
    given = consent([Intent(j.input, j.signer or default, j.options, j.output) for j in jobs])
    signers = unlock_signers(store, signer_ids, passphrase, clock())
    at = clock()  # the batch starts: after consent and the passphrases
    ready = [
        replace(j, options=options_for(signers.keys[j.signer or default], j.options)) for j in jobs
    ]
    for job in ready:
        job.output.parent.mkdir(parents=True, exist_ok=True)
    # --resume: what a killed run left behind (staged or half-written files) goes first
    cleaned = batch.remove_temps([j.output for j in ready]) if resume else 0
    return ReadyBatch(
        jobs=ready,
        default_signer=default,
        signers=signers,
        at=at,
        clock=clock,
        consent=given,
        skip=_already_signed(store, at, given, default) if resume else None,
        cleaned=cleaned,
    )


def _check_batch_roles(
    store: Store, jobs: Sequence[SignJob], default: str, at: datetime, warn: Warn
) -> None:
    """Every letter's role (a manifest may give each its own) against the grants; one
    warning for the batch when the store records no roles."""
    unchecked = False
    for job in jobs:
        signer_id = job.signer or default
        role = job.options.role
        if not roles.check_delegation(store, signer_id, role, at, file=str(job.input)):
            unchecked = True
    if unchecked:
        warn(i18n.t("role.unchecked"))


def _already_signed(
    store: Store, at: datetime, given: str, default: str
) -> Callable[[SignJob], bool]:
    """``--resume``: an output that verifies is skipped; one without its audit entry (left by
    an earlier version, or copied in) is logged first as ``sign.recovered`` (issue 18)."""
    from esign.verify import verify_pdf

    trust = trust_settings(store, at=at)
    logged = {
        e.detail.get("sha256_after")
        for e in store.audit_entries()
        if e.action in {"sign", "sign.recovered"}
    }

    def already_done(job: SignJob) -> bool:
        if not job.output.is_file():
            return False
        if verify_pdf(job.output, trust=trust, at=at).verdict is not Verdict.VALID:
            return False
        digest = pdf.sha256_file(job.output)
        if digest not in logged:
            store.audit(
                "sign.recovered",
                at=at,
                identity=job.signer or default,
                subject=str(job.input),
                detail={
                    "input": str(job.input),
                    "output": str(job.output),
                    "sha256_after": digest,
                    "verified": Verdict.VALID.value,
                    "consent": given,
                },
            )
            logged.add(digest)
        return True

    return already_done


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOutcome:
    """What a batch did."""

    results: list[JobResult] = field(default_factory=list)
    """Every finished letter, in the order it finished (each one on disk AND logged)."""
    interrupted: bool = False
    """Stopped by Ctrl-C: the letters in hand were finished, the rest not started."""
    stopped: batch.BatchStopped | None = None
    """Why the batch stopped early (the signer revoked, workers kept dying), if it did."""


def token_signers(ready: ReadyBatch) -> list[str]:
    """Ids of the batch's signers whose key is on a PKCS#11 token."""
    from esign.keys import token_of

    return [unlock.id for unlock in ready.signers.sealed if token_of(unlock.ref) is not None]


def run_batch(
    store: Store,
    ready: ReadyBatch,
    *,
    workers: int = 1,
    overwrite: bool = False,
    on_result: Callable[[JobResult], None] = lambda _r: None,
) -> BatchOutcome:
    """Sign every job of ``ready``; each result is audited, its output renamed into place
    only after its entry is committed, then it is passed to ``on_result``.

    Before each letter the signer's status is read from the store: a revocation stops the
    batch (:class:`esign.batch.SignerRevoked`), and a letter whose signing time is not
    before the revocation is discarded, never published.

    A batch with a key on a token signs in this process (one worker): a PKCS#11 session
    does not survive a fork, and each worker logging in again would multiply the PIN
    tries a token counts towards locking itself.
    """
    if token_signers(ready):
        workers = 1
    results: list[JobResult] = []
    held: JobResult | None = None
    run = _results(ready, store, workers=workers, overwrite=overwrite)
    try:
        for result in run:
            held = result
            with _interrupt_deferred():  # the entry, the rename and the count are one unit
                done = _commit(store, result, ready.consent, ready.clock, overwrite=overwrite)
                held = None
                results.append(done)
            on_result(done)
    except KeyboardInterrupt:
        return BatchOutcome(results=results, interrupted=True)
    except batch.SignerRevoked as e:
        with _interrupt_deferred():
            withdrawn = _withdraw_after(store, results, e, ready.consent, ready.clock)
        for result in withdrawn:
            on_result(result)
        return BatchOutcome(results=results, stopped=e)
    except batch.BatchStopped as e:
        return BatchOutcome(results=results, stopped=e)
    finally:
        if held is not None:
            batch.discard(held)
        run.close()  # the pool is shut down and what it holds is removed
    return BatchOutcome(results=results)


def _results(
    ready: ReadyBatch, store: Store, *, workers: int, overwrite: bool
) -> Generator[JobResult, None, None]:
    return batch.run(
        ready.jobs,
        ready.signers.keys,
        ready.signers.sealed,
        default_signer=ready.default_signer,
        clock=ready.clock,
        overwrite=overwrite,
        workers=workers,
        skip=ready.skip,
        gate=lambda signer: _check_not_revoked(store, signer, None),
    )


def _check_not_revoked(store: Store, signer: str, signed_at: datetime | None) -> None:
    """Raise SignerRevoked if ``signer`` is revoked (at or before ``signed_at``, if given)."""
    revoked_at = store.get(signer).revoked_at
    if revoked_at is not None and (signed_at is None or signed_at >= revoked_at):
        raise batch.SignerRevoked(id=signer, revoked_at=revoked_at)


def _withdraw_after(
    store: Store,
    results: list[JobResult],
    revoked: batch.SignerRevoked,
    given: str,
    clock: Clock,
) -> list[JobResult]:
    """Letters published while the revocation was being recorded (``cert revoke`` reads its
    time before it commits) but signed at or after its time: their outputs are removed and
    each is logged ``sign.withdrawn``; they count as failed. Returns them, as they are now."""
    withdrawn = []
    for i, result in enumerate(results):
        if (
            result.status is JobStatus.SIGNED
            and result.signer == revoked.signer
            and result.signed_at is not None
            and result.signed_at >= revoked.revoked_at
        ):
            result.output.unlink(missing_ok=True)
            failed = replace(
                result,
                status=JobStatus.FAILED,
                qr_statement=None,
                error=i18n.t("batch.withdrawn", when=revoked.params["when"]),
                exit_code=int(revoked.exit_code),
            )
            store.audit(
                "sign.withdrawn",
                at=clock(),
                identity=result.signer,
                subject=str(result.input),
                detail={
                    "input": str(result.input),
                    "output": str(result.output),
                    "sha256_after": result.sha256,
                    "signed_at": result.signed_at.isoformat(),
                    "revoked_at": revoked.revoked_at.isoformat(),
                    "consent": given,
                },
            )
            results[i] = failed
            withdrawn.append(failed)
    return withdrawn


@contextlib.contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done (main thread only), then raise it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _commit(
    store: Store, result: JobResult, given: str, clock: Clock, *, overwrite: bool
) -> JobResult:
    """Audit ``result``, then publish its output; a revoked signer's letter is discarded."""
    if result.status is JobStatus.SIGNED:
        assert result.signer is not None and result.signed_at is not None
        try:
            _check_not_revoked(store, result.signer, result.signed_at)
        except batch.BatchStopped:
            batch.discard(result)
            raise
    try:
        _audit_job(store, result, given, clock)
    except BaseException:
        batch.discard(result)
        raise
    try:
        return batch.publish(result, overwrite=overwrite)
    except (OSError, EsignError) as e:
        error = (
            e
            if isinstance(e, EsignError)
            else OutputError("out.unwritable", file=result.output, detail=e.strerror or str(e))
        )
        failed = replace(
            result,
            status=JobStatus.FAILED,
            staged=None,
            qr_statement=None,
            error=error.message,
            exit_code=int(error.exit_code),
        )
        _audit_job(store, failed, given, clock)  # the entry above is followed by why no file came
        return failed


def _audit_job(store: Store, result: JobResult, given: str, clock: Clock) -> None:
    store.audit(
        "sign" if result.status is JobStatus.SIGNED else f"sign.{result.status.value}",
        at=result.signed_at or clock(),  # each letter its own time
        identity=result.signer,
        subject=str(result.input),
        detail={
            "input": str(result.input),
            "output": str(result.output),
            "field": result.field,
            "sha256_before": result.sha256_before,
            "sha256_after": result.sha256,
            "error": result.error,
            "verification_code": result.verification_code,
            "consent": given,  # how the signer agreed: flag, unattended or confirmed
            **({"repaired": list(result.repaired)} if result.repaired else {}),
        },
        issued=register_entry(result.qr_statement, result.signer),
    )


# --- the stamp's profiles -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class StampProfiles:
    """What the stamp prints beside the certificate: ranks, and which ids are seals."""

    ranks: dict[str, str]
    """Pangkat/golongan by store id."""
    seals: frozenset[str]
    """Store ids of institution seals (their block names the institution)."""


def stamp_profiles(store: Store) -> StampProfiles:
    """The ranks and seals of the store, for :class:`esign.stamp.StampRequest`."""
    from esign.models import CertKind

    records = store.identities()
    return StampProfiles(
        ranks={r.id: rank for r in records if (rank := store.rank(r.id))},
        seals=frozenset(r.id for r in records if r.kind is CertKind.SEAL),
    )
