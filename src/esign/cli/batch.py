"""Batch signing in the CLI: unlock each signer once, progress bar on a terminal, JSON lines
when asked, an audit entry per letter, a summary, and an exit code that says if any failed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from esign import batch, i18n
from esign.app import signing
from esign.batch import JobResult, JobStatus
from esign.cli.common import Env, KeyPassphrase, echo
from esign.cli.consent import asker
from esign.errors import ExitCode
from esign.render import json as rjson
from esign.sign import SignOptions


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
    queue_chunk: int | None = None,
) -> int:
    """Run a batch; returns the exit code (0 when every letter was signed or skipped).
    With ``queue_chunk`` (``--queue``) it is submitted to the queue in jobs of that many
    letters instead."""
    jobs = signing.plan_batch(
        files, manifest=manifest, out_dir=out_dir, recursive=recursive, base=base
    )
    if not jobs:
        raise click.UsageError(i18n.t("batch.nothing"))
    if queue_chunk is not None:  # issue 12: workers sign it (esign.cli.queue_cmds)
        if resume or workers > 1:
            raise click.UsageError(i18n.t("queue.no_local_options"))
        from esign.cli.queue_cmds import submit

        return submit(
            env,
            jobs,
            signer=signer,
            force=force,
            chunk=queue_chunk,
            passphrase_file=passphrase_file,
            yes=yes,
            as_json=as_json,
        )
    with env.open_store() as store:
        ready = signing.prepare_batch(
            store,
            jobs,
            signer=signer,
            consent=asker(env, store, yes=yes),
            passphrase=KeyPassphrase(env, passphrase_file, store=store),
            clock=env.clock,
            resume=resume,
            warn=lambda message: echo(message, err=True),
        )
        if ready.cleaned:
            env.err.print(i18n.tn("batch.cleaned", ready.cleaned, count=ready.cleaned))
        on_token = signing.token_signers(ready)
        if workers > 1 and on_token:
            env.err.print(i18n.t("token.batch_one_worker", id=on_token[0]))
        with progress(env, len(jobs), quiet=len(jobs) < 2) as advance:

            def shown(result: JobResult) -> None:
                advance()
                _emit(env, result, as_json)

            outcome = signing.run_batch(
                store, ready, workers=workers, overwrite=force, on_result=shown
            )
    return _summarize(env, outcome, len(jobs))


def _summarize(env: Env, outcome: signing.BatchOutcome, total: int) -> int:
    """The closing lines, and the exit code: the first failure's, or 0."""
    results = outcome.results
    summary = batch.summarize(results, interrupted=outcome.interrupted)
    env.err.print(
        i18n.tn(
            "batch.summary",
            total,
            total=total,
            signed=summary.signed,
            skipped=summary.skipped,
            failed=summary.failed,
        )
    )
    if outcome.interrupted:
        env.err.print(i18n.t("error.interrupted_batch", done=len(results), total=total))
        return int(ExitCode.INTERRUPTED)
    if outcome.stopped is not None:  # the signer revoked, workers kept dying
        env.err.print(f"{i18n.t('error.prefix')}: {outcome.stopped.message}")
        return int(outcome.stopped.exit_code)
    failures = [r for r in results if r.status is JobStatus.FAILED]
    return int(failures[0].exit_code or ExitCode.ERROR) if failures else int(ExitCode.OK)


def _emit(env: Env, result: JobResult, as_json: bool) -> None:
    if as_json:
        click.echo(rjson.dumps(rjson.job_json(result)))
    elif result.status is JobStatus.FAILED:
        env.err.print(f"{i18n.t('error.prefix')}: {result.error}")
