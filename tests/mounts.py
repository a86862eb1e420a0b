"""Real read-only and full file systems for tests (root only): `read_only_bind` and `tmpfs`.

chmod does not stop root from writing, so a read-only file, folder or drive is a read-only bind
mount and a full disk is a small tmpfs. Without root (and outside CI) the tests that need them
skip with the reason; in CI (`CI=true`, where the suite runs as root) they fail instead.
Every mount is undone in a `finally`, lazily if something still holds it open.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_probe: list[str] = []  # "" when mounts work, else why not


def _why_not() -> str:
    if not _probe:
        if os.name != "posix" or os.geteuid() != 0:
            _probe.append("needs root, to mount a read-only or full file system for real")
        else:
            with tempfile.TemporaryDirectory() as where:
                done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", where],
                                      capture_output=True, text=True)
                if done.returncode == 0:
                    subprocess.run(["umount", where], check=False)
                    _probe.append("")
                else:
                    _probe.append(f"cannot mount here: {done.stderr.strip()}")
    return _probe[0]


def require_mounts() -> None:
    """Skip (or, in CI, fail) when real mounts cannot be made."""
    reason = _why_not()
    if not reason:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the read-only / full-disk tests, but: {reason}", pytrace=False)
    pytest.skip(reason)


def _run(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True, text=True)


def _unmount(target: Path) -> None:
    if subprocess.run(["umount", str(target)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(target)], check=False, capture_output=True)


@contextlib.contextmanager
def read_only_bind(source: Path, target: Path | None = None) -> Iterator[Path]:
    """`source` (a file or a folder) seen read-only at `target` (default: over itself)."""
    require_mounts()
    target = target or source
    _run("mount", "--bind", str(source), str(target))
    try:
        _run("mount", "-o", "remount,ro,bind", str(target))
        yield target
    finally:
        _unmount(target)


@contextlib.contextmanager
def writable_bind(source: Path, target: Path) -> Iterator[Path]:
    """`source` seen writable at `target` (a writable file inside a read-only folder)."""
    require_mounts()
    _run("mount", "--bind", str(source), str(target))
    try:
        yield target
    finally:
        _unmount(target)


@contextlib.contextmanager
def tmpfs(target: Path, size: str = "4m") -> Iterator[Path]:
    """A small file system of its own at `target`, to fill up."""
    require_mounts()
    target.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target))
    try:
        yield target
    finally:
        _unmount(target)


def fill(folder: Path) -> Path:
    """Write a filler file until the disk holding `folder` has no space left."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as handle:
        with contextlib.suppress(OSError):
            while True:
                handle.write(chunk)
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 512)
    return filler
