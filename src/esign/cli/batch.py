"""Batch signing in the CLI: unlock each signer once, progress bar on a terminal, JSON lines
when asked, an audit entry per letter, a summary, and an exit code that says if any failed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from esign import batch, i18n
from esign.app import admin
from esign.batch import JobResult, JobStatus, SignJob
from esign.cli.common import Env, key_passphrase
from esign.cli.consent import Intent, consent
from esign.errors import ExitCode
from esign.keys import KeyUnlock, SigningKey
from esign.models import Verdict
from esign.render import json as rjson
from esign.sign import SignOptions
from esign.store import Store


@contextlib.contextmanager
def progress(env: Env, total: int, *, quiet: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar (count, rate, ETA) on a terminal; nothing when piped or quiet."""
    if quiet or not env.err.is_terminal:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f}/s" if speed else "-/s")

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=env.err, transient=True) as bar:
        task = bar.add_task(i18n.t("batch.progress"), total=total)
        yield lambda: bar.advance(task)


def _plan(
    files: list[str],
    manifest: Path | None,
    out_dir: Path | None,
    recursive: bool,
    base: SignOptions,
) -> list[SignJob]:
    jobs = batch.read_manifest(manifest, base_options=base, out_dir=out_dir) if manifest else []
    if files:
        inputs = batch.expand_inputs(files, recursive=recursive, skip_signed=True)
        roots = [Path(f) for f in files if Path(f).is_dir()]
        jobs += batch.plan(inputs, out_dir=out_dir, base_options=base, roots=roots)
    return jobs


def _unlock_all(
    env: Env, store: Store, signer_ids: list[str], passphrase_file: Path | None
) -> tuple[dict[str, SigningKey], list[KeyUnlock]]:
    """One passphrase per distinct signer, asked once for the whole batch."""
    keys: dict[str, SigningKey] = {}
    sealed: list[KeyUnlock] = []
    for signer_id in signer_ids:
        record = admin.check_can_sign(store, signer_id, env.now())
        secret = key_passphrase(env, passphrase_file, signer_id)
        key = admin.unlock(store, signer_id, secret, env.now())
        keys[signer_id] = key
        assert record.key_ref is not None
        sealed.append(
            KeyUnlock(store=store.location, id=signer_id, ref=record.key_ref, passphrase=secret)
        )
    return keys, sealed


def _with_defaults(job: SignJob, keys: dict[str, SigningKey], default: str) -> SignJob:
    from dataclasses import replace

    from esign.cli.signing import options_for

    return replace(job, options=options_for(keys[job.signer or default], job.options))


def _resume_check(store_trust: Any, at: Any) -> Callable[[SignJob], bool]:
    from esign.verify import verify_pdf

    def already_done(job: SignJob) -> bool:
        if not job.output.is_file():
            return False
        return verify_pdf(job.output, trust=store_trust, at=at).verdict is Verdict.VALID

    return already_done


def sign_batch(
    env: Env,
    *,
    files: list[str],
    manifest: Path | None,
    out_dir: Path | None,
    recursive: bool,
    workers: int,
    resume: bool,
    force: bool,
    signer: str | None,
    base: SignOptions,
    passphrase_file: Path | None,
    as_json: bool,
    yes: bool = False,
) -> int:
    """Run a batch; returns the exit code (0 when every letter was signed or skipped)."""
    from esign.verify import TrustSettings

    jobs = _plan(files, manifest, out_dir, recursive, base)
    if not jobs:
        raise click.UsageError(i18n.t("batch.nothing"))
    at = env.now()
    results: list[JobResult] = []
    interrupted = False
    with env.open_store() as store:
        default = (
            admin.choose_signer(store, signer)
            if any(j.signer is None for j in jobs)
            else (signer or "")
        )
        signer_ids = list(dict.fromkeys(j.signer or default for j in jobs))
        for signer_id in signer_ids:
            admin.check_can_sign(store, signer_id, at)
        intents = [Intent(j.input, j.signer or default, j.options) for j in jobs]
        given = consent(env, store, intents, yes=yes)
        keys, sealed = _unlock_all(env, store, signer_ids, passphrase_file)
        jobs = [_with_defaults(j, keys, default) for j in jobs]
        for job in jobs:
            job.output.parent.mkdir(parents=True, exist_ok=True)
        skip = None
        if resume:
            register = admin.revocation_register(store, at)
            trust = TrustSettings(
                roots=tuple(admin.trust_roots(store)),
                other_certs=tuple(admin.known_certificates(store)),
                revocation_registers=(register,) if register is not None else (),
            )
            skip = _resume_check(trust, at)
        with progress(env, len(jobs), quiet=len(jobs) < 2) as advance:
            try:
                for result in batch.run(
                    jobs,
                    keys,
                    sealed,
                    default_signer=default,
                    at=at,
                    overwrite=force,
                    workers=workers,
                    skip=skip,
                ):
                    results.append(result)
                    _record(store, result, at, given)
                    advance()
                    _emit(env, result, as_json)
            except KeyboardInterrupt:
                interrupted = True
    summary = batch.summarize(results, interrupted=interrupted)
    env.err.print(
        i18n.t(
            "batch.summary",
            total=len(jobs),
            signed=summary.signed,
            skipped=summary.skipped,
            failed=summary.failed,
        )
    )
    if interrupted:
        env.err.print(i18n.t("error.interrupted_batch", done=len(results), total=len(jobs)))
        return int(ExitCode.INTERRUPTED)
    failures = [r for r in results if r.status is JobStatus.FAILED]
    return int(failures[0].exit_code or ExitCode.ERROR) if failures else int(ExitCode.OK)


def _record(store: Store, result: JobResult, at: Any, given: str) -> None:
    from esign.statement import register_entry

    store.audit(
        "sign" if result.status is JobStatus.SIGNED else f"sign.{result.status.value}",
        at=at,
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
        },
        issued=register_entry(result.qr_statement, result.signer),
    )


def _emit(env: Env, result: JobResult, as_json: bool) -> None:
    if as_json:
        click.echo(rjson.dumps(rjson.job_json(result)))
    elif result.status is JobStatus.FAILED:
        env.err.print(f"{i18n.t('error.prefix')}: {result.error}")
