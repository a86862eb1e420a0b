"""VAT on a document's lines as an Italian invoice computes it, and the stamp duty (pure).

Money is Decimal euros. A line is either subject to VAT at one of the Italian rates, or carries no
VAT and says why with its nature code (the FatturaPA "Natura" codes in force since 1 January 2021).
VAT is computed per rate on the sum of that rate's lines and rounded half-up to the cent, never
line by line (DPR 633/1972 art. 21: the invoice states the taxable amount and the tax per rate).

Stamp duty (imposta di bollo, DPR 642/1972, Tariffa parte I, art. 13, and its note 1): EUR 2.00 once
per document when the amounts of its lines not subject to VAT exceed EUR 77.47 in total. Which
nature codes carry it is `Nature.stamp_duty`; each row below says why. Documents for operations
subject to VAT are exempt (DPR 642/1972, Tabella allegato B, art. 6), so reverse-charge lines (N6.x),
VAT-subject with the tax owed by the buyer, never count; nor do exports and the operations the law
treats as exports or exempts by its own rule (N3.1 to N3.4). The duty is owed by the Point; whether it is
charged to the customer, as a line of its own outside VAT (DPR 633/1972 art. 15: an excluded
reimbursement), is a site setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The ordinary rate and the reduced ones (DPR 633/1972 art. 16 and Tabella A, parts II, II-bis, III).
VAT_RATES = ("22", "10", "5", "4")
STAMP_DUTY = Decimal("2.00")
STAMP_DUTY_THRESHOLD = Decimal("77.47")  # the duty is due above this amount, not at it
STAMP_DUTY_NATURE = "N1"  # the duty charged to the customer: a reimbursement excluded from VAT (art. 15)


@dataclass(frozen=True)
class Nature:
    code: str
    text: str  # as the FatturaPA technical specification names it (Italian, the law's words)
    stamp_duty: bool  # its lines count towards the stamp duty's EUR 77.47


NATURES: dict[str, Nature] = {n.code: n for n in (
    # Excluded from the VAT base (art. 15): outside VAT, the duty applies (Tariffa art. 13).
    Nature("N1", "Escluse ex art. 15 del D.P.R. 633/72", True),
    # Outside VAT's territorial scope (arts. 7 to 7-septies) or for want of another requirement: no
    # exemption from the duty applies to them (Tariffa art. 13; Tabella B art. 6 covers only VAT-subject ones).
    Nature("N2.1", "Non soggette ad IVA ai sensi degli artt. da 7 a 7-septies del D.P.R. 633/72", True),
    Nature("N2.2", "Non soggette - altri casi", True),
    # Exports (art. 8 c. 1 a, b): exempt from the duty by Tabella B, art. 15 (customs and export documents).
    Nature("N3.1", "Non imponibili - esportazioni", False),
    # Intra-EU supplies: exempt from the duty by D.L. 331/1993, art. 66, c. 1.
    Nature("N3.2", "Non imponibili - cessioni intracomunitarie", False),
    # Supplies to San Marino: treated as exports (D.P.R. 633/72 art. 71; D.M. 24 December 1993).
    Nature("N3.3", "Non imponibili - cessioni verso San Marino", False),
    # Operations assimilated to exports (art. 8-bis, international services of art. 9): as exports.
    Nature("N3.4", "Non imponibili - operazioni assimilate alle cessioni all'esportazione", False),
    # Against a declaration of intent (art. 8 c. 1 c): not an export, so the duty applies (Tariffa art. 13).
    Nature("N3.5", "Non imponibili - a seguito di dichiarazioni d'intento", True),
    # Other non-taxable operations outside the plafond: no exemption from the duty (Tariffa art. 13).
    Nature("N3.6", "Non imponibili - altre operazioni che non concorrono alla formazione del plafond", True),
    # Exempt (art. 10): exempt from VAT, not from the duty (Tariffa art. 13).
    Nature("N4", "Esenti", True),
    # Margin schemes, VAT not shown: no VAT on the document, the duty applies (Tariffa art. 13).
    Nature("N5", "Regime del margine / IVA non esposta in fattura", True),
    # Reverse charge (art. 17 c. 5-6, art. 74 c. 7-8): VAT-subject operations, so exempt (Tabella B art. 6).
    Nature("N6.1", "Inversione contabile - cessione di rottami e altri materiali di recupero", False),
    Nature("N6.2", "Inversione contabile - cessione di oro e argento ai sensi della legge 7/2000 nonché di "
                   "oreficeria usata ad OPO", False),
    Nature("N6.3", "Inversione contabile - subappalto nel settore edile", False),
    Nature("N6.4", "Inversione contabile - cessione di fabbricati", False),
    Nature("N6.5", "Inversione contabile - cessione di telefoni cellulari", False),
    Nature("N6.6", "Inversione contabile - cessione di prodotti elettronici", False),
    Nature("N6.7", "Inversione contabile - prestazioni comparto edile e settori connessi", False),
    Nature("N6.8", "Inversione contabile - operazioni settore energetico", False),
    Nature("N6.9", "Inversione contabile - altri casi", False),
    # VAT paid in another EU state (distance sales, OSS services): VAT-subject there, so exempt (Tabella B art. 6).
    Nature("N7", "IVA assolta in altro stato UE (vendite a distanza ex art. 40 c. 3 e 4 e art. 41 c. 1 lett. b, "
                 "D.L. 331/93; prestazione di servizi di telecomunicazioni, tele-radiodiffusione ed elettronici "
                 "ex art. 7-octies lett. a, b, art. 74-sexies D.P.R. 633/72)", False),
)}


def tax_text(vat_rate: str, nature: str) -> str:
    """A line's rate or nature as tables and documents show it: "22%", or the code "N4"."""
    return f"{vat_rate}%" if vat_rate else nature


def cents(amount: Decimal) -> Decimal:
    """Rounded to the cent, half-up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TaxLine:
    """A line's net amount and how VAT treats it: a rate ("22"), or no rate and a nature code."""

    net: Decimal
    vat_rate: str = ""
    nature: str = ""


def check_tax(vat_rate: str, nature: str) -> None:
    """A rate that exists, or no rate and a nature code that exists; never both."""
    if vat_rate and nature:
        raise ValidationError(_("A line has either a VAT rate or, without VAT, a nature code: not both."),
                              field="vat_rate")
    if vat_rate:
        if vat_rate not in VAT_RATES:
            raise ValidationError(_("There is no {rate}% VAT rate in Italy: choose {rates}.").format(
                rate=vat_rate, rates=", ".join(f"{r}%" for r in VAT_RATES)), field="vat_rate")
        return
    if not nature:
        raise ValidationError(_("A line without VAT needs its nature code (N1 to N7), which says why there is "
                                "no VAT."), field="nature")
    if nature not in NATURES:
        raise ValidationError(_("{code} is not a nature code: choose one of {codes}.").format(
            code=nature, codes=", ".join(NATURES)), field="nature")


@dataclass(frozen=True)
class TaxGroup:
    """The lines of one rate (VAT computed on their sum) or of one nature code (no VAT)."""

    vat_rate: str
    nature: str
    base: Decimal
    vat: Decimal


@dataclass(frozen=True)
class TaxSummary:
    groups: tuple[TaxGroup, ...]  # rates from the highest, then natures in code order
    stamp_duty_due: bool  # owed by the Point on this document

    @property
    def net(self) -> Decimal:
        return sum((g.base for g in self.groups), ZERO)

    @property
    def vat(self) -> Decimal:
        return sum((g.vat for g in self.groups), ZERO)

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


def stamp_duty_due(lines: Iterable[TaxLine]) -> bool:
    """True when the lines without VAT whose nature carries the duty exceed EUR 77.47 together."""
    counted = sum((cents(line.net) for line in lines if line.nature and NATURES[line.nature].stamp_duty), ZERO)
    return counted > STAMP_DUTY_THRESHOLD


def summarise(lines: Iterable[TaxLine]) -> TaxSummary:
    """The document's groups: each rate's base and its VAT (on the sum, half-up), each nature's base."""
    lines = tuple(lines)
    for line in lines:
        check_tax(line.vat_rate, line.nature)
    bases: dict[tuple[str, str], Decimal] = {}
    for line in lines:
        key = (line.vat_rate, line.nature)
        bases[key] = bases.get(key, ZERO) + cents(line.net)
    rated = sorted((k for k in bases if k[0]), key=lambda k: -Decimal(k[0]))
    natured = sorted((k for k in bases if k[1]), key=lambda k: tuple(int(p) for p in k[1][1:].split(".")))
    groups = tuple(TaxGroup(rate, nature, bases[(rate, nature)],
                            cents(bases[(rate, nature)] * Decimal(rate) / 100) if rate else ZERO)
                   for rate, nature in (*rated, *natured))
    return TaxSummary(groups, stamp_duty_due(lines))
