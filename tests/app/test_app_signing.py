"""esign.app.signing: ONE signing time, read after the signer agreed and the key was unlocked
(issue 11 item 7), carried by the stamp, the QR statement, the signature's /M and the audit log.

The clock is a fake that the test moves forward while a question waits (no sleeping): at the
command line by answering the consent prompt "hours later", at the app layer through the
callbacks. Referees: pdftotext for the stamp's words, the QR decoded from a 300 dpi render,
pyHanko's reading of /M, and the audit log in the store.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import pytest
from click.testing import CliRunner

from conftest import PASS, pdf_text
from esign import statement
from esign.app import signing
from esign.app.signing import Intent
from esign.cli import cli, common
from esign.errors import DeclinedError
from esign.keys import Secret
from esign.sign import SignOptions
from esign.stamp import Placement, StampRequest
from esign.stamp.text import format_when
from esign.store import open_store

JAKARTA = ZoneInfo("Asia/Jakarta")
WAIT = timedelta(hours=2, minutes=31, seconds=7)
"""How long the signer took to answer."""


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.value = start
        self.reads: list[datetime] = []

    def __call__(self) -> datetime:
        self.reads.append(self.value)
        return self.value

    def advance(self, by: timedelta) -> None:
        self.value += by


def _start() -> datetime:
    """A moment after the session's certificates were issued, on a whole second."""
    return datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)


def signature_time(pdf: Path) -> datetime:
    """The signature's own claimed time (/M), as pyHanko reads it."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with pdf.open("rb") as fh:
        (sig,) = PdfFileReader(fh).embedded_signatures
        claimed = sig.self_reported_timestamp
    assert claimed is not None
    return claimed.astimezone(UTC)


def qr_statement_time(pdf: Path) -> datetime:
    """The signing time inside the QR statement, decoded from a rendered page."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    prefix = pdf.parent / f"{pdf.stem}-page"
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf), str(prefix)], check=True
    )
    (text,) = statement.decode_image(f"{prefix}.png")
    return statement.parse_token(statement.extract_token(text)).statement.signed_at


def sign_times(home: Path) -> list[datetime]:
    with open_store(home) as store:
        return [e.at for e in store.audit_entries() if e.action == "sign"]


# --- at the command line: the regression ------------------------------------------------------


def test_a_consent_answered_hours_later_gives_the_answer_time_everywhere(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp, the QR statement, /M, the JSON and the audit entry all say the time after
    the answer. (Before the fix they said the time the question was asked.)"""
    clock = FakeClock(_start())
    asked = clock.value

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz: object = None) -> FakeDatetime:  # type: ignore[override]
            return clock()  # type: ignore[return-value]

    monkeypatch.setattr(common, "datetime", FakeDatetime)
    monkeypatch.setattr(common, "is_interactive_terminal", lambda: True)
    real_prompt = click.prompt

    def slow_answer(*args: object, **kwargs: object) -> object:
        answer = real_prompt(*args, **kwargs)  # type: ignore[call-overload]
        clock.advance(WAIT)  # the signer came back from a meeting
        return answer

    monkeypatch.setattr(click, "prompt", slow_answer)
    out = letter.with_name("signed.pdf")
    r = CliRunner().invoke(
        cli,
        ["sign", str(letter), "-o", str(out), "--signer", "budi", "--stamp", "--json"],
        input="y\n",
        env={"ESIGN_PASSPHRASE": PASS},
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    answered = asked + WAIT
    result = json.loads(r.stdout.splitlines()[-1])
    assert datetime.fromisoformat(result["signed_at"]) == answered
    assert sign_times(store_home) == [answered]
    assert signature_time(out) == answered
    assert qr_statement_time(out) == answered
    text = " ".join(pdf_text(out).split())
    assert format_when(answered, JAKARTA, "id") in text
    assert format_when(asked, JAKARTA, "id") not in text


# --- at the app layer --------------------------------------------------------------------------


def _stamped() -> SignOptions:
    return SignOptions(stamp=StampRequest(placement=Placement(page="1"), timezone=JAKARTA))


def test_sign_letter_reads_the_clock_after_consent_and_passphrase(
    store_home: Path, letter: Path
) -> None:
    clock = FakeClock(_start())
    events: list[str] = []

    def consent(intents: Sequence[Intent]) -> str:
        assert [i.signer for i in intents] == ["budi"]
        events.append("consent")
        clock.advance(WAIT)
        return "confirmed"

    def passphrase(id: str) -> Secret:
        events.append(f"passphrase {id}")
        clock.advance(timedelta(seconds=40))  # typing it
        return Secret(PASS.encode())

    out = letter.with_name("signed.pdf")
    with open_store(store_home) as store:
        result = signing.sign_letter(
            store,
            input=letter,
            output=out,
            overwrite=False,
            signer="budi",
            options=_stamped(),
            consent=consent,
            passphrase=passphrase,
            clock=clock,
        )
    unlocked = clock.value
    assert events == ["consent", "passphrase budi"]
    assert clock.reads[-1] == unlocked  # the last reading is the signing time
    assert result.signed_at == unlocked
    assert sign_times(store_home) == [unlocked]
    assert signature_time(out) == unlocked
    assert format_when(unlocked, JAKARTA, "id") in " ".join(pdf_text(out).split())


def test_declining_asks_no_passphrase_and_writes_nothing(store_home: Path, letter: Path) -> None:
    def consent(_intents: Sequence[Intent]) -> str:
        raise DeclinedError("consent.declined")

    def passphrase(_id: str) -> Secret:
        raise AssertionError("a passphrase was asked after the signer said no")

    out = letter.with_name("signed.pdf")
    with open_store(store_home) as store, pytest.raises(DeclinedError):
        signing.sign_letter(
            store,
            input=letter,
            output=out,
            overwrite=False,
            signer="budi",
            options=SignOptions(),
            consent=consent,
            passphrase=passphrase,
            clock=FakeClock(_start()),
        )
    assert not out.exists()
    assert sign_times(store_home) == []


def test_a_batch_signs_every_letter_at_the_time_after_the_questions(
    store_home: Path, letter: Path
) -> None:
    second = letter.with_name("surat-kedua.pdf")
    shutil.copy(letter, second)
    clock = FakeClock(_start())
    jobs = signing.plan_batch(
        [str(letter), str(second)], manifest=None, out_dir=None, recursive=False, base=_stamped()
    )

    def consent(intents: Sequence[Intent]) -> str:
        assert len(intents) == 2
        clock.advance(WAIT)
        return "confirmed"

    def passphrase(_id: str) -> Secret:
        clock.advance(timedelta(seconds=40))
        return Secret(PASS.encode())

    with open_store(store_home) as store:
        ready = signing.prepare_batch(
            store, jobs, signer="budi", consent=consent, passphrase=passphrase, clock=clock
        )
        outcome = signing.run_batch(store, ready)
    unlocked = clock.value
    assert ready.at == unlocked
    assert [r.signed_at for r in outcome.results] == [unlocked, unlocked]
    assert sign_times(store_home) == [unlocked, unlocked]
    for job in ready.jobs:
        assert signature_time(job.output) == unlocked
        assert format_when(unlocked, JAKARTA, "id") in " ".join(pdf_text(job.output).split())
