"""The look: Fusion with a calm light palette, a readable base font and a small style sheet.

Colours are few and muted: a blue-grey accent for selection and primary buttons, a soft red
for errors, an amber for the DEMO badge. Imports Qt only.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2f6690"
ACCENT_SOFT = "#dce8f2"
WINDOW = "#f3f4f6"
TEXT = "#1f2933"
MUTED = "#5f6b7a"
BORDER = "#d5d9df"
ERROR = "#b3261e"
ERROR_SOFT = "#fbe9e7"
NOTICE_SOFT = "#e6f2ea"
NOTICE = "#1e6b3a"
DEMO = "#b7791f"
BASE_POINT_SIZE = 10.5

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QListWidget#navigation {{
    background: #e9ecf0; border: none; border-right: 1px solid {BORDER};
    padding-top: 8px; outline: 0;
}}
QListWidget#navigation::item {{ padding: 10px 16px; margin: 1px 6px; border-radius: 6px; color: {TEXT}; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navigation::item:hover:!selected {{ background: {ACCENT_SOFT}; }}
QLabel[role="title"] {{ font-size: {BASE_POINT_SIZE + 5}pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="subtitle"] {{ font-size: {BASE_POINT_SIZE + 1.5}pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="field-error"] {{ color: {ERROR}; }}
QLabel[role="field-hint"] {{ color: #6b4a00; }}
QLabel[role="demo-hint"] {{
    background: #fdf3dc; border: 1px solid #ecd08a; border-radius: 6px; padding: 8px; color: #6b4a00;
}}
QLabel#demoBadge {{
    background: {DEMO}; color: white; font-weight: 700; padding: 1px 8px; border-radius: 4px;
}}
QFrame#banner[kind="error"] {{ background: {ERROR_SOFT}; border: 1px solid #f0c2bd; border-radius: 6px; }}
QFrame#banner[kind="notice"] {{ background: {NOTICE_SOFT}; border: 1px solid #bfdcc8; border-radius: 6px; }}
QFrame#banner[kind="error"] QLabel {{ color: {ERROR}; }}
QFrame#banner[kind="notice"] QLabel {{ color: {NOTICE}; }}
QFrame#card {{ background: white; border: 1px solid {BORDER}; border-radius: 8px; }}
QGroupBox {{
    background: white; border: 1px solid {BORDER}; border-radius: 8px; margin-top: 14px;
    padding: 14px 12px 10px 12px; font-weight: 600;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; color: {TEXT}; }}
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox, QGroupBox QSpinBox {{ font-weight: normal; }}
QPushButton {{ padding: 5px 14px; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT}; border-radius: 4px; font-weight: 600;
}}
QPushButton[primary="true"]:disabled {{ background: #9db4c8; border-color: #9db4c8; }}
QPushButton[flat="true"] {{ border: none; background: transparent; }}
QLineEdit[invalid="true"] {{ border: 1px solid {ERROR}; border-radius: 3px; }}
QTableView {{ background: white; gridline-color: #eceef1; selection-background-color: {ACCENT}; }}
QHeaderView::section {{
    background: #eef0f3; padding: 5px 6px; border: none; border-bottom: 1px solid {BORDER};
    border-right: 1px solid #e3e6ea; font-weight: 600; color: {TEXT};
}}
QStatusBar {{ background: #e9ecf0; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ color: {TEXT}; padding: 0 8px; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 6px; background: white; top: -1px; }}
QTabBar::tab {{ padding: 6px 16px; border: 1px solid {BORDER}; border-bottom: none; background: #e9ecf0;
    border-top-left-radius: 6px; border-top-right-radius: 6px; margin-right: 2px; }}
QTabBar::tab:selected {{ background: white; }}
"""


def calm_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f6f7f9",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#fafbfc",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#8a94a3",
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Mid: BORDER,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa3ae"))
    return palette


def apply_style(app: QApplication) -> None:
    """Fusion, the calm palette, the base font and the style sheet."""
    app.setStyle("Fusion")
    app.setPalette(calm_palette())
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
