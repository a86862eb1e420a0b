"""Demo companies and hosts: names, valid VAT numbers, addresses (postcode, province, country), associations,
people's contacts, and the weighted random picks the demo generator draws from. Companies are Italian
businesses, a few foreign ones, private persons (first and last name) and public bodies (fiscal code,
a 6-character office code for e-invoices). Part of `demo.rows`; pure Python, deterministic for a
random generator's state. Imports no SQLAlchemy and no Qt.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field

from stdnum import luhn
from stdnum.ch import uid as ch_uid
from stdnum.iso7064 import mod_11_10

from frontdesk.demo import names
from frontdesk.demo.plan import Refs
from frontdesk.domain.text import fold, name_key, search_key


def cum(weights) -> list[float]:
    return list(itertools.accumulate(weights))


class Pick:
    """Weighted choices from a fixed population, fast for single draws."""

    def __init__(self, rng: random.Random, items, weights) -> None:
        self.items, self.cum, self.rng = list(items), cum(weights), rng
        self.total = self.cum[-1]

    def one(self):
        return self.items[bisect.bisect(self.cum, self.rng.random() * self.total)]

    def many(self, k: int) -> list:
        return self.rng.choices(self.items, cum_weights=self.cum, k=k)


def surname_pick(rng: random.Random) -> Pick:
    pairs = [(n, w) for w, tier in names.SURNAME_TIERS for n in tier]
    return Pick(rng, [p[0] for p in pairs], [p[1] for p in pairs])


def slug(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


# --- companies ------------------------------------------------------------------------------------

@dataclass
class Company:
    name: str
    kind: str
    vat: str
    association: str
    city: str
    sector: str
    family: str  # the surname in a family firm's name ("" if none)
    domain: str
    size: float
    row: list = field(default_factory=list)
    first_ms: int = 0
    country: str = "IT"
    first: str = ""  # a private person's first name (`family` is their last name)


class CompanyMaker:
    def __init__(self, rng: random.Random, refs: Refs) -> None:
        self.rng = rng
        self.surnames = surname_pick(rng)
        self.firsts = Pick(rng, [n for n, _ in names.FIRST_NAMES], [w for _, w in names.FIRST_NAMES])
        self.towns = Pick(rng, [t[0] for t in names.TOWNS], [t[1] for t in names.TOWNS])
        self.prefix = {t[0]: t[2] for t in names.TOWNS}
        self.sectors = Pick(rng, list(names.SECTORS), [s["weight"] for s in names.SECTORS.values()])
        self.forms = Pick(rng, [f for f, _ in names.LEGAL_FORMS], [w for _, w in names.LEGAL_FORMS])
        self.codes = [c for c in names.ASSOCIATION_BASE if c in refs.associations]
        self.none = "none" if "none" in refs.associations else ""
        self.used_names: set[str] = set()
        self.used_vat: set[str] = set()
        self.public_left = list(PUBLIC_BODIES)

    def association(self, sector: str, form: str) -> str:
        boost = dict(names.SECTORS[sector]["boost"])
        if form == "coop":
            boost["confcooperative"] = boost.get("confcooperative", 1) * 30
        elif form == "S.p.A.":
            boost["confindustria"] = boost.get("confindustria", 1) * 3
        elif form in ("ditta", "S.n.c."):
            for code in ("confartigianato", "cna", "lia"):
                boost[code] = boost.get(code, 1) * 1.6
            boost["confindustria"] = boost.get("confindustria", 1) * 0.3
        weights = [names.ASSOCIATION_BASE[c] * boost.get(c, 1) for c in self.codes]
        return self.codes[bisect.bisect(cum(weights), self.rng.random() * sum(weights))] if self.codes else ""

    def vat(self) -> str:
        rng = self.rng
        while True:
            office = rng.choices(("016", "015", "017", "097", "013", "019"), (85, 6, 4, 2, 2, 1))[0]
            base = f"{rng.randrange(100_000, 4_200_000):07d}{office}"
            number = base + luhn.calc_check_digit(base)
            if number not in self.used_vat:
                self.used_vat.add(number)
                return number

    def italian_name(self, sector: str, form: str, surname: str, first: str, town: str) -> tuple[str, str]:
        """A company name and the family surname it carries ('' when it carries none)."""
        rng = self.rng
        words, brands = names.SECTORS[sector]["words"], names.SECTORS[sector]["brands"]
        word, brand = rng.choice(words), rng.choice(brands)
        other = self.surnames.one()
        if form == "ditta":
            return f"{word} {surname} di {first} {surname}", surname
        if form == "coop":
            return rng.choice((f"{brand} Soc. Coop.", f"{word} {town} Società Cooperativa",
                               f"Cooperativa {brand}")), ""
        if form == "S.n.c.":
            return rng.choice((f"{word} {surname} S.n.c. di {surname} {first} & C.",
                               f"{surname} & {other} S.n.c.")), surname
        if form == "S.a.s.":
            return f"{surname} {word} S.a.s. di {first} {surname} & C.", surname
        roll = rng.random()
        if roll < 0.30:
            return f"{surname} {word} {form}", surname
        if roll < 0.50:
            return f"{word} {surname} {form}", surname
        if roll < 0.58 and sector == "meccanica":
            return f"Officine {surname} {form}", surname
        if roll < 0.66:
            return f"{surname} & {other} {form}", surname
        if roll < 0.74:
            return f"{surname} {form}", surname
        if roll < 0.88:
            return f"{brand} {form}", ""
        return f"{word} {town} {form}", ""

    def make(self, index: int) -> Company:
        rng = self.rng
        roll = rng.random()
        if roll < 0.03:
            return self._foreign()
        if roll < 0.06:
            first, last, town = self.firsts.one(), self.surnames.one(), self.towns.one()
            return Company(f"{first} {last}", "private", "", self.none, town, "consulenza", last, "", 0.0, first=first)
        if roll < 0.066 and self.public_left:
            name, town, domain = self.public_left.pop(0)
            self.used_names.add(name)
            return Company(name, "public", "", self.none, town, "consulenza", "", domain, 1.5)
        sector, form, town = self.sectors.one(), self.forms.one(), self.towns.one()
        for _attempt in range(12):
            name, family = self.italian_name(sector, form, self.surnames.one(), self.firsts.one(), town)
            if name not in self.used_names:
                break
        self.used_names.add(name)
        size = {"S.p.A.": 6.0, "S.r.l.": 2.5}.get(form, 1.2) * min(rng.paretovariate(1.5), 30.0)
        domain = _domain(name, family)
        return Company(name, "it", self.vat(), self.association(sector, form), town, sector, family, domain, size)

    def _foreign(self) -> Company:
        rng = self.rng
        country, surnames, words, form, towns = rng.choice(names.FOREIGN)
        surname = rng.choice(surnames)
        name = f"{surname} {rng.choice(words)} {form}"
        digits = f"{rng.randrange(10_000_000, 99_999_999)}"
        if country == "DE":
            vat = "DE" + digits + mod_11_10.calc_check_digit(digits)
        elif country == "FR":
            siren = digits + luhn.calc_check_digit(digits)
            vat = f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
        elif country == "CH":
            vat = "CHE" + digits + ch_uid.calc_check_digit(digits)
        else:
            vat = ""
        tld = {"DE": "de", "FR": "fr", "CH": "ch"}.get(country, "com")
        domain = f"{slug(surname)}-{slug(name.split()[1])}.{tld}"
        return Company(name, "foreign", vat, self.none, rng.choice(towns), "meccanica", "", domain,
                        min(rng.paretovariate(1.5), 10.0), country=country)


def _domain(name: str, family: str) -> str:
    """A plausible web domain: "rotameccanica.it" for "Rota Meccanica S.r.l."."""
    words = [w for w in name_key(name).split() if w not in ("di", "e", "c")]
    if family:
        family_slug = slug(family)
        other = next((w for w in words if w != family_slug and w not in family_slug), "")
        return f"{family_slug}{other}"[:22] + ".it"
    text = ""
    for word in words:
        if len(text) >= 8 or len(text) + len(word) > 22:
            break
        text += word
    return (text or "impresa") + ".it"


def company_row(c: Company, rng: random.Random) -> list:
    """The company's columns after the synced ones (filled later), as rows.COMPANY_COLS names them."""
    street = rng.choice(names.STREETS)
    number = rng.randint(1, 180)
    address = f"{street}, {number}"
    postcode, province = _postcode(c.city, number), "BG"
    if c.kind == "public":
        sdi = "UF" + "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", k=4))
        base = f"8{rng.randrange(100_000, 999_999)}016"
        fiscal = base + luhn.calc_check_digit(base)
        pec = f"protocollo@pec.{c.domain}"
        phone, email = f"035 {rng.randint(200_000, 999_999)}", f"info@{c.domain}"
    elif c.kind == "it":
        sdi = "0000000" if rng.random() < 0.35 else "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", k=7))
        pec = f"{c.domain.removesuffix('.it')}@{rng.choice(('pec.it', 'legalmail.it', 'arubapec.it', 'postecert.it'))}"
        pec = pec if sdi == "0000000" or rng.random() < 0.6 else ""
        phone = f"{rng.choice(('035', '035', '0363', '0346'))} {rng.randint(200_000, 999_999)}"
        email = f"info@{c.domain}" if rng.random() < 0.75 else ""
        fiscal = c.vat
    elif c.kind == "foreign":
        sdi, pec, fiscal = "XXXXXXX", "", ""
        address = f"{rng.choice(('Industriestraße', 'Rue de l’Industrie', 'Main Street', 'Hauptstrasse'))} " \
                  f"{rng.randint(1, 90)}"
        phone, email = "", f"info@{c.domain}" if rng.random() < 0.8 else ""
        postcode, province = FOREIGN_POSTCODES.get(c.city, ""), ""
    else:
        sdi = pec = fiscal = phone = email = ""
    first, last = (c.first, c.family) if c.kind == "private" else ("", "")
    return [c.name, name_key(c.name), search_key(c.name, c.city), c.kind, c.vat, fiscal, sdi, pec, address,
            c.city, email, phone, "", first, last, postcode, province, c.country]


def _postcode(town: str, number: int) -> str:
    """The town's CAP; Bergamo has one per district (24121-24129): picked by the street number."""
    return f"{24121 + number % 9}" if town == "Bergamo" else POSTCODES.get(town, "")


# The CAP of each demo town (names.TOWNS), all in the province of Bergamo (BG).
POSTCODES: dict[str, str] = {
    "Dalmine": "24044", "Treviglio": "24047", "Seriate": "24068", "Albino": "24021", "Osio Sotto": "24046",
    "Stezzano": "24040", "Zanica": "24050", "Curno": "24035", "Ponte San Pietro": "24036",
    "Romano di Lombardia": "24058", "Caravaggio": "24043", "Verdellino": "24040", "Verdello": "24049",
    "Osio Sopra": "24040", "Levate": "24040", "Lallio": "24040", "Treviolo": "24048", "Mozzo": "24030",
    "Brembate": "24041", "Brembate di Sopra": "24030", "Bonate Sopra": "24040", "Bonate Sotto": "24040",
    "Grumello del Monte": "24064", "Sarnico": "24067", "Lovere": "24065", "Clusone": "24023",
    "Alzano Lombardo": "24022", "Nembro": "24027", "Gazzaniga": "24025", "Zogno": "24019",
    "San Pellegrino Terme": "24016", "Almè": "24011", "Villa d'Almè": "24018", "Ciserano": "24040",
    "Boltiere": "24040", "Arcene": "24040", "Pontirolo Nuovo": "24040", "Calusco d'Adda": "24033",
    "Cisano Bergamasco": "24034", "Terno d'Isola": "24030", "Chignolo d'Isola": "24040", "Madone": "24040",
    "Filago": "24040", "Grassobbio": "24050", "Orio al Serio": "24050", "Azzano San Paolo": "24052",
    "Comun Nuovo": "24040", "Urgnano": "24059", "Cologno al Serio": "24055", "Ghisalba": "24050",
    "Martinengo": "24057", "Calcio": "24054", "Telgate": "24060", "Trescore Balneario": "24069",
    "Gorlago": "24060", "Costa di Mezzate": "24060", "Bagnatica": "24060", "Brusaporto": "24060",
    "Scanzorosciate": "24020", "Torre Boldone": "24020", "Ranica": "24020", "Gorle": "24020",
    "Pedrengo": "24066", "Castelli Calepio": "24060", "Credaro": "24060", "Casazza": "24060",
    "Vertova": "24029", "Leffe": "24026", "Castione della Presolana": "24020", "Rovetta": "24020",
    "Piazza Brembana": "24014", "Sorisole": "24010", "Ponteranica": "24010", "Paladina": "24030",
    "Valbrembo": "24030", "Presezzo": "24030", "Mapello": "24030", "Ambivere": "24030",
    "Sotto il Monte Giovanni XXIII": "24039", "Carvico": "24030", "Capriate San Gervasio": "24042",
    "Canonica d'Adda": "24040",
}
FOREIGN_POSTCODES: dict[str, str] = {
    "München": "80331", "Stuttgart": "70173", "Nürnberg": "90402", "Augsburg": "86150", "Lyon": "69002",
    "Grenoble": "38000", "Annecy": "74000", "Besançon": "25000", "Lugano": "6900", "Zürich": "8001",
    "Chiasso": "6830", "Mendrisio": "6850", "Boston": "02108", "Cleveland": "44113", "Detroit": "48226",
}
# Public bodies that order tests or courses: (name, town, web domain); each appears at most once.
PUBLIC_BODIES: tuple[tuple[str, str, str], ...] = (
    ("Comune di Dalmine", "Dalmine", "comune.dalmine.bg.it"),
    ("Università degli Studi di Bergamo", "Bergamo", "unibg.it"),
    ("Provincia di Bergamo", "Bergamo", "provincia.bergamo.it"),
    ("Comune di Treviglio", "Treviglio", "comune.treviglio.bg.it"),
    ("Istituto Tecnico Industriale Statale \"Pietro Paleocapa\"", "Bergamo", "itispaleocapa.edu.it"),
    ("Comune di Seriate", "Seriate", "comune.seriate.bg.it"),
    ("Consorzio di Bonifica della Media Pianura Bergamasca", "Bergamo", "consorziobonifica.bg.it"),
    ("Comune di Stezzano", "Stezzano", "comune.stezzano.bg.it"),
)


def make_hosts(rng: random.Random, refs: Refs) -> tuple[list[list], dict[str, list[int]]]:
    """Host rows (without synced columns) and, per service, the host indices visitors come to see."""
    firsts = Pick(rng, [n for n, _ in names.FIRST_NAMES], [w for _, w in names.FIRST_NAMES])
    surnames = surname_pick(rng)
    rows: list[list] = []
    pools: dict[str, list[int]] = {code: [] for code in names.GLOBAL_SERVICES}

    def add(organisation: str, services: tuple[str, ...], domain: str) -> None:
        first, last = firsts.one(), surnames.one()
        email = f"{slug(first)}.{slug(last)}@{domain}"
        rows.append([f"{first} {last}", organisation, email, f"035 {rng.randint(600_000, 699_999)}", 1])
        for code in services:
            pools[code].append(len(rows) - 1)

    for organisation, services, count in names.HOST_GROUPS:
        for _ in range(count):
            add(organisation, services, "pointdalmine.it")
    for code, (_id, assoc_name) in refs.associations.items():
        if code != "none":
            add(assoc_name, ("meeting", "training"), f"{code}.bg.it")
    for tenant in names.INCUBATOR_TENANTS:
        add(f"{tenant} (incubatore)", ("incubator",), slug(name_key(tenant)) + ".it")
    for code in pools:
        pools[code] = pools[code] or list(range(len(rows)))
    return rows, pools


def email_of(rng: random.Random, first: str, last: str, domain: str) -> str:
    """A person's e-mail: at their company's domain, or a personal mailbox."""
    f, ell = slug(first), slug(last)
    roll = rng.random()
    if domain and roll < 0.7:
        return f"{f}.{ell}@{domain}" if roll < 0.5 else f"{f[:1]}.{ell}@{domain}"
    provider = rng.choice(("gmail.com", "libero.it", "hotmail.it", "outlook.it", "yahoo.it", "alice.it"))
    return f"{f}.{ell}{rng.randint(1, 99) if rng.random() < 0.5 else ''}@{provider}"


def mobile(rng: random.Random) -> str:
    return f"+39 3{rng.randint(20, 93)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def service_pick(rng: random.Random, sector_services: dict[str, float], known: dict[str, str]) -> Pick:
    """The service a person of a sector usually comes for: mostly the sector's, sometimes any."""
    total = sum(sector_services.values())
    merged = {code: 0.3 * w + 0.7 * sector_services.get(code, 0.0) * 100 / total
              for code, w in names.GLOBAL_SERVICES.items() if code in known}
    return Pick(rng, list(merged), list(merged.values()))
