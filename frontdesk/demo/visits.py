"""The demo's people and their visits: who works where and comes for what, a year of visits on
working days in office hours (Europe/Rome) in check-in order, and today's visitors on site and
expected. Part of the demo generator (demo.rows); the hot loop works on integers and preformatted
strings (a million visits). Pure Python, imports no SQLAlchemy and no Qt.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from dataclasses import dataclass, field

from frontdesk.demo import names
from frontdesk.demo.companies import CompanyMaker, Pick, cum, email_of, mobile, service_pick
from frontdesk.demo.moments import HMS, day_info, epoch_ms, hlc_stamp, local_ms, moment_text
from frontdesk.demo.plan import Refs, Size
from frontdesk.domain.clock import ROME
from frontdesk.domain.ids import uuid7_hex

US = 1_000_000


@dataclass
class People:
    company_of: list[int]
    first: list[str]
    last: list[str]
    email: list[str]
    phone: list[str]
    newsletter: list[int]
    main: list[str]  # the service they usually come for
    host: list[int]  # the host they usually see for it
    activity: list[float]  # cumulative weights: who comes back often
    ids: list[str | None] = field(default_factory=list)
    first_ms: list[int] = field(default_factory=list)
    first_text: list[str] = field(default_factory=list)
    last_ms: list[int] = field(default_factory=list)
    last_text: list[str | None] = field(default_factory=list)
    order: list[int] = field(default_factory=list)  # in the order they were created

    def __post_init__(self) -> None:
        n = len(self.company_of)
        self.ids, self.first_ms, self.first_text = [None] * n, [0] * n, [""] * n
        self.last_ms, self.last_text = [0] * n, [None] * n

    def meet(self, v: int, ms: int, text: str, bits) -> str:
        """The visitor's id, creating the visitor at `ms` on first sight."""
        vid = self.ids[v]
        if vid is None:
            vid = self.ids[v] = uuid7_hex(ms, bits(80))
            self.first_ms[v], self.first_text[v] = ms, text
            self.order.append(v)
        return vid


def make_people(rng: random.Random, maker: CompanyMaker, companies, pools, refs: Refs, size: Size) -> People:
    """Every company has someone; a private person is their own (only) visitor; family firms employ family."""
    payers = [i for i, c in enumerate(companies) if c.kind != "private"]
    extra = rng.choices(payers, cum_weights=cum(companies[i].size for i in payers), k=size.visitors - size.companies)
    company_of = list(range(size.companies)) + extra
    rng.shuffle(company_of)
    firsts = maker.firsts.many(size.visitors)
    lasts = maker.surnames.many(size.visitors)
    picks = {s: service_pick(rng, names.SECTORS[s]["services"], refs.services) for s in names.SECTORS}
    rand = rng.random
    emails, phones, news, mains, hosts = [], [], [], [], []
    for v, ci in enumerate(company_of):
        c = companies[ci]
        if c.kind == "private":
            firsts[v], lasts[v] = c.name[: -len(c.family) - 1], c.family
        elif c.family and rand() < 0.4:
            lasts[v] = c.family
        emails.append(email_of(rng, firsts[v], lasts[v], c.domain) if rand() < 0.55 else "")
        phones.append(mobile(rng) if rand() < 0.4 else "")
        news.append(int(rand() < 0.12))
        main = picks[c.sector].one()
        mains.append(main)
        pool = pools[main]
        hosts.append(pool[int(rand() * len(pool))])
    activity = cum(min(rng.paretovariate(1.4), 80.0) for _ in range(size.visitors))
    return People(company_of, firsts, lasts, emails, phones, news, mains, hosts, activity)


def assign_visits(rng: random.Random, people: People, count: int, past: int) -> list[int]:
    """Who comes to each of `past` visits: the first `count` people at least once, regulars often."""
    assign = rng.choices(range(count), cum_weights=people.activity[:count], k=past)
    visits = [0] * count
    for v in assign:
        visits[v] += 1
    rand = rng.random
    for v in range(count):
        if visits[v]:
            continue
        while True:  # take a visit from someone who keeps at least one
            pos = int(rand() * past)
            if visits[assign[pos]] > 1:
                break
        visits[assign[pos]] -= 1
        assign[pos], visits[v] = v, 1
    return assign


_MINUTE_CUM = cum(1 + 6 * math.exp(-(((m - 570) / 50) ** 2)) + 4 * math.exp(-(((m - 870) / 45) ** 2))
                  for m in range(8 * 60, 18 * 60))
_WEEKDAY = (1.0, 1.1, 1.1, 1.05, 0.8)
_MONTH = {7: 0.85, 8: 0.35, 9: 1.1, 10: 1.1, 11: 1.1, 12: 0.75}
_LATEST_OUT = (19 * 60 + 30) * 60
_CLOSING = 20 * 3600
_MICRO_LO, _MICRO_SPAN = 100_000, 900_000  # six digits: formatted without padding


def day_counts(rng: random.Random, days: list[dt.date], total: int) -> list[int]:
    weights = [_WEEKDAY[d.weekday()] * _MONTH.get(d.month, 1.0) * rng.uniform(0.8, 1.2) for d in days]
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(days)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def past_visits(rng, bits, people: People, days, counts, assign, refs: Refs, pools, host_ids, working
                 ) -> tuple[list[list], list[int]]:
    """Visits of the past year in check-in order (rows without their id) and their creation ms."""
    rand = rng.random
    desk = refs.desk
    hlc_tail = f"-00000-{desk}"
    sid = refs.services
    present = [c for c in names.GLOBAL_SERVICES if c in sid]
    other = Pick(rng, present, [names.GLOBAL_SERVICES[c] for c in present]).many(len(assign))
    duration = {c: (lo * 60, (hi - lo) * 60) for c, (lo, hi) in names.DURATIONS.items()}
    main_of, usual_of, last_ms, last_text = people.main, people.host, people.last_ms, people.last_text
    ids, hms, minute_cum, total_minutes = people.ids, HMS, _MINUTE_CUM, _MINUTE_CUM[-1]
    reasons = names.CANCEL_REASONS
    rows: list[list] = []
    created_ms: list[int] = []
    k = 0
    calendar_days = [day_info(d) for d in sorted(working)]
    index = {d: i for i, d in enumerate(sorted(working))}
    for day, count in zip(days, counts, strict=True):
        date_text, base, offset = calendar_days[index[day]]
        todays = []
        for _ in range(count):
            v = assign[k]
            svc = main_of[v] if rand() < 0.7 else other[k]
            k += 1
            minute = 520 + int(rand() * 30) if svc == "training" else 480 + bisect.bisect(
                minute_cum, rand() * total_minutes)
            todays.append((minute * 60 + int(rand() * 60), _MICRO_LO + int(rand() * _MICRO_SPAN), v, svc))
        todays.sort()
        for seconds, micro, v, svc in todays:
            in_ms = base + seconds * 1000 + micro // 1000
            in_text = f"{date_text} {hms[seconds - offset]}.{micro}"  # micro has 6 digits
            lo, span = duration[svc]
            if rand() < 0.01:  # forgot to check out: the evening close did, at the closing hour
                out_ms = base + _CLOSING * 1000
                out_text, closed = f"{date_text} {hms[_CLOSING - offset]}.000000", 1
            else:
                out_s = min(seconds + lo + int(rand() * span), _LATEST_OUT)
                out_micro, closed = _MICRO_LO + int(rand() * _MICRO_SPAN), 0
                out_ms = base + out_s * 1000 + out_micro // 1000
                out_text = f"{date_text} {hms[out_s - offset]}.{out_micro}"
            if svc == main_of[v] and rand() < 0.8:
                host = usual_of[v]
            else:
                pool = pools[svc]
                host = pool[int(rand() * len(pool))]
            host_id = None if svc == "materials_testing" and rand() < 0.25 else host_ids[host]
            if rand() < (0.7 if svc == "training" else 0.12):  # registered ahead, on an earlier working day
                ahead_text, ahead_base, ahead_offset = calendar_days[max(0, index[day] - 1 - int(rand() * 15))]
                made_s = max(seconds - int(rand() * 3 * 3600), 8 * 3600)
                made = ahead_base + made_s * 1000 + micro // 1000
                made_text = f"{ahead_text} {hms[made_s - ahead_offset]}.{micro}"
                if ids[v] is not None and made <= people.first_ms[v]:
                    made = people.first_ms[v] + 1
                    made_text = moment_text(made)
                vid = people.meet(v, made, made_text, bits)
                if rand() < 0.04:  # cancelled before the day
                    changed = made + int(rand() * 2 * 3600) * 1000
                    rows.append([None, made_text, moment_text(changed), desk, desk, f"{changed}{hlc_tail}", vid,
                                 sid[svc], host_id, None, date_text, "cancelled", None, None, 0, "",
                                 reasons[int(rand() * len(reasons))]])
                    created_ms.append(made)
                    continue
                rows.append([None, made_text, out_text, desk, desk, f"{out_ms}{hlc_tail}", vid, sid[svc], host_id,
                             None, date_text, "out", in_text, out_text, closed, "", ""])
                created_ms.append(made)
            else:
                vid = ids[v] or people.meet(v, in_ms, in_text, bits)
                rows.append([None, in_text, out_text, desk, desk, f"{out_ms}{hlc_tail}", vid, sid[svc], host_id,
                             None, None, "out", in_text, out_text, closed, "", ""])
                created_ms.append(in_ms)
            last_ms[v], last_text[v] = in_ms, in_text
    return rows, created_ms


def todays_visits(rng, bits, people: People, refs: Refs, size: Size, host_ids, working, past_people: int
                   ) -> tuple[list[list], list[int]]:
    """Visitors on site now, expected today and on the next working days (some never came before)."""
    rand = rng.random
    desk, sid = refs.desk, refs.services
    now = epoch_ms(refs.now)
    today = refs.now.astimezone(ROME).date()
    lo, hi = max(local_ms(today, 8 * 3600), now - 4 * 3600_000), now - 60_000
    if hi <= lo:  # before opening time: they came in a moment ago
        lo, hi = max(local_ms(today, 0), now - 30 * 60_000), now
    rows, created = [], []
    on_site = rng.sample(range(past_people), size.on_site)
    for v in on_site:
        moment = max(lo + int(rand() * (hi - lo)), people.first_ms[v] + 1)
        text = moment_text(moment)
        vid = people.meet(v, moment, text, bits)
        rows.append([None, text, text, desk, desk, hlc_stamp(moment, desk), vid, sid[people.main[v]],
                     host_ids[people.host[v]], None, None, "on_site", text, None, 0, "", ""])
        created.append(moment)
        if moment > people.last_ms[v]:
            people.last_ms[v], people.last_text[v] = moment, text
    coming = [d for d in (today + dt.timedelta(days=i) for i in range(1, 20)) if d in working][:5]
    days = [today] * size.expected_today + [coming[i % len(coming)] for i in range(size.expected_later)]
    taken = set(on_site)
    returning = [v for v in rng.sample(range(past_people), 2 * len(days)) if v not in taken]
    guests = list(range(past_people, size.visitors))
    guests += returning[: len(days) - len(guests)]
    booked_on = next(d for d in (today - dt.timedelta(days=i) for i in range(1, 20)) if d in working)
    for v, day in zip(guests, days, strict=True):
        moment = min(local_ms(booked_on, 9 * 3600 + int(rand() * 8 * 3600)), now - 1000)
        if people.ids[v] is not None:
            moment = max(moment, people.first_ms[v] + 1)
        text = moment_text(moment)
        vid = people.meet(v, moment, text, bits)
        rows.append([None, text, text, desk, desk, hlc_stamp(moment, desk), vid, sid[people.main[v]],
                     host_ids[people.host[v]], None, day.isoformat(), "expected", None, None, 0, "", ""])
        created.append(moment)
    return rows, created
