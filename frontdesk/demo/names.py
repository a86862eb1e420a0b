"""Word lists the demo data is drawn from: Italian names, towns of the province of Bergamo,
streets, sectors and how their companies are named, the Point's hosts.

Plain data, weighted where frequency matters (common names come up often, rare ones once).
Imports nothing of the app, no SQLAlchemy, no Qt.
"""

from __future__ import annotations

# Surnames by frequency tier (weight of each name in its tier). Bergamasque names lead.
SURNAME_TIERS: tuple[tuple[float, tuple[str, ...]], ...] = (
    (40.0, ("Rota", "Locatelli", "Pesenti", "Carminati", "Colombo", "Brambilla", "Rossi", "Mazzoleni",
            "Gervasoni", "Milesi", "Cortinovis", "Ferrari", "Bonacina", "Belotti", "Previtali")),
    (14.0, ("Ghisleni", "Salvi", "Bonomi", "Ravasio", "Zanchi", "Bergamelli", "Pellegrini", "Arnoldi", "Magri",
            "Facchinetti", "Cattaneo", "Lazzaroni", "Marchesi", "Vitali", "Pezzotta", "Moretti", "Sala", "Perico",
            "Donadoni", "Bertuletti", "Agazzi", "Scotti", "Testa", "Togni", "Epis", "Bettoni", "Gamba", "Finazzi",
            "Nava", "Roncalli", "Plebani", "Personeni", "Capelli", "Carrara", "Bianchi", "Rizzi", "Fumagalli",
            "Maffioletti", "Bonetti", "Manzoni", "Gritti", "Tiraboschi", "Invernizzi", "Cavagna", "Zambelli",
            "Beretta", "Valoti", "Ghilardi", "Zenoni", "Rottoli", "Calvi", "Ceresoli", "Sonzogni", "Foglieni",
            "Mangili", "Crippa", "Frigeni", "Riva", "Villa", "Galli", "Esposito", "Russo", "Romano")),
    (5.0, ("Mologni", "Suardi", "Quarenghi", "Pedrini", "Paris", "Gotti", "Rubini", "Algeri", "Azzola",
           "Barcella", "Nozza", "Baggi", "Bresciani", "Brignoli", "Cortesi", "Manenti", "Mapelli", "Marcassoli",
           "Medolago", "Moioli", "Noris", "Oberti", "Pagnoncelli", "Savoldi", "Sorzi", "Tasca", "Vavassori",
           "Volpi", "Zonca", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
           "Giordano", "Rizzo", "Lombardi", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
           "Ferrara", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Serra", "Conte", "D'Angelo",
           "D'Alessandro", "Dell'Acqua", "Lo Presti", "Di Stefano", "De Santis", "Ghezzi", "Mazza", "Giupponi",
           "Bonfanti", "Corna", "Morandi", "Paganelli", "Pirola", "Signorelli", "Traini", "Valsecchi")),
    (1.2, ("Dell'Orto", "Lo Russo", "La Rosa", "Di Pietro", "Del Prete", "Sant'Ambrogio", "D'Amico", "Dall'Olio",
           "De Angelis", "Lo Bue", "Cantù", "Pirrò", "Mazzà", "Bellò", "Nicolò", "Forlì", "Zanè", "Morstabilini",
           "Tarenghi", "Trapletti", "Belingheri", "Capitanio", "Cuminetti", "Previtali Rota", "Fiorendi",
           "Ghidotti", "Lanfranchi", "Maffeis", "Pasinetti", "Bosio", "Cremaschi", "Guerinoni")),
    (0.3, ("Hoxha", "Popescu", "Singh", "Kaur", "El Amrani", "Chen", "Nguyen", "Okafor", "Diallo", "Rodríguez",
           "García", "Müller", "Schäfer", "Ionescu", "Kowalski", "Shehu", "Ben Salah", "Öztürk", "Dvořák",
           "Ferreira", "Mbaye", "Kumar", "O'Brien", "Ng")),
)

# First names: (name, weight). Two-word first names exist ("Maria Grazia").
FIRST_NAMES: tuple[tuple[str, float], ...] = (
    ("Marco", 30), ("Luca", 28), ("Andrea", 28), ("Alessandro", 24), ("Matteo", 22), ("Davide", 20),
    ("Francesco", 22), ("Stefano", 20), ("Paolo", 18), ("Giovanni", 18), ("Giuseppe", 16), ("Roberto", 16),
    ("Simone", 16), ("Fabio", 14), ("Massimo", 14), ("Mattia", 12), ("Lorenzo", 12), ("Federico", 12),
    ("Riccardo", 10), ("Daniele", 12), ("Gabriele", 10), ("Nicola", 10), ("Alberto", 10), ("Claudio", 9),
    ("Giorgio", 8), ("Maurizio", 8), ("Sergio", 7), ("Mauro", 8), ("Enrico", 7), ("Emanuele", 7),
    ("Michele", 9), ("Filippo", 7), ("Pietro", 7), ("Tommaso", 6), ("Diego", 5), ("Cristian", 5),
    ("Manuel", 5), ("Nicolò", 5), ("Niccolò", 3), ("Samuele", 4), ("Leonardo", 5), ("Edoardo", 4),
    ("Gianluca", 6), ("Pierluigi", 3), ("Gian Maria", 1.5), ("Angelo", 5), ("Ivan", 3), ("Walter", 3),
    ("Fabrizio", 6), ("Luigi", 6), ("Antonio", 8), ("Carlo", 6), ("Ezio", 2), ("Battista", 2), ("Giacomo", 5),
    ("Elia", 3), ("Noè", 0.5), ("Mirko", 3), ("Omar", 1.5), ("Mohamed", 1.5), ("Jacopo", 3), ("Ettore", 1.5),
    ("Giulia", 22), ("Chiara", 20), ("Francesca", 20), ("Sara", 18), ("Federica", 14), ("Valentina", 16),
    ("Silvia", 14), ("Elena", 14), ("Laura", 14), ("Alessandra", 12), ("Martina", 12), ("Elisa", 12),
    ("Paola", 12), ("Anna", 12), ("Maria", 10), ("Cristina", 10), ("Roberta", 9), ("Simona", 9),
    ("Barbara", 8), ("Monica", 8), ("Ilaria", 8), ("Noemi", 5), ("Alice", 6), ("Aurora", 4), ("Sofia", 5),
    ("Giorgia", 6), ("Beatrice", 5), ("Marta", 6), ("Serena", 6), ("Veronica", 6), ("Daniela", 6),
    ("Manuela", 5), ("Michela", 5), ("Erika", 4), ("Arianna", 4), ("Camilla", 4), ("Greta", 3), ("Irene", 4),
    ("Lucia", 4), ("Nadia", 3), ("Rossella", 3), ("Marzia", 2), ("Debora", 3), ("Tiziana", 3),
    ("Maria Grazia", 2), ("Anna Maria", 2), ("Lucrezia", 1.5), ("Ludovica", 1.5), ("Agnese", 1.5),
    ("Zoë", 0.3), ("Aïcha", 0.3), ("Ana", 1), ("Fatima", 1), ("Jessica", 2), ("Priya", 0.4),
)

# Towns of the province of Bergamo: (name, weight, telephone prefix).
TOWNS: tuple[tuple[str, float, str], ...] = (
    ("Bergamo", 20, "035"), ("Dalmine", 9, "035"), ("Treviglio", 7, "0363"), ("Seriate", 6, "035"),
    ("Albino", 4, "035"), ("Osio Sotto", 4, "035"), ("Stezzano", 4, "035"), ("Zanica", 3, "035"),
    ("Curno", 3, "035"), ("Ponte San Pietro", 4, "035"), ("Romano di Lombardia", 4, "0363"),
    ("Caravaggio", 4, "0363"), ("Verdellino", 3, "035"), ("Verdello", 3, "035"), ("Osio Sopra", 2, "035"),
    ("Levate", 2, "035"), ("Lallio", 2, "035"), ("Treviolo", 3, "035"), ("Mozzo", 2, "035"),
    ("Brembate", 2, "035"), ("Brembate di Sopra", 2, "035"), ("Bonate Sopra", 2, "035"),
    ("Bonate Sotto", 2, "035"), ("Grumello del Monte", 2, "035"), ("Sarnico", 2, "035"), ("Lovere", 2, "035"),
    ("Clusone", 2, "0346"), ("Alzano Lombardo", 3, "035"), ("Nembro", 2, "035"), ("Gazzaniga", 1, "035"),
    ("Zogno", 2, "0345"), ("San Pellegrino Terme", 1, "0345"), ("Almè", 1, "035"), ("Villa d'Almè", 1, "035"),
    ("Ciserano", 2, "035"), ("Boltiere", 1, "035"), ("Arcene", 1, "035"), ("Pontirolo Nuovo", 1, "0363"),
    ("Calusco d'Adda", 2, "035"), ("Cisano Bergamasco", 1, "035"), ("Terno d'Isola", 2, "035"),
    ("Chignolo d'Isola", 1, "035"), ("Madone", 1, "035"), ("Filago", 1, "035"), ("Grassobbio", 3, "035"),
    ("Orio al Serio", 1, "035"), ("Azzano San Paolo", 2, "035"), ("Comun Nuovo", 1, "035"),
    ("Urgnano", 2, "035"), ("Cologno al Serio", 2, "035"), ("Ghisalba", 1, "0363"), ("Martinengo", 2, "0363"),
    ("Calcio", 1, "0363"), ("Telgate", 1, "035"), ("Trescore Balneario", 2, "035"), ("Gorlago", 1, "035"),
    ("Costa di Mezzate", 1, "035"), ("Bagnatica", 1, "035"), ("Brusaporto", 1, "035"),
    ("Scanzorosciate", 1, "035"), ("Torre Boldone", 1, "035"), ("Ranica", 1, "035"), ("Gorle", 1, "035"),
    ("Pedrengo", 1, "035"), ("Castelli Calepio", 1, "035"), ("Credaro", 1, "035"), ("Casazza", 1, "035"),
    ("Vertova", 1, "035"), ("Leffe", 1, "035"), ("Castione della Presolana", 0.5, "0346"),
    ("Rovetta", 0.5, "0346"), ("Piazza Brembana", 0.5, "0345"), ("Sorisole", 1, "035"),
    ("Ponteranica", 1, "035"), ("Paladina", 1, "035"), ("Valbrembo", 1, "035"), ("Presezzo", 1, "035"),
    ("Mapello", 1, "035"), ("Ambivere", 1, "035"), ("Sotto il Monte Giovanni XXIII", 1, "035"),
    ("Carvico", 1, "035"), ("Capriate San Gervasio", 2, "02"), ("Canonica d'Adda", 1, "02"),
)

STREETS: tuple[str, ...] = (
    "Via Roma", "Via Garibaldi", "Via Giuseppe Mazzini", "Via Guglielmo Marconi", "Via dell'Industria",
    "Via dell'Artigianato", "Via Europa", "Via Papa Giovanni XXIII", "Via Bergamo", "Via Milano",
    "Via John Fitzgerald Kennedy", "Via dei Mille", "Via Provinciale", "Via Alessandro Volta",
    "Via Enrico Fermi", "Via Leonardo da Vinci", "Via Galileo Galilei", "Via Vittorio Veneto",
    "Via IV Novembre", "Via XXV Aprile", "Via Don Luigi Sturzo", "Via Cavour", "Via Lombardia",
    "Via Brembo", "Via Serio", "Via Giovanni Pascoli", "Via Dante Alighieri", "Via Alessandro Manzoni",
    "Via Enrico Mattei", "Via Tonale", "Via Lega Lombarda", "Viale Lombardia", "Via Stezzano",
    "Via Treviglio", "Via dei Caduti", "Via San Giovanni Bosco", "Via Zanica", "Via Pietro Nenni",
    "Via Bartolomeo Colleoni", "Largo Europa", "Piazza della Libertà", "Via Marie Curie", "Via del Lavoro",
    "Via dell'Innovazione", "Via Aldo Moro", "Via Torquato Tasso", "Via Sant'Antonio", "Via Mons. Carozzi",
)

ASSOCIATION_BASE: dict[str, float] = {
    "confartigianato": 18, "confindustria": 13, "confimi": 10, "cna": 8, "ascom": 6, "lia": 5,
    "confesercenti": 3, "confcooperative": 2, "coldiretti": 1, "cia": 0.5, "fai": 1, "none": 22,
}

# Sector: weight, words that name its companies, association boosts (multipliers), services it uses.
SECTORS: dict[str, dict] = {
    "meccanica": {
        "weight": 30,
        "words": ("Meccanica", "Officine Meccaniche", "Minuterie Metalliche", "Carpenteria Metallica",
                  "Stampi", "Torneria", "Costruzioni Meccaniche", "Rettifiche", "Automazioni", "Ingranaggi",
                  "Valvole", "Trafilerie", "Fonderia", "Lavorazione Lamiere", "Trattamenti Termici",
                  "Bulloneria", "Molle", "Stampaggio a Caldo", "Tranciatura"),
        "brands": ("Mecc", "Tecnomec", "Orobica Metalli", "Isolmec", "Bergamasca Acciai", "Serio Mecc",
                   "Metalbrembo", "Adda Inox", "Alpha Stampi", "Precisa", "Euromeccanica", "Fucina Orobica"),
        "boost": {"confindustria": 1.5, "confimi": 1.6, "confartigianato": 1.2},
        "services": {"materials_testing": 60, "training": 15, "tech_scouting": 8, "trademarks_patents": 6},
    },
    "plastica": {
        "weight": 12,
        "words": ("Materie Plastiche", "Stampaggio Materie Plastiche", "Gomma", "Polimeri", "Tecnopolimeri",
                  "Articoli Tecnici in Gomma", "Estrusi"),
        "brands": ("Plastiform", "Orobica Plast", "Polistamp", "Serioplast", "Gommatec", "Isolplast",
                   "Brembo Polimeri", "Tecnoplastica"),
        "boost": {"confindustria": 1.6, "confimi": 1.8},
        "services": {"materials_testing": 60, "training": 12, "tech_scouting": 10, "trademarks_patents": 8},
    },
    "tessile": {
        "weight": 8,
        "words": ("Tessitura", "Filati", "Tessuti", "Confezioni", "Maglificio", "Nastrificio", "Tintoria"),
        "brands": ("Tessilbergamo", "Filorobico", "Seriotex", "Valle Seriana Tessuti", "Nastrotex"),
        "boost": {"confindustria": 1.4, "confartigianato": 1.3},
        "services": {"materials_testing": 45, "training": 20, "trademarks_patents": 15},
    },
    "edilizia": {
        "weight": 10,
        "words": ("Costruzioni", "Impresa Edile", "Serramenti", "Impianti Elettrici", "Termoidraulica",
                  "Prefabbricati", "Calcestruzzi", "Coperture"),
        "brands": ("Edilorobica", "Bergamo Costruzioni", "Edilserio", "Calcestruzzi Isola", "Edilbrembo"),
        "boost": {"confartigianato": 1.8, "cna": 1.6, "lia": 1.5},
        "services": {"materials_testing": 40, "training": 40},
    },
    "alimentare": {
        "weight": 7,
        "words": ("Caseificio", "Salumificio", "Panificio", "Pastificio", "Dolciaria", "Distilleria", "Birrificio",
                  "Torrefazione"),
        "brands": ("Sapori Orobici", "Dolce Bergamo", "Polenta e Osei", "Formaggi delle Valli", "Birra Orobica"),
        "boost": {"ascom": 3.0, "confesercenti": 3.0, "coldiretti": 3.0, "confartigianato": 1.2},
        "services": {"training": 40, "trademarks_patents": 25, "meeting": 15},
    },
    "ict": {
        "weight": 9,
        "words": ("Software", "Informatica", "Digital", "Sistemi Informativi", "Data Lab", "Cloud Services",
                  "Automation"),
        "brands": ("Orobix Lab", "Datafoundry", "Bytebergamo", "Nuvola Informatica", "Codeworks", "Sinapsi",
                   "Pixel Orobico", "Algoritmica", "Retelab"),
        "boost": {"confindustria": 1.4, "cna": 1.2, "none": 1.5},
        "services": {"startup_support": 30, "incubator": 25, "training": 20, "tech_scouting": 15,
                     "trademarks_patents": 10},
    },
    "chimica": {
        "weight": 5,
        "words": ("Chimica", "Vernici", "Adesivi", "Detergenti", "Trattamenti Superficiali", "Galvanica"),
        "brands": ("Chimiorobica", "Colorificio Bergamasco", "Galvanotecnica", "Vernitec"),
        "boost": {"confindustria": 2.0, "confimi": 1.5},
        "services": {"materials_testing": 55, "training": 15, "tech_scouting": 15},
    },
    "elettronica": {
        "weight": 6,
        "words": ("Elettronica", "Elettromeccanica", "Quadri Elettrici", "Cablaggi", "Automazione Industriale"),
        "brands": ("Elettrobergamo", "Sensortec", "Quadrielettrici Isola", "Circuitlab", "Orobica Elettronica"),
        "boost": {"confimi": 1.5, "confindustria": 1.3, "cna": 1.3},
        "services": {"materials_testing": 35, "tech_scouting": 20, "training": 20, "trademarks_patents": 10},
    },
    "trasporti": {
        "weight": 4,
        "words": ("Trasporti", "Autotrasporti", "Logistica", "Spedizioni"),
        "brands": ("Orobica Logistica", "Trasporti Bergamaschi", "Adda Trasporti"),
        "boost": {"fai": 25.0, "confartigianato": 1.3},
        "services": {"training": 60, "meeting": 25},
    },
    "agricoltura": {
        "weight": 3,
        "words": ("Azienda Agricola", "Cascina", "Agriturismo", "Vivai", "Apicoltura"),
        "brands": ("Cascina Serio", "Terre di Bergamo", "Orti Orobici"),
        "boost": {"coldiretti": 40.0, "cia": 40.0, "confcooperative": 3.0},
        "services": {"training": 40, "meeting": 30, "trademarks_patents": 15},
    },
    "commercio": {
        "weight": 4,
        "words": ("Ferramenta", "Forniture Industriali", "Commerciale", "Utensileria"),
        "brands": ("Forniture Orobiche", "Utensil Bergamo", "Commerciale Isola"),
        "boost": {"ascom": 5.0, "confesercenti": 4.0},
        "services": {"training": 40, "meeting": 30, "materials_testing": 20},
    },
    "consulenza": {
        "weight": 4,
        "words": ("Studio Tecnico", "Ingegneria", "Consulting", "Progettazione"),
        "brands": ("Progetto Orobico", "Ingegneria Serio", "Qualitas Consulting", "Normatec"),
        "boost": {"none": 2.0},
        "services": {"materials_testing": 30, "tech_scouting": 25, "trademarks_patents": 20, "training": 15},
    },
}

# Legal forms: (form, weight). "ditta" is a sole trader ("... di Marco Rota").
LEGAL_FORMS: tuple[tuple[str, float], ...] = (
    ("S.r.l.", 55), ("S.p.A.", 8), ("S.n.c.", 12), ("S.a.s.", 8), ("S.r.l.s.", 5), ("ditta", 7), ("coop", 5),
)

GLOBAL_SERVICES: dict[str, float] = {
    "materials_testing": 34, "training": 26, "meeting": 12, "trademarks_patents": 9, "tech_scouting": 7,
    "startup_support": 7, "incubator": 5,
}

# How long a visit lasts, in minutes (low, high), by service.
DURATIONS: dict[str, tuple[int, int]] = {
    "materials_testing": (15, 100), "training": (180, 480), "trademarks_patents": (40, 100),
    "tech_scouting": (50, 130), "startup_support": (50, 130), "incubator": (90, 480), "meeting": (40, 160),
}

# Foreign firms: (country, name pattern words, legal form, towns).
FOREIGN: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str, tuple[str, ...]], ...] = (
    ("DE", ("Müller", "Schäfer", "Weiß", "Köhler", "Becker", "Hoffmann"),
     ("Präzisionstechnik", "Maschinenbau", "Kunststofftechnik", "Werkzeugbau"), "GmbH",
     ("München", "Stuttgart", "Nürnberg", "Augsburg")),
    ("FR", ("Dupont", "Lefèvre", "Moreau", "Girard", "Rousseau"),
     ("Industrie", "Plastiques", "Mécanique", "Matériaux"), "SAS", ("Lyon", "Grenoble", "Annecy", "Besançon")),
    ("CH", ("Brunner", "Keller", "Frei", "Gerber", "Zürcher"),
     ("Feinmechanik", "Precision", "Engineering", "Technik"), "AG", ("Lugano", "Zürich", "Chiasso", "Mendrisio")),
    ("US", ("Anderson", "Miller", "Walsh", "Harper"),
     ("Materials", "Testing Systems", "Advanced Composites"), "Inc.", ("Boston", "Cleveland", "Detroit")),
)

# The Point's hosts: (organisation, services they receive visitors for, how many people).
POINT = "Point Dalmine"
HOST_GROUPS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    (f"{POINT} – Laboratorio prove materiali", ("materials_testing",), 6),
    (f"{POINT} – Formazione", ("training",), 4),
    (f"{POINT} – Marchi e brevetti", ("trademarks_patents",), 3),
    (f"{POINT} – Scouting tecnologico", ("tech_scouting",), 3),
    (f"{POINT} – Start-up e incubatore", ("startup_support", "incubator"), 3),
    (f"{POINT} – Segreteria", ("meeting",), 2),
)
INCUBATOR_TENANTS: tuple[str, ...] = (
    "Sensoria S.r.l.", "Graphenica S.r.l.", "AgriVision S.r.l.", "Biomateria Lab S.r.l.", "Additiva S.r.l.",
    "Robotica Orobica S.r.l.", "Nanocoat S.r.l.", "Fotonica Bergamo S.r.l.", "Circolare S.r.l. SB",
    "Idrogeno Verde Lab S.r.l.",
)
CANCEL_REASONS: tuple[str, ...] = (
    "Disdetta dal visitatore", "Corso rinviato", "Riunione annullata", "Campioni non pronti",
)
