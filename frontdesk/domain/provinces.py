"""The Italian provinces' codes ("sigle"), as addresses and the FatturaPA write them (pure data).

Source: ISTAT, "Codici statistici delle unità amministrative territoriali" (the list of Italian
municipalities, column "Sigla automobilistica"), 2024 edition: 107 provinces, metropolitan cities,
free consortia of Sicily and non-administrative units of Friuli-Venezia Giulia, by region. When
ISTAT publishes Sardinia's new provinces (L.R. Sardegna 9/2023), add their codes here.

"EE" (estero) is not a province: some forms write it for a foreign address, but a foreign
address has no province, only its country.
"""

from __future__ import annotations

PROVINCES: tuple[str, ...] = (
    "TO", "VC", "NO", "CN", "AT", "AL", "BI", "VB",  # Piemonte
    "AO",  # Valle d'Aosta
    "VA", "CO", "SO", "MI", "BG", "BS", "PV", "CR", "MN", "LC", "LO", "MB",  # Lombardia
    "BZ", "TN",  # Trentino-Alto Adige
    "VR", "VI", "BL", "TV", "VE", "PD", "RO",  # Veneto
    "UD", "GO", "TS", "PN",  # Friuli-Venezia Giulia
    "IM", "SV", "GE", "SP",  # Liguria
    "PC", "PR", "RE", "MO", "BO", "FE", "RA", "FC", "RN",  # Emilia-Romagna
    "MS", "LU", "PT", "FI", "LI", "PI", "AR", "SI", "GR", "PO",  # Toscana
    "PG", "TR",  # Umbria
    "PU", "AN", "MC", "AP", "FM",  # Marche
    "VT", "RI", "RM", "LT", "FR",  # Lazio
    "AQ", "TE", "PE", "CH",  # Abruzzo
    "CB", "IS",  # Molise
    "CE", "BN", "NA", "AV", "SA",  # Campania
    "FG", "BA", "TA", "BR", "LE", "BT",  # Puglia
    "PZ", "MT",  # Basilicata
    "CS", "CZ", "RC", "KR", "VV",  # Calabria
    "TP", "PA", "ME", "AG", "CL", "EN", "CT", "RG", "SR",  # Sicilia
    "SS", "NU", "CA", "OR", "SU",  # Sardegna
)
