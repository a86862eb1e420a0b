"""The tax regimes (FatturaPA "RegimeFiscale") the Point may be under, as its receipts and invoices state (pure).

Source: Agenzia delle Entrate, FatturaPA technical specification, version 1.9 (table of
RegimeFiscale codes). RF03 ("nuove iniziative produttive") was abolished and removed from the
specification (version 1.2): it is not offered. The Italian names are the specification's own.
"""

from __future__ import annotations

from dataclasses import dataclass

ORDINARY = "RF01"


@dataclass(frozen=True)
class TaxRegime:
    code: str
    label_it: str
    label_en: str

    def label(self, language: str) -> str:
        return self.label_it if language == "it" else self.label_en


TAX_REGIMES: tuple[TaxRegime, ...] = (
    TaxRegime("RF01", "Ordinario", "Ordinary"),
    TaxRegime("RF02", "Contribuenti minimi (art. 1, c. 96-117, L. 244/07)", "Minimum taxpayers (L. 244/07)"),
    TaxRegime("RF04", "Agricoltura e attività connesse e pesca (artt. 34 e 34-bis, DPR 633/72)",
              "Agriculture and fishing (DPR 633/72 art. 34, 34-bis)"),
    TaxRegime("RF05", "Vendita sali e tabacchi (art. 74, c. 1, DPR 633/72)", "Sale of salt and tobacco"),
    TaxRegime("RF06", "Commercio fiammiferi (art. 74, c. 1, DPR 633/72)", "Sale of matches"),
    TaxRegime("RF07", "Editoria (art. 74, c. 1, DPR 633/72)", "Publishing"),
    TaxRegime("RF08", "Gestione servizi telefonia pubblica (art. 74, c. 1, DPR 633/72)", "Public telephone services"),
    TaxRegime("RF09", "Rivendita documenti di trasporto pubblico e di sosta (art. 74, c. 1, DPR 633/72)",
              "Resale of public transport and parking tickets"),
    TaxRegime("RF10", "Intrattenimenti, giochi e altre attività di cui alla tariffa allegata al DPR 640/72 "
              "(art. 74, c. 6, DPR 633/72)", "Entertainment and games (DPR 640/72)"),
    TaxRegime("RF11", "Agenzie viaggi e turismo (art. 74-ter, DPR 633/72)", "Travel and tourism agencies"),
    TaxRegime("RF12", "Agriturismo (art. 5, c. 2, L. 413/91)", "Farm holidays"),
    TaxRegime("RF13", "Vendite a domicilio (art. 25-bis, c. 6, DPR 600/73)", "Door-to-door sales"),
    TaxRegime("RF14", "Rivendita beni usati, oggetti d'arte, d'antiquariato o da collezione (art. 36, DL 41/95)",
              "Resale of second-hand goods, art, antiques and collectibles"),
    TaxRegime("RF15", "Agenzie di vendite all'asta di oggetti d'arte, antiquariato o da collezione "
              "(art. 40-bis, DL 41/95)", "Auction houses for art, antiques and collectibles"),
    TaxRegime("RF16", "IVA per cassa P.A. (art. 6, c. 5, DPR 633/72)", "VAT on payment, public bodies"),
    TaxRegime("RF17", "IVA per cassa (art. 32-bis, DL 83/2012)", "VAT on payment (cash accounting)"),
    TaxRegime("RF18", "Altro", "Other"),
    TaxRegime("RF19", "Regime forfettario (art. 1, c. 54-89, L. 190/2014)", "Flat-rate scheme (L. 190/2014)"),
)
TAX_REGIME_CODES = frozenset(r.code for r in TAX_REGIMES)
