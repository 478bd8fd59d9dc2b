"""Generate N realistic war reports for scale benchmarks, from our own sentences only.

    python benchmarks/make_corpus.py 10000 --out /tmp/corpus-10k.jsonl
    python benchmarks/make_corpus.py 1000000 --out /tmp/corpus-1m/ --seed 7   # 1,000 files a folder

Sentences come from the sample corpus (``data/sample``, split into sentences) and from the
templates below (written for this script); place names are swapped for real Ukrainian
settlements from our gazetteer, numbers are varied and dates moved next to each report's
date. Each report has a source, a date in 2022-02-24 … 2023-12-31 and 4–9 sentences; about
3 % are near-duplicates (one sentence changed) of an earlier report, as wire copies are.
Deterministic for a given ``--seed``. Output: JSON Lines (``.jsonl``) or a directory of
front-matter ``.txt`` files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "sample"
FIRST_DAY = dt.date(2022, 2, 24)
LAST_DAY = dt.date(2023, 12, 31)
NEAR_DUPLICATE_SHARE = 0.03
FILES_PER_FOLDER = 1000
SOURCES = ("UK Ministry of Defence", "Institute for the Study of War",
           "General Staff of the Armed Forces of Ukraine", "Russian Ministry of Defence",
           "Reuters", "Associated Press", "Kyiv Independent", "TASS")

# Our own sentences; {place}/{place2} are settlements, {oblast} their region, {n}/{m}
# figures, {day} a date shortly before the report's.
TEMPLATES = (
    "Ukrainian forces recaptured {place} on {day}, the General Staff said.",
    "Russian troops shelled {place} and {place2} overnight, killing {n} civilians.",
    "Fighting continued near {place} in {oblast}, where Ukrainian units advanced about {n} km.",
    "The Russian Ministry of Defence claimed its forces had destroyed {n} tanks near {place}.",
    "According to the regional governor, {n} people were wounded in a missile strike on {place}.",
    "Russian forces will likely attempt to hold {place} over the coming weeks.",
    "Ukrainian officials said {n} settlements in {oblast} had been liberated since {day}.",
    "Satellite images showed at least {n} destroyed vehicles on the road from {place} to {place2}.",
    "Russia has probably withdrawn most of its units from the west bank near {place}.",
    "Kyiv reported that {n} Russian soldiers were killed in the past day.",
    "Ukrainian troops are expected to reach {place} within days, an adviser said.",
    "Air defence shot down {n} of {m} drones launched at {oblast} on {day}.",
    "The front line near {place} has barely moved for {n} days.",
    "Moscow denied that {place} had fallen and said its troops repelled {n} attacks.",
    "Officials in {oblast} ordered the evacuation of {n} residents from {place}.",
    "Ukraine regained control of about {m} square kilometres around {place}.",
    "Power was cut in {place} after strikes on energy infrastructure on {day}.",
    "ISW assesses that Russian forces lack the reserves to counterattack near {place}.",
    "A bridge near {place} was damaged, slowing Russian resupply towards {place2}.",
    "Ukrainian artillery hit an ammunition depot in {place}, local sources reported.",
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?![\w.,]\d)")
_MONTH_DAY = re.compile(
    r"\b(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?: \d{1,2}(?!\d))?\b"
)
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+)*")


@dataclass(frozen=True)
class Settlement:
    name: str
    oblast: str
    population: int


def load_settlements() -> list[Settlement]:
    """Ukrainian settlements of our gazetteer (compiled on first use), except those sharing
    a name with a river or region ("Dnipro"), which a swap would turn into nonsense."""
    from frontwatch.gazetteer.index import get_gazetteer

    with sqlite3.connect(f"file:{get_gazetteer().path}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT name, admin1_name, population FROM entries "
            "WHERE country_code='UA' AND feature='settlement' AND name NOT IN "
            "(SELECT name FROM entries WHERE feature!='settlement') ORDER BY name, admin1_name"
        ).fetchall()
    return [Settlement(*row) for row in rows]


def sample_sentences() -> list[str]:
    """Sentences of the sample corpus, if it is there."""
    if not SAMPLE_DIR.is_dir():
        return []
    from frontwatch.ingest import ReadReport, read_inputs

    sentences: list[str] = []
    for item in read_inputs([str(SAMPLE_DIR)]):
        if isinstance(item, ReadReport):
            for sentence in _SENTENCE.split(" ".join(item.report.text.split())):
                if 40 <= len(sentence) <= 400:
                    sentences.append(sentence)
    return sorted(set(sentences))


class Generator:
    def __init__(self, seed: int, settlements: list[Settlement], sentences: list[str]):
        self.random = random.Random(seed)
        self.settlements = settlements
        # Bigger places are named more often, as in the news; the square root keeps villages in.
        self.weights = [max(p.population, 100) ** 0.5 for p in settlements]
        self.by_name = {s.name: s for s in settlements}
        self.sentences = sentences
        self.recent: list[dict] = []

    def place(self) -> Settlement:
        return self.random.choices(self.settlements, self.weights)[0]

    def report(self, number: int) -> dict:
        if self.recent and self.random.random() < NEAR_DUPLICATE_SHARE:
            return self.near_duplicate(self.random.choice(self.recent))
        published = FIRST_DAY + dt.timedelta(self.random.randrange((LAST_DAY - FIRST_DAY).days + 1))
        focus = [self.place() for _ in range(3)]
        count = self.random.randint(4, 9)
        sentences = dict.fromkeys(self.sentence(published, focus) for _ in range(count))
        report = {
            "date": published.isoformat(),
            "source": self.random.choice(SOURCES),
            "title": f"Situation update {number}: {focus[0].name}",
            "text": " ".join(sentences),
        }
        self.recent = (self.recent + [report])[-50:]
        return report

    def near_duplicate(self, original: dict) -> dict:
        """A re-edited copy: another source, the figures of one sentence changed."""
        sentences = _SENTENCE.split(original["text"])
        index = self.random.randrange(len(sentences))
        sentences[index] = _NUMBER.sub(lambda m: f"{self.figure(len(m.group(0))):,}", sentences[index])
        if len(sentences) > 4:
            del sentences[self.random.randrange(len(sentences))]
        return {**original, "source": self.random.choice(SOURCES), "text": " ".join(sentences)}

    def sentence(self, published: dt.date, focus: list[Settlement]) -> str:
        if self.sentences and self.random.random() < 0.5:
            return self.recombine(self.random.choice(self.sentences), published, focus)
        template = self.random.choice(TEMPLATES)
        first, second = self.random.sample(focus, 2)
        return template.format(
            place=first.name, place2=second.name, oblast=first.oblast,
            n=self.figure(), m=self.figure() * 10, day=self.day(published),
        )

    def recombine(self, sentence: str, published: dt.date, focus: list[Settlement]) -> str:
        """A sample sentence with its Ukrainian places, figures and dates changed."""
        sentence = _CAPITALISED_RUN.sub(
            lambda m: self.random.choice(focus).name if m.group(0) in self.by_name else m.group(0),
            sentence,
        )
        sentence = _NUMBER.sub(lambda m: f"{self.figure(len(m.group(0))):,}", sentence)
        return _MONTH_DAY.sub(lambda m: self.day(published), sentence)

    def figure(self, digits: int = 2) -> int:
        return self.random.randint(2, 10 ** min(digits, 5) - 1)

    def day(self, published: dt.date) -> str:
        day = published - dt.timedelta(self.random.randint(0, 3))
        return f"{day.day} {day:%B}"


def reports(n: int, seed: int) -> Iterator[dict]:
    generator = Generator(seed, load_settlements(), sample_sentences())
    for number in range(1, n + 1):
        yield generator.report(number)


def write(items: Iterator[dict], out: Path) -> int:
    count = 0
    if out.suffix in (".jsonl", ".ndjson"):
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for count, report in enumerate(items, start=1):
                handle.write(json.dumps(report, ensure_ascii=False) + "\n")
        return count
    for count, report in enumerate(items, start=1):
        folder = out / f"{(count - 1) // FILES_PER_FOLDER:05d}"
        if (count - 1) % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        front = "\n".join(f"{k}: {json.dumps(report[k], ensure_ascii=False)}"
                          for k in ("date", "source", "title"))
        (folder / f"report-{count:07d}.txt").write_text(f"---\n{front}\n---\n{report['text']}\n")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of reports")
    parser.add_argument("--out", default="corpus.jsonl", help="FILE.jsonl or a directory")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    count = write(reports(args.n, args.seed), Path(args.out))
    print(f"wrote {count} reports to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
