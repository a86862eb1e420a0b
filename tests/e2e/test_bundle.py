"""The desktop bundle, built as an office gets it (build/pyinstaller.spec, one folder) and run as a
person would: its self-test offscreen, then its real window on an X server (Xvfb, the xcb platform)
up to the sign-in screen, and its figures (bench/figures_bundle.py).

Slow: PyInstaller takes 1-3 minutes on 2 cores. It builds into temporary folders on every run (no
cache), so that a capability adding a dependency or a resource cannot break the bundle unnoticed.
Without PyInstaller, Xvfb or xwininfo the tests skip locally and fail in CI (CI=true).

FRONTDESK_BUNDLE_SCREENSHOT=PATH keeps a copy of the sign-in screenshot (docs/screenshots/).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build" / "pyinstaller.spec"
IN_CI = os.environ.get("CI") == "true"
SOURCE_ONLY = {".po", ".pot", ".ts"}  # translation sources the bundle leaves out
HUB_AND_DEV = ("frontdesk/hub", "uvicorn", "starlette", "fastapi", "psycopg", "psycopg2", "asyncpg", "pytest",
               "_pytest", "hypothesis", "numpy", "importlinter", "aiosmtpd", "setuptools", "tkinter")
SIZE_LIMIT_MB = 280
SIGN_IN_TITLE = "Accedi"  # the sign-in dialog's title in Italian ("Accedi — Front desk" on X11)


def missing(what: str) -> None:
    """Skip locally, fail in CI: CI must build and run the bundle on every run."""
    if IN_CI:
        pytest.fail(f"{what} (CI must run the bundle tests: ./run-tests.sh installs it)")
    pytest.skip(what)


def bundle_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a process of the bundle: nothing of the source tree on its path."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "FRONTDESK_"))}
    env.update(FRONTDESK_HOME=str(home), FRONTDESK_NO_OPEN="1", **extra)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The bundle built from this tree into a temporary folder; its folder (dist/frontdesk)."""
    if importlib.util.find_spec("PyInstaller") is None:
        missing("PyInstaller is not installed (pip install -e '.[build]')")
    out = tmp_path_factory.mktemp("bundle")
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--distpath", str(out / "dist"),
               "--workpath", str(out / "work")]
    # PyInstaller's cache of processed binaries goes to the temporary folder too: every run builds cold.
    env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(out / "config")}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"bundle built in {time.perf_counter() - started:.0f} s")
    folder = out / "dist" / "frontdesk"
    assert (folder / "frontdesk").is_file()
    assert not (ROOT / "build" / "pyinstaller").exists()  # PyInstaller's work files stayed out of build/
    return folder


def test_spec_refuses_to_work_inside_build(tmp_path):
    """PyInstaller's default work folder (build/pyinstaller) sits beside the tracked spec: refused."""
    if importlib.util.find_spec("PyInstaller") is None:
        missing("PyInstaller is not installed (pip install -e '.[build]')")
    work = ROOT / "build" / "pyinstaller"
    existed = work.exists()
    result = subprocess.run([sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--distpath",
                             str(tmp_path / "dist")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "add --workpath pyinstaller-work" in result.stderr + result.stdout
    assert work.exists() == existed and not (tmp_path / "dist" / "frontdesk").exists()


def run_bundle(bundle: Path, *args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / "frontdesk"), *args], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=bundle.parent)


def test_bundle_holds_what_the_desk_needs_and_nothing_of_the_hub(bundle):
    internal = bundle / "_internal"
    source = {p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*")
              if p.is_file() and p.suffix not in SOURCE_ONLY}
    shipped = {p.relative_to(internal / "resources") for p in (internal / "resources").rglob("*") if p.is_file()}
    assert source == shipped
    migrations = internal / "frontdesk" / "db" / "migrations"
    assert (migrations / "env.py").is_file() and list((migrations / "versions").glob("0001_*.py"))
    qt = internal / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "translations").iterdir()) == ["qtbase_it.qm"]
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqxcb.so", "libqoffscreen.so"}
    assert not (qt / "plugins" / "imageformats").exists() and not list(internal.glob("libQt6Wayland*"))
    assert (internal / "frontdesk" / "cli" / "commands.pyc").is_file()  # modules are files: absence shows
    present = [name for name in HUB_AND_DEV if (internal / name).exists()]
    assert present == [], f"left out on purpose, but bundled: {present}"
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert total < SIZE_LIMIT_MB * 1024 * 1024, f"{total / 1024 / 1024:.0f} MB"


def test_bundled_x11_platform_finds_every_library_it_links(bundle):
    """The bundle's own Qt: its xcb plugin must find every library in the bundle or on the system
    (PyInstaller copies those of the build machine; a missing one there is missing here too)."""
    plugin = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}  # as the bundle's executable sets it
    result = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env, check=True)
    not_found = [line.strip() for line in result.stdout.splitlines() if "not found" in line]
    assert not_found == [], "install the packages of these libraries (run-tests.sh does): " + ", ".join(not_found)


def test_self_test_passes_in_the_bundle(bundle, tmp_path):
    # In the bundle's default language, Italian: its gettext and Qt catalogues are read too.
    result = run_bundle(bundle, "self-test", env=bundle_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    for step in ("database", "ingresso", "badge", "codice QR", "scansione", "risorse"):
        assert any(re.match(rf"ok +{step}:", line) for line in lines), result.stdout
    for resource in ("carattere: fonts/DejaVuSans.ttf", "traduzione: locale/it/LC_MESSAGES/frontdesk.mo",
                     "traduzione: i18n/frontdesk_it.qm", "traduzione: qtbase_it.qm (Qt)",
                     "dati della lingua: Babel it_IT", "migrazioni: frontdesk/db/migrations",
                     "informativa privacy: privacy/informativa-", "catalogo iniziale: seed/services.csv",
                     "icona: icons/frontdesk.png"):
        assert any(line.startswith(f"trovato  {resource}") for line in lines), f"{resource!r} in:\n{result.stdout}"
    summary = next(line for line in lines if re.match(r"ok +risorse:", line))
    assert str(bundle / "_internal" / "resources") in summary  # the bundle's own files, not the source tree's
    assert lines[-1] == "autodiagnosi superata"


class XServer:
    """A private Xvfb, on the first free display number it picks itself."""

    def __init__(self, tmp: Path) -> None:
        read_fd, write_fd = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=(tmp / "xvfb.log").open("w"))
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.stop()
            raise RuntimeError(f"Xvfb did not start: {(tmp / 'xvfb.log').read_text()[-500:]}")
        self.display = f":{number}"

    def window_names(self) -> list[str]:
        result = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                                env={**os.environ, "DISPLAY": self.display}, timeout=30)
        return [line.split('"')[1] for line in result.stdout.splitlines() if line.count('"') >= 2]

    def screenshot(self, path: Path) -> None:
        """The whole screen, read back from the X server by a separate Qt client."""
        grab = ("import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication(sys.argv[:1])\n"
                f"sys.exit(0 if app.primaryScreen().grabWindow(0).save({str(path)!r}) else 1)\n")
        env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        subprocess.run([sys.executable, "-c", grab], env=env, check=True, timeout=60, capture_output=True)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def test_real_window_of_the_bundle_opens_at_the_sign_in_screen(bundle, tmp_path):
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            missing(f"{tool} is not installed (Debian: xvfb, x11-utils)")
    db = tmp_path / "demo.sqlite"
    made = run_bundle(bundle, "--db", str(db), "demo", env=bundle_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    assert made.returncode == 0, made.stdout + made.stderr
    server = XServer(tmp_path)
    app = None
    try:
        env = bundle_env(tmp_path, DISPLAY=server.display, QT_QPA_PLATFORM="xcb", FRONTDESK_LANGUAGE="it")
        log = (tmp_path / "app.log").open("w")
        app = subprocess.Popen([str(bundle / "frontdesk"), "--db", str(db)], env=env, stdout=log,
                               stderr=subprocess.STDOUT, cwd=tmp_path)
        deadline = time.monotonic() + 90
        names: list[str] = []
        while time.monotonic() < deadline and app.poll() is None:
            names = server.window_names()
            if any(name.startswith(SIGN_IN_TITLE) for name in names):
                break
            time.sleep(0.5)
        output = (tmp_path / "app.log").read_text()
        assert app.poll() is None, f"the bundle's window exited ({app.returncode}):\n{output[-3000:]}"
        assert any(name.startswith(SIGN_IN_TITLE) for name in names), f"no sign-in window in {names}:\n{output}"
        assert any(name.startswith("Point Dalmine") for name in names), names  # the main window
        time.sleep(1.0)  # the dialog's first paint
        shot = tmp_path / "bundle_sign_in.png"
        server.screenshot(shot)
        _assert_sign_in_is_drawn(shot)
        keep = os.environ.get("FRONTDESK_BUNDLE_SCREENSHOT")
        if keep:
            shutil.copyfile(shot, keep)
        assert "could not" not in output.lower() and "Traceback" not in output, output
    finally:
        if app is not None and app.poll() is None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=15)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        server.stop()


def _assert_sign_in_is_drawn(path: Path) -> None:
    """The screenshot shows a painted screen: the sign-in button's blue and the dialog's white."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1280, 4) for y in range(0, 800, 4)}
    assert "#2f6690" in colours  # ui.style.ACCENT: the "Accedi" button
    assert len(colours) > 20, colours  # text and widgets, not a blank screen


def test_bundle_figures_are_measured(bundle, tmp_path):
    env = {**os.environ, "FRONTDESK_BENCH_BUNDLE": str(bundle)}
    result = subprocess.run([sys.executable, "-m", "bench.run", "--quick", "--only", "bundle", "--workdir",
                             str(tmp_path / "bench")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    print(result.stdout)
    table = result.stdout
    assert "failed:" not in table and "did not start" not in table, table
    size_row = next(line for line in table.splitlines() if line.startswith("bundle size (whole folder)"))
    assert " MB" in size_row
    assert sum(line.lstrip().startswith("part ") for line in table.splitlines()) == 10
    for label in ("bundle start-up: main window painted", "bundle start-up: first screen with data"):
        row = next(line for line in table.splitlines() if line.startswith(label))
        assert row.count(" ms") >= 2 and "x  " in row, row  # the bundle, the source install, their ratio
