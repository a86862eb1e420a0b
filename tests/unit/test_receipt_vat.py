"""VAT and stamp duty on a document's lines (domain.receipts.vat): per-rate VAT on the rate's sum,
half-up; nature codes; the stamp duty's EUR 77.47; bad input refused in Italian."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.vat import NATURES, VAT_RATES, TaxLine, check_tax, stamp_duty_due, summarise
from frontdesk.i18n import set_language

D = Decimal


def test_vat_is_computed_on_each_rates_sum_and_rounded_half_up():
    # Three lines of 0.10 at 22%: 0.022 each would round to 0.02 line by line (0.06); on the sum, 0.066 -> 0.07.
    summary = summarise([TaxLine(D("0.10"), "22")] * 3 + [TaxLine(D("10.05"), "10"), TaxLine(D("100"), "", "N4")])
    assert [(g.vat_rate, g.nature, g.base, g.vat) for g in summary.groups] == [
        ("22", "", D("0.30"), D("0.07")), ("10", "", D("10.05"), D("1.01")), ("", "N4", D("100.00"), D("0.00"))]
    assert (summary.net, summary.vat, summary.total) == (D("110.35"), D("1.08"), D("111.43"))
    assert summarise([TaxLine(D("0.25"), "22")]).vat == D("0.06")  # 0.055 -> 0.06, half-up (not half-even)


def test_natures_are_the_2021_codes_in_their_order():
    assert list(NATURES) == ["N1", "N2.1", "N2.2", "N3.1", "N3.2", "N3.3", "N3.4", "N3.5", "N3.6", "N4", "N5",
                             *(f"N6.{n}" for n in range(1, 10)), "N7"]
    summary = summarise([TaxLine(D(1), "", "N6.9"), TaxLine(D(1), "", "N2.1"), TaxLine(D(1), "", "N1")])
    assert [g.nature for g in summary.groups] == ["N1", "N2.1", "N6.9"]


@pytest.mark.parametrize(("codes", "due"), [
    (("N1", "N2.1", "N2.2", "N3.5", "N3.6", "N4", "N5"), True),
    (("N3.1", "N3.2", "N3.3", "N3.4", *(f"N6.{n}" for n in range(1, 10)), "N7"), False)])
def test_which_natures_carry_the_stamp_duty(codes, due):
    for code in codes:
        assert NATURES[code].stamp_duty is due, code
        assert stamp_duty_due([TaxLine(D("77.48"), "", code)]) is due, code


def test_the_stamp_duty_is_due_above_77_47_of_the_lines_that_carry_it_together():
    assert not stamp_duty_due([TaxLine(D("77.47"), "", "N4")])  # at the threshold: not due
    assert stamp_duty_due([TaxLine(D("40.00"), "", "N4"), TaxLine(D("37.48"), "", "N1")])
    assert not stamp_duty_due([TaxLine(D("500"), "22"), TaxLine(D("500"), "", "N3.2"), TaxLine(D("77"), "", "N4")])
    assert summarise([TaxLine(D("80"), "", "N2.2")]).stamp_duty_due


@pytest.mark.parametrize(("rate", "nature", "words"), [
    ("21", "", "non esiste in Italia"), ("0", "", "non esiste in Italia"), ("", "", "codice natura"),
    ("", "N8", "non è un codice natura"), ("22", "N4", "non entrambi")])
def test_bad_tax_is_refused_in_italian(rate, nature, words):
    set_language("it")
    try:
        with pytest.raises(ValidationError, match=words):
            check_tax(rate, nature)
        with pytest.raises(ValidationError):
            summarise([TaxLine(D(1), rate, nature)])
    finally:
        set_language("en")


taxes = st.one_of(st.tuples(st.sampled_from(VAT_RATES), st.just("")),
                  st.tuples(st.just(""), st.sampled_from(list(NATURES))))
lines = st.lists(st.builds(lambda cents, tax: TaxLine(D(cents) / 100, *tax), st.integers(0, 10_000_000), taxes),
                 max_size=30)


@given(lines)
def test_totals_are_the_sum_of_lines_and_vat_matches_an_integer_reference(items):
    summary = summarise(items)
    assert summary.net == sum((line.net for line in items), D(0))
    assert summary.total == summary.net + summary.vat
    for group in summary.groups:
        if group.vat_rate:  # the reference: whole cents, integer arithmetic, half-up
            base_cents = sum(int(line.net * 100) for line in items if line.vat_rate == group.vat_rate)
            assert int(group.vat * 100) == (base_cents * int(group.vat_rate) * 2 + 100) // 200
        else:
            assert group.vat == 0
    duty_base = sum(int(line.net * 100) for line in items if line.nature and NATURES[line.nature].stamp_duty)
    assert summary.stamp_duty_due == (duty_base > 7747)
