"""The fixed texts of a test report, in Italian and in English.

A report is written in the customer's language (Company.report_language), not in the desk's, so
its texts are chosen by the report's own language here instead of through the desk's gettext
catalogue (as the decision rules' labels in domain.lab.requests are). Keeping them in code, not in
a catalogue that a translator may reword, is also what lets a report be drawn again byte for byte
from its stored content (services.lab.reports checks the SHA-256 when reprinting).

Pure: imports only the standard library.
"""

from __future__ import annotations

LANGUAGES = ("it", "en")

TEXTS: dict[str, tuple[str, str]] = {  # key: (Italian, English)
    "title": ("Rapporto di prova", "Test report"),
    "report_id": ("Rapporto n.", "Report no."),
    "revision": ("rev.", "rev."),
    "page": ("Pagina {n} di {total}", "Page {n} of {total}"),
    "lab": ("Laboratorio", "Laboratory"),
    "test_site": ("Luogo delle prove", "Where the tests were performed"),
    "customer": ("Cliente", "Customer"),
    "contact": ("Referente", "Contact"),
    "request": ("Richiesta", "Request"),
    "dates": ("Date", "Dates"),
    "received_on": ("Ricevimento dei campioni", "Receipt of the items"),
    "tested_on": ("Esecuzione delle prove", "Testing"),
    "issued_on": ("Emissione del rapporto", "Issue of the report"),
    "items": ("Oggetti provati", "Items tested"),
    "item": ("Campione", "Item"),
    "lab_id": ("Identificativo", "Identification"),
    "material": ("Materiale", "Material"),
    "description": ("Descrizione", "Description"),
    "condition": ("Condizioni al ricevimento", "Condition on receipt"),
    "receipt_deviations": ("Anomalie al ricevimento", "Deviations noted on receipt"),
    "customer_answer": ("Risposta del cliente", "Customer's answer"),
    "customer_info": ("Dichiarato dal cliente", "Supplied by the customer"),
    "customer_info_note": ("Informazione fornita dal cliente, non verificata dal laboratorio: può influire sulla "
                           "validità dei risultati.",
                           "Information supplied by the customer, not verified by the laboratory: it can affect "
                           "the validity of the results."),
    "test": ("Prova", "Test"),
    "method": ("Metodo", "Method"),
    "accredited": ("Prova accreditata", "Accredited test"),
    "not_accredited": ("Prova non accreditata (fuori dal campo di accreditamento)",
                       "Not accredited (outside the scope of accreditation)"),
    "external": ("Risultati forniti dal laboratorio esterno {provider}",
                 "Results provided by the external laboratory {provider}"),
    "equipment": ("Apparecchiatura", "Equipment"),
    "test_dates": ("Data della prova", "Date of testing"),
    "conditions": ("Condizioni di prova", "Test conditions"),
    "results": ("Risultati", "Results"),
    "quantity": ("Grandezza", "Quantity"),
    "value": ("Valore", "Value"),
    "unit": ("Unità", "Unit"),
    "uncertainty": ("Incertezza U (k = 2)", "Uncertainty U (k = 2)"),
    "deviations": ("Aggiunte, scostamenti o esclusioni dal metodo", "Additions to, deviations or exclusions "
                                                                     "from the method"),
    "none": ("Nessuno", "None"),
    "not_performed": ("Non eseguita: {reason}", "Not performed: {reason}"),
    "conformity": ("Dichiarazione di conformità", "Statement of conformity"),
    "specification": ("Specifica", "Specification"),
    "decision_rule": ("Regola decisionale concordata", "Decision rule agreed"),
    "covers": ("Risultati a cui si riferisce", "Results it covers"),
    "verdict": ("Esito", "Outcome"),
    "conforms": ("Conforme alla specifica", "Conforms to the specification"),
    "does_not_conform": ("Non conforme alla specifica", "Does not conform to the specification"),
    "authorisation": ("Autorizzazione all'emissione", "Authorisation"),
    "authorised_by": ("Autorizzato da", "Authorised by"),
    "signature": ("Firma", "Signature"),
    "revision_title": ("Revisione", "Revision"),
    "replaces": ("Questo rapporto sostituisce il rapporto {report}.", "This report replaces report {report}."),
    "changes": ("Cosa è cambiato", "What changed"),
    "reason": ("Motivo", "Why"),
    "relate_only": ("I risultati si riferiscono esclusivamente agli oggetti provati, così come ricevuti.",
                    "The results relate only to the items tested, as received."),
    "no_partial": ("Il presente rapporto non può essere riprodotto parzialmente senza l'approvazione scritta "
                   "del laboratorio.",
                   "This report shall not be reproduced except in full without the written approval of the "
                   "laboratory."),
    "end": ("Fine del rapporto di prova", "End of test report"),
    "yes": ("Sì", "Yes"),
    "no": ("No", "No"),
}


def text(key: str, language: str) -> str:
    """The text `key` in `language` ("it" or "en"; anything else reads Italian)."""
    italian, english = TEXTS[key]
    return english if language == "en" else italian
