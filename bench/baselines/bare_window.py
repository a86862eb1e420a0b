"""Start-up baseline 1: a bare process that imports PySide6.QtWidgets and shows an empty QMainWindow.

Prints `PAINTED <time.time()>` after the window's first paint, then `READY <time.time()>`, and quits:
the same protocol as `frontdesk gui --bench-startup` (see frontdesk/ui/shell/app.py).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def __init__(self, watched) -> None:
        super().__init__(watched)
        self.done = False
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.painted)
        return False

    def painted(self) -> None:
        print(f"PAINTED {time.time():.6f}", flush=True)
        print(f"READY {time.time():.6f}", flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    FirstPaint(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
