#!/usr/bin/env python3
"""Writes a synthetic signpost site of N guidance pages for benchmarks: gen_site.py DIR N [PAGES_PER_SECTION]
(PAGES_PER_SECTION defaults to 100; give N to put every page in one section).

The text is drawn from a vocabulary shaped like a real partnership site's: a few hundred common
English and safeguarding words used on most pages (stop words included), then a long tail of
rarer words (names, places, jargon: made-up words here) that each appear on a few pages, with
word frequencies falling off as in natural text (Zipf). Pages have about 700 words in five `##`
sections, lists and links; the site has the starter synonyms.yaml that `signpost init` writes.
"""
import random
import sys
from pathlib import Path

STOP = ("the a to and of in is it you that for on are with be this your can if they as at or not "
        "have will do about from we what who how my me i an by has their them when so").split()

COMMON = ("child children parent parents carer carers neglect support family families school health "
          "visitor food clothes warm safe home help worried notice signs early advice listen talk "
          "young person people friend teacher doctor nurse social worker local service meals hungry "
          "tired alone supervision emotional physical medical educational care needs again pattern "
          "time week month baby babies toddler teenager mum dad brother sister house money debt bank "
          "report concern call phone number free confidential childline nspcc police danger sleep bed "
          "night day morning lunch breakfast dinner eat eating weight growing teeth dentist appointment "
          "clinic hospital ill sick poorly medicine glasses hygiene dirty smell wash bath shoes coat cold "
          "heating damp housing homeless hub centre club group course parenting visit visits worker team "
          "front door assessment plan meeting referral consent privacy anonymous trust trusted adult "
          "feelings sad lonely angry scared shouting arguing alcohol drugs drink drinks mental depression "
          "anxiety wellbeing stress cope coping attendance late absent homework learning reading nursery "
          "pregnancy pregnant birth midwife feeding milk bottle nappy injury bruise accident fault trouble "
          "happens next someone tell told story truth kind brave fine okay never always often sometimes "
          "every little enough proper basic needs met regular routine bedtime screen phone online games "
          "outside park street neighbour next door community volunteer charity pantry holiday summer "
          "activities youth sports coach leader counselling counsellor therapy young carers caring "
          "looking after younger older age ages band matrix guidance professionals toolkit procedures "
          "safeguarding lead designated partnership council services children's education welfare "
          "nutrition nutritional diet fruit vegetables snacks crisps sweets water fridge cupboard empty "
          "afford cost costs benefit benefits universal credit job work working shift shifts").split()

SYLLABLES = ("ka lo mi ne ra ti su vo ber ton wick ley ham ford field stow dale mere holt brook wood "
             "ash burn cal dor fen gar hel ing jor kel lan mor nor pel quin ros sel tam ul ven wes yar "
             "zel bri cha dru fla gri pla shi tre").split()
TAIL = 20000
PER_SECTION = int(sys.argv[3]) if len(sys.argv) > 3 else 100


def vocabulary(rng):
    """Words ranked by how often they are used: stop words, common words, then the tail."""
    common = COMMON[:]
    rng.shuffle(common)
    tail = set()
    while len(tail) < TAIL:
        tail.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return STOP + common + sorted(tail)


class Writer:
    def __init__(self, rng):
        self.rng = rng
        words = vocabulary(rng)
        self.words = words
        self.weights = [1 / (rank + 3) for rank in range(len(words))]
        self.content = len(STOP)

    def some(self, n):
        return self.rng.choices(self.words, weights=self.weights, k=n)

    def content_words(self, n):
        """Words for titles and headings: no stop words, mostly common ones."""
        start = self.content
        pool = self.words[start:start + 600] + self.rng.sample(self.words[start + 600:], 20)
        return self.rng.sample(pool, n)

    def sentence(self):
        return " ".join(self.some(self.rng.randint(8, 18))).capitalize() + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 5)))


def page_path(index):
    return f"section-{index // PER_SECTION:03d}/page-{index:05d}.md"


def page(writer, index, total):
    rng = writer.rng
    title = " ".join(writer.content_words(rng.randint(3, 6))).capitalize()
    links = [rng.randrange(total) for _ in range(3)]
    body = [f"---\ntitle: {title}\ndescription: {writer.sentence()}\n"
            f"weight: {index % PER_SECTION}\nreview_by: 2099-01-01\n---\n"]
    for _ in range(5):
        body.append(f"## {' '.join(writer.content_words(rng.randint(2, 5))).capitalize()}\n")
        body.append(writer.paragraph() + "\n")
        body.append("".join(f"- {writer.sentence()}\n" for _ in range(3)))
        body.append(writer.paragraph() + "\n")
    body.append("## Read next\n")
    body.append("".join(f"- [Page {target}](@/{page_path(target)})\n" for target in links))
    return "\n".join(body)


def synonyms():
    """The starter synonyms.yaml, its help pages pointed at pages this site has."""
    starter = Path(__file__).resolve().parent.parent / "src/starter/content/search/synonyms.yaml"
    text = starter.read_text()
    return text.replace("    - /worried/\n", "    - /section-000/\n")


def main():
    root, total = Path(sys.argv[1]), int(sys.argv[2])
    writer = Writer(random.Random(42))
    (root / "content/search").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(
        "title: Benchmark site\nbase_url: https://bench.example.org/\npartnership: Benchmark\n"
        "help_contacts:\n  - label: Childline\n    phone: 0800 1111\n")
    (root / "content/_index.md").write_text("---\ntitle: Home\n---\nBenchmark home.\n")
    (root / "content/search/synonyms.yaml").write_text(synonyms())
    for section in range((total + PER_SECTION - 1) // PER_SECTION):
        folder = root / "content" / f"section-{section:03d}"
        folder.mkdir(exist_ok=True)
        (folder / "_index.md").write_text(f"---\ntitle: Section {section}\nweight: {section}\n---\n")
    for index in range(total):
        (root / "content" / page_path(index)).write_text(page(writer, index, total))


if __name__ == "__main__":
    main()
