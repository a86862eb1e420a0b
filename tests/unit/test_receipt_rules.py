"""A receipt's rules that need no database (domain.receipts.receipt): lines, stamp duty as a line,
cash limit, the year and the number; bad input refused in Italian, naming the line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.receipt import (
    LineInput,
    check_payment,
    receipt_number,
    receipt_totals,
    receipt_year,
)
from frontdesk.domain.receipts.vat import VAT_RATES
from frontdesk.i18n import set_language

D = Decimal


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def test_lines_are_priced_and_totalled():
    totals = receipt_totals([LineInput("Prova di trazione", D(3), D("85.00"), "22", kind="test", source_code="TENSILE"),
                             LineInput("Sala riunioni, ore", D("2.5"), D("30.10"), "22", kind="room"),
                             LineInput("Corso sicurezza", D(1), D("50.00"), "", "N4", kind="training")],
                            charge_stamp_duty=True)
    assert [line.net for line in totals.lines] == [D("255.00"), D("75.25"), D("50.00")]
    assert (totals.tax.net, totals.tax.vat, totals.total) == (D("380.25"), D("72.66"), D("452.91"))
    assert not totals.stamp_duty_due and not totals.stamp_duty_charged


def test_the_stamp_duty_is_a_line_of_its_own_only_when_due_and_charged():
    exempt = [LineInput("Formazione", D(1), D("77.48"), "", "N4")]
    charged = receipt_totals(exempt, charge_stamp_duty=True)
    assert charged.stamp_duty_due and charged.stamp_duty_charged
    assert [(line.kind, line.net, line.nature) for line in charged.lines][-1] == ("stamp_duty", D("2.00"), "N1")
    assert charged.total == D("79.48")
    owed = receipt_totals(exempt, charge_stamp_duty=False)
    assert owed.stamp_duty_due and not owed.stamp_duty_charged and owed.total == D("77.48")
    assert len(owed.lines) == 1


@pytest.mark.parametrize(("line", "words"), [
    (LineInput("Prova", D(-1), D(10), "22"), "Riga 1: la quantità deve essere maggiore di 0"),
    (LineInput("Prova", D(0), D(10), "22"), "maggiore di 0"),
    (LineInput("Prova", D(1_000_000), D(10), "22"), "al massimo 10000"),
    (LineInput("Prova", D("1.0005"), D(10), "22"), "al massimo tre decimali"),
    (LineInput("Prova", D(1), D("10.005"), "22"), "al massimo due decimali"),
    (LineInput("Prova", D(1), D("-5"), "22"), "da 0"),
    (LineInput("Prova", D(1), D(10), "21"), "Riga 1: L'aliquota IVA del 21% non esiste"),
    (LineInput("Prova", D(1), D(10), ""), "codice natura"),
    (LineInput("   ", D(1), D(10), "22"), "descrivi"),
    (LineInput("Prova", "tre", D(10), "22"), "Scrivi un numero"),
    (LineInput("Prova", D("NaN"), D(10), "22"), "Scrivi un numero")])
def test_bad_lines_are_refused_in_italian(italian, line, words):
    with pytest.raises(ValidationError, match=words):
        receipt_totals([LineInput("Prova", D(1), D(1), "22"), line] if words.startswith("Riga 2") else [line],
                       charge_stamp_duty=False)


def test_an_empty_receipt_and_an_unknown_kind_are_refused(italian):
    with pytest.raises(ValidationError, match="almeno una riga"):
        receipt_totals([], charge_stamp_duty=False)
    with pytest.raises(ValidationError, match="Riga 2"):
        receipt_totals([LineInput("Prova", D(1), D(1), "22"), LineInput("Bollo", D(1), D(2), "", "N1",
                                                                         kind="stamp_duty")], charge_stamp_duty=False)


def test_cash_at_or_above_the_limit_is_refused(italian):
    check_payment("cash", D("4999.99"))
    check_payment("card", D("12000"))
    with pytest.raises(ValidationError, match=r"Pagamenti in contanti di 5\.000,00"):
        check_payment("cash", D("5000.00"))
    with pytest.raises(ValidationError, match="contanti"):
        check_payment("cash", D("1000.00"), cash_limit=D("1000"))
    with pytest.raises(ValidationError, match="Scegli come paga"):
        check_payment("bitcoin", D(1))


def test_the_year_is_romes_so_new_years_night_opens_the_new_series():
    assert receipt_year(dt.datetime(2026, 12, 31, 23, 0, 30, tzinfo=dt.UTC)) == 2027  # 00:00:30 in Rome
    assert receipt_year(dt.datetime(2026, 12, 31, 22, 59, 59, tzinfo=dt.UTC)) == 2026
    assert receipt_year(dt.datetime(2027, 6, 30, 21, 59, tzinfo=dt.UTC)) == 2027
    with pytest.raises(ValueError):
        receipt_year(dt.datetime(2026, 12, 31, 23, 0))
    assert receipt_number("R1", 2026, 123) == "R1-2026-000123"
    assert receipt_number("R1-B", 2027, 1) == "R1-B-2027-000001"
    assert len(receipt_number("ABCD-ZZZ", 2026, 999_999)) == 20  # an e-invoice number: at most 20 characters


@given(st.lists(st.tuples(st.integers(1, 50_000), st.integers(0, 500_000), st.sampled_from(VAT_RATES)),
                min_size=1, max_size=20))
def test_a_receipts_total_is_the_sum_of_its_lines_and_their_vat(raw):
    items = [LineInput(f"Riga {n}", D(q) / 1000, D(p) / 100, rate) for n, (q, p, rate) in enumerate(raw)]
    totals = receipt_totals(items, charge_stamp_duty=True)
    assert totals.tax.net == sum((line.net for line in totals.lines), D(0))
    assert totals.total == totals.tax.net + totals.tax.vat
    assert not totals.stamp_duty_due  # every line carries VAT
