//! A small services directory to build fixture sites with.

use super::Fixture;

pub const CATEGORIES: &str = "categories:
  - id: family-support
    label: Family support
    description: Help for families.
    neglect_categories: [emotional, supervision]
  - id: food
    label: Food banks
    description: Free food.
    neglect_categories: [nutritional]
";

pub fn service(id: &str, extra: &str) -> String {
    format!(
        "id: {id}
name: Service {id}
description: >-
  What {id} offers. More about it.
organization:
  name: Example Trust
  website: https://example.org/
status: active
url: https://example.org/{id}
email: {id}@example.org
phones:
  - number: 01632 961 210
    type: voice
minimum_age: 0
maximum_age: 11
categories: [food]
access: [self-referral, drop-in]
attending_type: [venue]
service_at_locations:
  - location:
      name: Hall
      addresses:
        - address_1: 1 High Street
          city: Example Town
          postal_code: EB1 2AB
          country: GB
      latitude: 53.02
      longitude: -2.17
    schedules:
      - byday: MO,TU
        opens_at: \"09:00\"
        closes_at: \"12:00\"
languages: [English]
assured_date: {today}
assurer_email: check@example.org
{extra}",
        today = super::TODAY
    )
}

pub fn site() -> Fixture {
    let site = Fixture::new();
    site.write("directory_data/categories.yaml", CATEGORIES)
        .write(
            "directory_data/services/pantry.yaml",
            &service("pantry", ""),
        )
        .write(
            "directory_data/services/hub.yaml",
            &service("hub", "").replace("categories: [food]", "categories: [family-support]"),
        )
        .write(
            "directory_data/services/closed.yaml",
            &service("closed", "").replace("status: active", "status: defunct"),
        )
        .write(
            "directory_data/postcode_districts.csv",
            "district,latitude,longitude\nEB1,53.02,-2.17\n",
        )
        .write(
            "content/directory/_index.md",
            "---\ntitle: Find local support\n---\nServices near you.\n",
        );
    site
}
