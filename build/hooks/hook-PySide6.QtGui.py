"""PyInstaller hook for PySide6.QtGui, used instead of PyInstaller's own (build/pyinstaller.spec
passes this folder as `hookspath`): the same collection, keeping only the Qt plugins a desk uses.

PyInstaller's hook takes every plugin of each kind QtGui may load (a dozen platforms, Wayland,
EGL, image formats, the GTK theme...), and with them the system libraries they link (GTK's cairo,
pango, gdk-pixbuf...). Filtering here, before PyInstaller follows each binary's links, leaves those
libraries out too; filtering the spec's lists afterwards would not.

Kept: the X11 platform (xcb; on a Wayland desktop Qt falls back to it through XWayland), offscreen
(the self-test and CI), Windows and macOS platforms, input methods (dead keys, compose, IBus),
accessibility, Windows styles. Left out: Wayland, EGL/KMS/framebuffer/VNC platforms, OpenGL
integrations, the GTK theme, image formats and icon engines (the app reads PNG only, which QtGui
decodes itself). A capability that needs one adds it to KEPT below.
"""

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugin folder -> plugin names kept (file name without "lib" and extension); None keeps all.
KEPT: dict[str, set[str] | None] = {
    "platforms": {"qxcb", "qoffscreen", "qwindows", "qcocoa"},
    "platforms/darwin": None,
    "platforminputcontexts": None,
    "accessiblebridge": None,
    "platformthemes": {"qxdgdesktopportal"},
    "imageformats": set(),
    "iconengines": set(),
    "egldeviceintegrations": set(),
    "generic": set(),
    "xcbglintegrations": set(),
    "wayland-decoration-client": set(),
    "wayland-graphics-integration-client": set(),
    "wayland-shell-integration": set(),
}


def _plugin_name(source: str) -> str:
    stem = PurePath(source).name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def _kept(source: str, destination: str) -> bool:
    parts = PurePath(destination).parts
    if "plugins" not in parts:
        return True
    folder = "/".join(parts[parts.index("plugins") + 1:])
    names = KEPT.get(folder)
    return names is None or _plugin_name(source) in names


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, destination) for source, destination in binaries if _kept(source, destination)]
