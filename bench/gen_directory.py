#!/usr/bin/env python3
"""Adds N synthetic services to a signpost site for benchmarks: gen_directory.py SITE N.

Services are named and described the way a real directory's are: a place and a kind of service
("Ashbrook Family Hub", "Holtmere Food Bank"), a description of a few sentences in the words
services use, and one or two of a dozen categories.
"""
import random
import sys
from pathlib import Path

CATEGORIES = {
    "family-support": ("Family support", ["Family Hub", "Family Support Team", "Family Centre"]),
    "parenting": ("Parenting", ["Parenting Course", "Parents Group", "Dads Group"]),
    "food": ("Food banks and food help", ["Food Bank", "Community Pantry", "Community Fridge"]),
    "holiday-food": ("Holiday food and activities", ["Holiday Lunch Club", "Summer Kitchen"]),
    "health-visiting": ("Health visiting and baby health", ["Baby Clinic", "Health Visiting Team"]),
    "school-nursing": ("School nursing", ["School Nurse Drop-in", "School Health Team"]),
    "young-carers": ("Young carers", ["Young Carers Group", "Young Carers Project"]),
    "mental-health": ("Mental health and wellbeing", ["Counselling Service", "Wellbeing Cafe"]),
    "domestic-abuse": ("Domestic abuse", ["Domestic Abuse Service", "Safe Space"]),
    "housing": ("Housing and homelessness", ["Housing Advice", "Homeless Prevention Team"]),
    "debt-advice": ("Money and debt advice", ["Money Advice Centre", "Debt Clinic"]),
    "youth-clubs": ("Youth clubs", ["Youth Club", "Youth Centre", "Detached Youth Work"]),
}
PLACES = ("Ash Brook Holt Mere Fen Dale Stow Wick Ley Ford Field Burn Oak Elm Thorn Marsh Hill "
          "Moor Vale Well").split()
WORDS = ("free help support advice families children young people parents carers confidential "
         "drop in sessions weekly meet talk listen friendly staff volunteers food meals warm safe "
         "space activities games sport cooking budgeting money debt benefits housing school "
         "health baby feeding sleep growing worries feelings anxiety low mood counselling group "
         "one to one home visits phone text online referral self referral no appointment needed "
         "local community centre hub library church hall evenings weekends holidays").split()


def place(rng):
    return rng.choice(PLACES) + rng.choice(PLACES).lower()


def description(rng, kind):
    sentences = []
    for _ in range(rng.randint(2, 4)):
        words = rng.sample(WORDS, rng.randint(8, 14))
        sentences.append(" ".join(words).capitalize() + ".")
    return f"A {kind.lower()} for {place(rng)} and nearby. " + " ".join(sentences)


def service(rng, index):
    district = rng.randint(1, 9)
    lat = 52.95 + rng.random() * 0.15
    lon = -2.30 + rng.random() * 0.25
    categories = rng.sample(sorted(CATEGORIES), rng.choice([1, 1, 2]))
    kind = rng.choice(CATEGORIES[categories[0]][1])
    name = f"{place(rng)} {kind}"
    return f"""id: service-{index:05d}
name: {name}
description: >-
  {description(rng, kind)}
organization:
  name: {place(rng)} Trust
status: active
url: https://example.org/services/{index}
email: service{index}@example.org
phones:
  - number: 01632 960 {index % 1000:03d}
    type: voice
minimum_age: {rng.randint(0, 5)}
maximum_age: {rng.randint(11, 19)}
categories: [{", ".join(categories)}]
access: [self-referral]
service_at_locations:
  - location:
      name: {place(rng)} Centre
      addresses:
        - address_1: {index} Example Road
          city: {place(rng)}
          postal_code: EB{district} {rng.randint(1, 9)}AB
      latitude: {lat:.4f}
      longitude: {lon:.4f}
    schedules:
      - byday: MO,TU,WE,TH,FR
        opens_at: "09:00"
        closes_at: "17:00"
assured_date: 2026-10-01
"""


def main():
    root, total = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(7)
    services = root / "directory_data" / "services"
    services.mkdir(parents=True, exist_ok=True)
    (root / "directory_data" / "categories.yaml").write_text("categories:\n" + "".join(
        f"  - id: {id}\n    label: {label}\n    neglect_categories: [physical]\n"
        for id, (label, _) in CATEGORIES.items()))
    (root / "content" / "directory").mkdir(parents=True, exist_ok=True)
    (root / "content" / "directory" / "_index.md").write_text("---\ntitle: Directory\n---\n")
    for index in range(total):
        (services / f"service-{index:05d}.yaml").write_text(service(rng, index))


if __name__ == "__main__":
    main()
