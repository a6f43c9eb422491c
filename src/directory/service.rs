//! A service listing as written in directory_data/services/*.yaml. Field names follow Open
//! Referral UK 3.0 where one exists; the same types serialise back to YAML for the importer.

use serde::{Deserialize, Serialize};

use crate::date::Date;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: String,
    pub organization: Organization,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u32>,
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cost_options: Vec<CostOption>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attending_type: Vec<AttendingType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<Access>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    pub assured_date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assurer_email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Status {
    #[serde(rename = "active")]
    Active,
    #[serde(rename = "inactive")]
    Inactive,
    #[serde(rename = "defunct")]
    Defunct,
    #[serde(rename = "temporarily closed")]
    TemporarilyClosed,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    pub number: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<PhoneType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneType {
    Voice,
    Text,
    Textphone,
    Fax,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CostOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttendingType {
    Venue,
    Phone,
    Online,
    HomeVisit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    SelfReferral,
    ProfessionalReferral,
    DropIn,
    Appointment,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceAtLocation {
    pub location: Location,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accessibility: Vec<Accessibility>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub address_1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_2: Option<String>,
    pub city: String,
    pub postal_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    pub description: String,
}

/// When a service or location is open: days (iCal two-letter codes) and times (HH:MM).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

pub const DAYS: [(&str, &str); 7] = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
];

impl Service {
    /// Active and temporarily closed services are listed; inactive and defunct ones are not.
    pub fn is_published(&self) -> bool {
        matches!(self.status, Status::Active | Status::TemporarilyClosed)
    }

    /// Free when it lists no cost, or every cost is zero.
    pub fn is_free(&self) -> bool {
        self.cost_options
            .iter()
            .all(|cost| cost.amount.is_none_or(|amount| amount == 0.0))
    }

    /// Every schedule, the service's own and its locations'.
    pub fn all_schedules(&self) -> impl Iterator<Item = &Schedule> {
        self.schedules.iter().chain(
            self.service_at_locations
                .iter()
                .flat_map(|sal| &sal.schedules),
        )
    }

    /// The two-letter codes of the days it is open on, in week order.
    pub fn open_days(&self) -> Vec<&'static str> {
        DAYS.iter()
            .map(|(code, _)| *code)
            .filter(|code| self.all_schedules().any(|s| s.days().any(|d| d == *code)))
            .collect()
    }
}

impl Schedule {
    pub fn days(&self) -> impl Iterator<Item = &str> {
        self.byday
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
    }
}

impl Status {
    pub fn label(&self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Defunct => "defunct",
            Status::TemporarilyClosed => "temporarily closed",
        }
    }
}

impl AttendingType {
    pub fn label(&self) -> &'static str {
        match self {
            AttendingType::Venue => "In person",
            AttendingType::Phone => "By phone",
            AttendingType::Online => "Online",
            AttendingType::HomeVisit => "Home visits",
        }
    }
}

impl Access {
    pub fn label(&self) -> &'static str {
        match self {
            Access::SelfReferral => "Contact them yourself",
            Access::ProfessionalReferral => {
                "Through a professional (such as a GP or social worker)"
            }
            Access::DropIn => "Drop in",
            Access::Appointment => "By appointment",
        }
    }

    pub fn id(&self) -> &'static str {
        match self {
            Access::SelfReferral => "self-referral",
            Access::ProfessionalReferral => "professional-referral",
            Access::DropIn => "drop-in",
            Access::Appointment => "appointment",
        }
    }
}
