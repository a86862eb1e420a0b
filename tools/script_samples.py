"""PNGs of the documents with names in every script, for the README and for looking at.

    .venv/bin/python tools/script_samples.py [OUT_DIR]     (default docs/screenshots)

Writes badge_scripts.png (ID-1 badges of people whose names are Arabic, Hebrew, Chinese,
Japanese, Korean and mixed) and evacuation_scripts.png (the top of an evacuation list with a
name in each script), in Italian, rendered by pdftoppm at 100 dpi. Needs poppler-utils.
Nothing here is used by the app or the tests.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from frontdesk import i18n
from frontdesk.documents.reception.badge import render_badge
from frontdesk.documents.reception.badge_data import BadgeData
from frontdesk.documents.reception.evacuation_list import EvacuationEntry, EvacuationList, render_evacuation_list

PEOPLE = [  # (name, company, host)
    ("Nicolò D'Alessandro", "Caffè Ñandú S.r.l.", "Ing. Giulia Rota"),
    ("Γιώργος Παπαδόπουλος", "Τεχνική Ελλάδος Α.Ε.", "Dott. Marco Bianchi"),
    ("Дмитрий Иванов", "ООО «Северсталь»", "Ing. Giulia Rota"),
    ("محمد علاء الدين", "شركة النور للتجارة", "Dott. Marco Bianchi"),
    ("דוד כהן", "חברת אור בע״מ", "Ing. Giulia Rota"),
    ("王小明", "北京科技有限公司", "Ing. Giulia Rota"),
    ("山田 さくら", "株式会社トヨタ", "Dott. Marco Bianchi"),
    ("김민준", "삼성전자 주식회사", "Ing. Giulia Rota"),
    ("Ahmed محمد علي", "مطبعة النور S.r.l.", "Dott. Marco Bianchi"),
]
WHEN = dt.datetime(2026, 3, 12, 8, 47, tzinfo=dt.UTC)
POINT = "Point — Parco Scientifico Tecnologico di Dalmine"


def _png(pdf: bytes, folder: Path, stem: str) -> Image.Image:
    path = folder / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(path), str(folder / stem)], check=True)
    return Image.open(folder / f"{stem}.png").convert("RGB")


def main(out: Path) -> None:
    i18n.set_language("it")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        badges = []
        for index, (name, company, host) in enumerate(PEOPLE[3:]):
            data = BadgeData(visitor_name=name, company=company, purpose="Prove sui materiali", host=host,
                             valid_from=WHEN.date(), valid_to=WHEN.date(), number=f"R1-00012{index}",
                             point_name=POINT, token=f"R1.SAMPLE.{index}", size="id1")
            badges.append(_png(render_badge(data), folder, f"badge{index}"))
        gap, columns = 12, 3
        width, height = badges[0].size
        rows = (len(badges) + columns - 1) // columns
        sheet = Image.new("RGB", (columns * width + (columns + 1) * gap, rows * height + (rows + 1) * gap),
                          (225, 228, 233))
        for index, badge in enumerate(badges):
            row, column = divmod(index, columns)
            sheet.paste(badge, (gap + column * (width + gap), gap + row * (height + gap)))
        sheet.save(out / "badge_scripts.png")
        print("wrote", out / "badge_scripts.png")

        entries = tuple(EvacuationEntry(name=name, company=company, host=host,
                                        since=WHEN - dt.timedelta(minutes=7 * index))
                        for index, (name, company, host) in enumerate(PEOPLE))
        page = _png(render_evacuation_list(EvacuationList(POINT, WHEN, entries)), folder, "evacuation")
        page.crop((0, 0, page.width, 560)).save(out / "evacuation_scripts.png")
        print("wrote", out / "evacuation_scripts.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshots")
