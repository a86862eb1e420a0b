"""What the figures share in one benchmark run: options, the work folder, an empty migrated
template database, and the demo database the figures measure on (the `--large` one, cached
between runs under the work folder and rebuilt when the schema or the generator changed).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORKDIR = Path(os.environ.get("FRONTDESK_BENCH_DIR", "/tmp/frontdesk-bench"))


def log(message: str) -> None:
    """Progress on stderr, so that stdout holds only the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def schema_fingerprint(path: Path) -> str:
    """A hash of the schema (tables, indexes, triggers) and the Alembic revision of a database file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                               "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()
    return hashlib.sha256(json.dumps([objects, revision]).encode()).hexdigest()


@dataclass
class Context:
    quick: bool
    workdir: Path = DEFAULT_WORKDIR
    db: Path | None = None  # --db: an existing large demo database to measure on
    runs: int | None = None  # --runs: overrides each figure's own number of runs
    _template: Path | None = field(default=None, repr=False)
    _demo_db: Path | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.home = self.workdir / "home"  # FRONTDESK_HOME of the processes we start
        self.home.mkdir(exist_ok=True)
        os.environ.setdefault("FRONTDESK_HOME", str(self.home))

    def runs_for(self, quick: int, full: int) -> int:
        return self.runs or (quick if self.quick else full)

    def env(self) -> dict[str, str]:
        """Environment of the processes the benchmark starts."""
        env = dict(os.environ)
        env.update(QT_QPA_PLATFORM="offscreen", FRONTDESK_HOME=str(self.home), FRONTDESK_NO_OPEN="1",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])))
        return env

    def template(self) -> Path:
        """An initialised, empty desk database (migrated schema and reference data), made once per run."""
        if self._template is None:
            from frontdesk.services.desk.setup import init_desk

            path = self.workdir / "template.sqlite"
            remove_db(path)
            init_desk(path, desk="R1", demo=True)
            self._template = path
        return self._template

    def fresh_copy(self, name: str) -> Path:
        """A copy of the template under `name` (an empty database ready for inserts)."""
        path = self.workdir / name
        remove_db(path)
        shutil.copyfile(self.template(), path)
        return path

    @property
    def large(self) -> bool:
        return not self.quick

    def demo_db(self) -> Path:
        """The demo database the figures measure on: --db, or the cached one (built if missing or stale)."""
        if self._demo_db is not None:
            return self._demo_db
        if self.db is not None:
            self._demo_db = self.db
            return self.db
        path = self.workdir / ("large.sqlite" if self.large else "small.sqlite")
        if not self.cache_is_current(path):
            log(f"building the {'large' if self.large else 'small'} demo database at {path} ...")
            remove_db(path)
            self.build_demo(path)
        self._demo_db = path
        return path

    def cache_is_current(self, path: Path) -> bool:
        """Same schema as a freshly migrated file and made by the current generator at the right size."""
        if not path.exists():
            return False
        try:
            if schema_fingerprint(path) != schema_fingerprint(self.template()):
                log(f"{path.name}: schema changed, rebuilding")
                return False
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                row = conn.execute("SELECT value FROM setting WHERE key = 'demo_generator'").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return False
        from frontdesk.demo.fill import GENERATOR_VERSION

        made = json.loads(row[0]) if row else {}
        return made.get("version") == GENERATOR_VERSION and made.get("large") == self.large

    def build_demo(self, path: Path) -> float:
        """`frontdesk demo` into `path` in its own process; returns the wall time in seconds."""
        command = [sys.executable, "-m", "frontdesk", "--db", str(path), "demo"] + (["--large"] if self.large else [])
        started = time.perf_counter()
        result = subprocess.run(command, env=self.env(), cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"frontdesk demo failed: {result.stderr.strip()[-500:]}")
        return elapsed

    def adopt_demo(self, path: Path) -> None:
        """Keep a demo database just built by a figure as the cached one, if no current cache exists."""
        target = self.workdir / ("large.sqlite" if self.large else "small.sqlite")
        if self.db is None and self._demo_db is None and not self.cache_is_current(target):
            remove_db(target)
            path.rename(target)
            self._demo_db = target
