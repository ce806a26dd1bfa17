"""Batches on the PostgreSQL queue: ``sign --queue`` (submitting), ``esign worker`` and
``esign batch status|wait|retry`` (issue 12, docs/scale.md)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import click

from esign import i18n
from esign.app import queue
from esign.batch import JobResult, SignJob
from esign.cli.common import (
    Env,
    KeyPassphrase,
    LocalizedCommand,
    LocalizedGroup,
    echo,
    json_option,
    option,
    pass_env,
    passphrase_file_option,
    pin_file_option,
)
from esign.cli.completion import cert_ids
from esign.cli.consent import asker
from esign.errors import EsignError, ExitCode, QueueError, StoreError
from esign.sanitize import clean
from esign.store import Store, is_postgres_url
from esign.store.batches import BatchItem


def open_queue_store(env: Env) -> Store:
    """The store, when it can carry a queue: a folder store, or a database that does not
    answer, is one line and exit code 20 (a database that went away later is waited for)."""
    if not is_postgres_url(env.store_location):
        raise QueueError(
            "queue.needs_postgres",
            hint_key="queue.needs_postgres.hint",
            store=env.store_location,
        )
    try:
        return env.open_store()
    except StoreError as e:
        if e.key in ("store.pg_unreachable", "store.pg_error"):
            raise QueueError(
                "queue.unreachable",
                hint_key="queue.unreachable.hint",
                detail=e.params.get("detail", e.message),
            ) from e
        raise


# --- sign --queue ---------------------------------------------------------------------------


def submit(
    env: Env,
    jobs: list[SignJob],
    *,
    signer: str | None,
    force: bool,
    chunk: int,
    passphrase_file: Path | None,
    yes: bool,
    as_json: bool,
) -> int:
    """``esign sign ... --queue``: record and queue the batch; its id on stdout."""
    with open_queue_store(env) as store:
        done = queue.submit_batch(
            store,
            jobs,
            signer=signer,
            consent=asker(env, store, yes=yes),
            passphrase=KeyPassphrase(env, passphrase_file, store=store),
            clock=env.clock,
            chunk=chunk,
            overwrite=force,
            warn=lambda message: echo(message, err=True),
        )
    _say_left_out("queue.already_signed", done.already_signed)
    _say_left_out("queue.already_queued", done.already_queued)
    if as_json:
        from esign.render import json as rjson

        click.echo(
            rjson.dumps(
                {
                    "batch": done.batch_id,
                    "letters": done.letters,
                    "jobs": done.jobs,
                    "already_signed": len(done.already_signed),
                    "already_queued": len(done.already_queued),
                }
            )
        )
    elif done.batch_id is None:
        echo(i18n.t("queue.nothing_left"), err=True)
    else:
        echo(done.batch_id)
        echo(
            i18n.tn(
                "queue.submitted",
                done.letters,
                batch=done.batch_id,
                letters=done.letters,
                jobs=done.jobs,
            ),
            err=True,
        )
    return int(ExitCode.OK)


def _say_left_out(key: str, items: list[BatchItem]) -> None:
    if items:
        batches = ", ".join(dict.fromkeys(i.batch_id for i in items))
        echo(i18n.tn(key, len(items), count=len(items), batches=batches), err=True)


# --- esign worker ---------------------------------------------------------------------------


@click.command("worker", cls=LocalizedCommand, help="help.worker")
@option(
    "--signer", "signers", multiple=True, shell_complete=cert_ids, help="help.opt.worker_signer"
)
@option("--concurrency", type=click.IntRange(1, 32), default=1, help="help.opt.concurrency")
@option(
    "--stall-timeout",
    type=click.FloatRange(1, 3600),
    default=queue.STALL_SECONDS,
    help="help.opt.stall",
)
@option("--once", is_flag=True, help="help.opt.once")
@passphrase_file_option()
@pin_file_option()
@pass_env
def worker(
    env: Env,
    signers: tuple[str, ...],
    concurrency: int,
    stall_timeout: float,
    once: bool,
    passphrase_file: Path | None,
) -> None:
    from esign.app import admin

    with open_queue_store(env) as store:
        wanted = list(signers) or [admin.choose_signer(store, None)]
        queue.ensure_queue_schema(store)
        keys = queue.unlock_worker_keys(
            store, wanted, KeyPassphrase(env, passphrase_file, store=store), env.clock
        )
        on_token = [s for s in keys if admin.key_token(store, s) is not None]
        url = queue.require_queue(store)
    if on_token and concurrency > 1:  # one PKCS#11 session, one login: one job at a time
        echo(i18n.t("queue.worker_token", id=on_token[0]), err=True)
        concurrency = 1

    def shown(item: BatchItem, _result: JobResult | None) -> None:
        state = i18n.t(f"queue.state.{item.state.value}")
        line = i18n.t("queue.worker_letter", state=state, file=clean(item.output))
        echo(line if item.error is None else f"{line}: {item.error}")

    def failed(error: EsignError) -> None:
        echo(f"{i18n.t('error.prefix')}: {error.message}", err=True)

    runner = queue.Worker(
        url=url,
        keys=keys,
        clock=lambda: datetime.now(UTC),
        stall=stall_timeout,
        on_letter=shown,
        on_error=failed,
    )
    echo(i18n.t("queue.worker_ready", name=runner.name, signers=", ".join(keys)), err=True)
    queue.run_worker(
        runner,
        concurrency=concurrency,
        once=once,
        on_waiting=lambda detail: echo(i18n.t("queue.waiting_store", detail=detail), err=True),
    )


# --- esign batch status|wait|retry ----------------------------------------------------------


@click.group("batch", cls=LocalizedGroup, help="help.batch")
def batch_group() -> None:
    pass


@batch_group.command("status", help="help.batch.status")
@click.argument("batch_id", metavar="ID")
@json_option()
@pass_env
def status(env: Env, batch_id: str, as_json: bool) -> None:
    with open_queue_store(env) as store:
        found = queue.batch_status(store, batch_id)
    _show_status(found, as_json, final=True)


@batch_group.command("wait", help="help.batch.wait")
@click.argument("batch_id", metavar="ID")
@option("--poll", type=click.FloatRange(0.1, 60), default=1.0, help="help.opt.poll")
@json_option()
@click.pass_context
def wait(ctx: click.Context, batch_id: str, poll: float, as_json: bool) -> None:
    env: Env = ctx.obj
    with open_queue_store(env) as store:  # an unknown id or no database: said at once
        first = queue.batch_status(store, batch_id)
    last: list[tuple[int, int, int]] = []

    with _bar(env, first.total, quiet=as_json) as shown:

        def on_status(now: queue.BatchStatus) -> None:
            counts = (now.signed, now.failed, now.pending)
            shown(now.signed + now.failed)
            if not env.err.is_terminal and not as_json and counts not in last:
                echo(_status_line(now), err=True)
            last[:] = [counts]

        final = queue.wait_for_batch(
            env.open_store,
            batch_id,
            on_status=on_status,
            on_waiting=lambda e: echo(
                i18n.t("queue.waiting_store", detail=e.params.get("detail", e.message)), err=True
            ),
            poll=poll,
        )
    _show_status(final, as_json, final=True)
    ok = final.failed == 0 and final.pending == 0
    ctx.exit(int(ExitCode.OK if ok else ExitCode.QUEUE))


@batch_group.command("retry", help="help.batch.retry")
@click.argument("batch_id", metavar="ID")
@pass_env
def retry(env: Env, batch_id: str) -> None:
    with open_queue_store(env) as store:
        count = queue.retry_batch(store, batch_id, clock=env.clock)
    echo(i18n.tn("queue.retried", count, batch=batch_id, count=count))


@contextlib.contextmanager
def _bar(env: Env, total: int, *, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A rich progress bar of letters settled, on a terminal only."""
    if quiet or not env.err.is_terminal:
        yield lambda _done: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=env.err, transient=True) as bar:
        task = bar.add_task(i18n.t("batch.progress"), total=total)
        yield lambda done: bar.update(task, completed=done)


def _status_line(found: queue.BatchStatus) -> str:
    return i18n.t(
        "queue.status",
        batch=found.record.id,
        signer=found.record.signer,
        signed=found.signed,
        total=found.total,
        failed=found.failed,
        pending=found.pending,
        jobs=found.jobs_live,
    )


def _show_status(found: queue.BatchStatus, as_json: bool, *, final: bool) -> None:
    if as_json:
        from esign.render import json as rjson

        click.echo(
            rjson.dumps(
                {
                    "batch": found.record.id,
                    "signer": found.record.signer,
                    "submitted_at": found.record.created_at.isoformat(),
                    "total": found.total,
                    "signed": found.signed,
                    "failed": found.failed,
                    "pending": found.pending,
                    "jobs": found.jobs_live,
                    "failures": [
                        {"input": i.input, "output": i.output, "error": i.error}
                        for i in found.failures
                    ],
                }
            )
        )
        return
    echo(_status_line(found))
    for item in found.failures:
        echo(i18n.t("queue.failed_letter", file=clean(item.input), reason=item.error or "?"))
    if final and found.pending and not found.jobs_live:
        echo(i18n.tn("queue.stuck", found.pending, pending=found.pending, batch=found.record.id))


COMMANDS = (worker, batch_group)
