"""A combo of the Italian VAT rates and, for what is sold without VAT, the nature codes (N1 ... N7)
with the law's text: the receipt's lines, the price list and the lab's catalogue choose with it.

Imports Qt and the receipts' VAT rules only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from frontdesk.domain.receipts.vat import NATURES, VAT_RATES


def tax_combo() -> QComboBox:
    """The VAT rates, then the nature codes with their text; data: the rate ("22") or the code ("N4")."""
    combo = QComboBox()
    for rate in VAT_RATES:
        combo.addItem(f"{rate}%", rate)
    for nature in NATURES.values():
        combo.addItem(f"{nature.code} – {nature.text}", nature.code)
        combo.setItemData(combo.count() - 1, nature.text, Qt.ItemDataRole.ToolTipRole)  # the long texts
    combo.setMinimumContentsLength(14)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def select_tax(combo: QComboBox, vat_rate: str, nature: str) -> None:
    """Show the rate, or the nature code when there is no rate (the first rate when neither is known)."""
    combo.setCurrentIndex(max(0, combo.findData(nature or vat_rate)))


def chosen_tax(combo: QComboBox) -> tuple[str, str]:
    """(vat_rate, nature) as chosen: one of the two is ''."""
    data = combo.currentData()
    return ("", data) if data in NATURES else (data, "")


def nature_tip(nature: str) -> str:
    """The law's text of a nature code, for a tooltip ('' for a rate)."""
    found = NATURES.get(nature)
    return f"{found.code} – {found.text}" if found else ""
