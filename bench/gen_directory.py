#!/usr/bin/env python3
"""Adds N synthetic services to a signpost site for benchmarks: gen_directory.py SITE N."""
import random
import sys
from pathlib import Path

CATEGORIES = ["family-support", "parenting", "food", "health-visiting", "youth-clubs", "housing"]


def service(rng, index):
    district = rng.randint(1, 9)
    lat = 52.95 + rng.random() * 0.15
    lon = -2.30 + rng.random() * 0.25
    return f"""id: service-{index:05d}
name: Benchmark service {index}
description: >-
  A synthetic service number {index} that offers help to families with children. It exists to
  measure how long the directory takes to build.
organization:
  name: Benchmark Trust {index % 50}
status: active
url: https://example.org/services/{index}
email: service{index}@example.org
phones:
  - number: 01632 960 {index % 1000:03d}
    type: voice
minimum_age: {rng.randint(0, 5)}
maximum_age: {rng.randint(11, 19)}
categories: [{rng.choice(CATEGORIES)}]
access: [self-referral]
service_at_locations:
  - location:
      name: Venue {index}
      addresses:
        - address_1: {index} Example Road
          city: Example Town
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
    (root / "directory_data" / "categories.yaml").write_text(
        "categories:\n" + "".join(f"  - id: {c}\n    label: {c.replace('-', ' ').title()}\n    neglect_categories: [physical]\n" for c in CATEGORIES))
    (root / "content" / "directory").mkdir(parents=True, exist_ok=True)
    (root / "content" / "directory" / "_index.md").write_text("---\ntitle: Directory\n---\n")
    for index in range(total):
        (services / f"service-{index:05d}.yaml").write_text(service(rng, index))


if __name__ == "__main__":
    main()
