"""Capture the walk-through in a real terminal (tmux), in English and Indonesian.

    .venv/bin/python docs/terminal/capture.py        # writes docs/terminal/{en,id}-*.txt/.png

Each step runs in a fresh 100x40 tmux pane with a throw-away ESIGN_HOME; passphrases are
typed at the prompts like a person would (one typo included, to show the second try). The
text captures are what `tmux capture-pane` saw; the PNGs draw that text in DejaVu Sans Mono.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
WIDTH, HEIGHT = 100, 40
CA_PASS, PASS = "sandi-ca-kominfo", "sandi-budi-2026"

STEPS: list[tuple[str, str, list[tuple[str, str]]]] = [
    # name, command, [(text to wait for, keys to type)]
    ("1-init", "esign init", []),
    (
        "2-ca-create",
        "esign ca create --name 'Dinas Kominfo Kab. Jember Root CA' --org 'Pemkab Jember'"
        " --key p256",
        [("'ca'", CA_PASS), ("", CA_PASS)],
    ),
    (
        "3-cert-issue",
        "esign cert issue --id budi --name 'Budi Santoso, S.Kom., M.T.'"
        " --nip '198503152010011002' --title 'Kepala Dinas Komunikasi dan Informatika'"
        " --org 'Pemerintah Kabupaten Jember' --key p256",
        [("'ca'", CA_PASS), ("'budi'", PASS), ("", PASS)],
    ),
    (
        "4-sign",
        "esign sign surat-undangan.pdf --stamp --footer",
        [("?", "y"), ("'budi'", "salah-ketik"), ("'budi'", PASS)],
    ),
    ("5-verify", "esign verify surat-undangan.signed.pdf", []),
]
PROMPT = "$ "


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", "esign-capture", *args], capture_output=True, text=True, check=True
    ).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", "walk")


def wait_for(text: str, after: int, timeout: float = 90.0) -> None:
    """Until a question (a last line ending in ``:`` or ``]``) mentioning ``text`` appears
    below line ``after``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = screen().rstrip("\n").splitlines()
        last = lines[-1].rstrip() if lines else ""
        if len(lines) - 1 > after and last.endswith((":", "]", ")")) and text in last:
            return
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {text!r} below {after}:\n{screen()!r}")


def line_count() -> int:
    return len(screen().rstrip("\n").splitlines())


def run_step(command: str, answers: list[tuple[str, str]]) -> str:
    tmux("send-keys", "-t", "walk", "clear", "Enter")
    time.sleep(0.8)
    tmux("send-keys", "-t", "walk", "-l", command)
    tmux("send-keys", "-t", "walk", "Enter")
    start = 0  # the command's own line, at the top after `clear`
    for wanted, keys in answers:
        wait_for(wanted, start)
        time.sleep(0.3)
        start = line_count() - 1  # the question's line: the next one comes below it
        tmux("send-keys", "-t", "walk", "-l", keys)
        tmux("send-keys", "-t", "walk", "Enter")
    # done when the shell prompt is back on the last line
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        lines = screen().rstrip("\n").splitlines()
        if len(lines) > 1 and lines[-1] == PROMPT.rstrip():
            break
        time.sleep(0.3)
    return "\n".join(line.rstrip() for line in screen().rstrip("\n").splitlines()) + "\n"


def render_png(text: str, path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 15)
    cell_w, cell_h = font.getlength("M"), 19
    lines = text.splitlines() or [""]
    pad = 14
    image = Image.new(
        "RGB", (int(cell_w * WIDTH) + 2 * pad, cell_h * len(lines) + 2 * pad), "#1e1e1e"
    )
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((pad, pad + n * cell_h), line, font=font, fill="#e6e6e6")
    image.save(path, optimize=True)


def walk(lang: str) -> None:
    work = Path(tempfile.gettempdir()) / "kantor" / lang  # a short, stable path on screen
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "surat-undangan.pdf", work)
    env = {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(work),
        "ESIGN_HOME": str(work / "store"),
        "ESIGN_LANG": lang,
        "ESIGN_TIMEZONE": "Asia/Jakarta",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "PS1": PROMPT,
    }
    shell = "env -i " + " ".join(f"{k}={v!r}" for k, v in env.items()) + " bash --norc -i"
    tmux("kill-server") if _server_running() else None
    tmux(
        "new-session",
        "-d",
        "-s",
        "walk",
        "-x",
        str(WIDTH),
        "-y",
        str(HEIGHT),
        "-c",
        str(work),
        shell,
    )
    time.sleep(1)
    try:
        for name, command, answers in STEPS:
            text = run_step(command, answers)
            (HERE / f"{lang}-{name}.txt").write_text(text, encoding="utf-8")
            render_png(text, HERE / f"{lang}-{name}.png")
            print(f"{lang}-{name}: {len(text.splitlines())} lines")
    finally:
        tmux("kill-server")
        shutil.rmtree(work, ignore_errors=True)


def _server_running() -> bool:
    return (
        subprocess.run(
            ["tmux", "-L", "esign-capture", "has-session"], capture_output=True, check=False
        ).returncode
        == 0
    )


if __name__ == "__main__":
    os.chdir(ROOT)
    for language in sys.argv[1:] or ["en", "id"]:
        walk(language)
