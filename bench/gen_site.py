#!/usr/bin/env python3
"""Writes a synthetic signpost site of N guidance pages (about 700 words each, with headings,
lists and links to other pages) for benchmarks: gen_site.py DIR N [PAGES_PER_SECTION].
PAGES_PER_SECTION defaults to 100; give N to put every page in one section."""
import random
import sys
from pathlib import Path

WORDS = ("child children parent carer neglect support family school health visitor food clothes "
         "warm safe home help worried notice signs early advice listen talk young person friend "
         "teacher doctor nurse social worker local service meals hungry tired alone supervision "
         "emotional physical medical educational care needs again pattern time week month").split()
PER_SECTION = int(sys.argv[3]) if len(sys.argv) > 3 else 100


def sentence(rng):
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def page_path(index):
    return f"section-{index // PER_SECTION:03d}/page-{index:05d}.md"


def page(rng, index, total):
    links = [rng.randrange(total) for _ in range(3)]
    body = [f"---\ntitle: Guidance page {index}\ndescription: Synthetic page {index} for benchmarks.\n"
            f"weight: {index % PER_SECTION}\nreview_by: 2099-01-01\n---\n"]
    for part in range(5):
        body.append(f"## Part {part + 1}: {rng.choice(WORDS)} and {rng.choice(WORDS)}\n")
        body.append(paragraph(rng) + "\n")
        body.append("".join(f"- {sentence(rng)}\n" for _ in range(3)))
        body.append(paragraph(rng) + "\n")
    body.append("## Read next\n")
    body.append("".join(f"- [Page {target}](@/{page_path(target)})\n" for target in links))
    return "\n".join(body)


def main():
    root, total = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(42)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(
        "title: Benchmark site\nbase_url: https://bench.example.org/\npartnership: Benchmark\n"
        "help_contacts:\n  - label: Childline\n    phone: 0800 1111\n")
    (root / "content/_index.md").write_text("---\ntitle: Home\n---\nBenchmark home.\n")
    for section in range((total + PER_SECTION - 1) // PER_SECTION):
        folder = root / "content" / f"section-{section:03d}"
        folder.mkdir(exist_ok=True)
        (folder / "_index.md").write_text(f"---\ntitle: Section {section}\nweight: {section}\n---\n")
    for index in range(total):
        (root / "content" / page_path(index)).write_text(page(rng, index, total))


if __name__ == "__main__":
    main()
