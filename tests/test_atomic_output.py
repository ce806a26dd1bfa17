"""``pdf.atomic_output``: the output appears whole or not at all, and a failure is named for
what it is (a write problem is exit 7; a TSA that drops the connection is not)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from esign.errors import ExitCode, OutputError
from esign.pdf import atomic_output


def test_success_renames_into_place(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with atomic_output(target, overwrite=False) as fh:
        fh.write(b"%PDF-1.7 whole")
        assert not target.exists()  # nothing visible until the end
    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_a_write_error_is_an_output_error_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(OutputError) as caught, atomic_output(target, overwrite=False) as fh:
        fh.write(b"%PDF half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.exit_code == ExitCode.OUTPUT
    assert "the disk is full" in str(caught.value)  # ENOSPC, in words
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "error",
    [
        ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"),
        TimeoutError(),
        OSError("Error while contacting timestamp service"),  # pyHanko's IOError, no errno
    ],
)
def test_a_callers_network_error_passes_through(tmp_path: Path, error: OSError) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(type(error)) as caught, atomic_output(target, overwrite=False) as fh:
        fh.write(b"%PDF half")
        raise error
    assert caught.value is error
    assert not isinstance(caught.value, OutputError)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_output_is_kept_unless_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"original")
    with pytest.raises(OutputError), atomic_output(target, overwrite=False) as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"original"
    with atomic_output(target, overwrite=True) as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"new"
