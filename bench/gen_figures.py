#!/usr/bin/env python3
"""Adds N synthetic figures to a site made by gen_site.py, and places three of them (a column
chart, a village of 100 and a headline) at the end of every page: gen_figures.py DIR N."""
import datetime
import random
import sys
from pathlib import Path


def figure(rng, index):
    rows = "\n".join(f"{2000 + year}/{(year + 1) % 100:02d},{rng.randint(0, 5000)}" for year in range(rng.randint(3, 24)))
    return (f"title,Synthetic figure {index}\nunit,contacts\nsource,Benchmark council\nsource_year,2024\n"
            f"as_of,{datetime.date.today()}\n\nYear,Contacts\n{rows}\n")


def village(index):
    return (f"title: Synthetic village {index}\nunit: children\nsource:\n  name: Benchmark council\n  year: 2024\n"
            f"as_of: {datetime.date.today()}\nover_time: false\nwhole: 400\nrows:\n  - label: for neglect\n    value: {100 + index % 200}\n"
            f"  - label: for another reason\n    value: 37\n")


def main():
    root, count = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(14)
    (root / "data").mkdir(exist_ok=True)
    for index in range(count):
        (root / "data" / f"figure-{index:04d}.csv").write_text(figure(rng, index))
        (root / "data" / f"village-{index:04d}.yaml").write_text(village(index))
    (root / "content" / "figures").mkdir(exist_ok=True)
    (root / "content" / "figures" / "_index.md").write_text("---\ntitle: Figures\n---\nEvery figure.\n")
    for page in sorted((root / "content").glob("section-*/page-*.md")):
        n = rng.randrange(count)
        blocks = (f"\n```figure\ndata: figure-{n:04d}\nchart: column\n```\n\n```figure\ndata: village-{n:04d}\n"
                  f"chart: village\n```\n\n```figure\ndata: figure-{n:04d}\nchart: headline\n```\n")
        with page.open("a") as file:
            file.write(blocks)


main()
