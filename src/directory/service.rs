//! A service listing as written in directory_data/services/*.yaml. Field names follow Open
//! Referral UK 3.0 where one exists; the same types serialise back to YAML for the importer.

use serde::{Deserialize, Serialize};

pub use crate::content::page::Audience;
use crate::date::Date;
pub use crate::hours::{Days, Schedule, Weekday};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The sentence lists show (a card, "local support"); the description's first sentence
    /// when left out. signpost's own, not an Open Referral UK field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Who can contact it themselves; none means families and adults. A young people's page
    /// lists only services for `young-people`. signpost's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<Audience>,
    /// A made-up listing written as an example, marked as such wherever it is shown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
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
    /// The service's answers to the SEND Local Offer, when it has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_local_offer: Option<LocalOffer>,
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

/// One thing about a place that makes it easier to use: a feature families can filter on,
/// a description in the provider's words, or both.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<AccessibilityFeature>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessibilityFeature {
    StepFree,
    AccessibleToilet,
    HearingLoop,
    QuietSpace,
    AccessibleParking,
    BabyChanging,
}

/// A service's part of the local authority's SEND Local Offer: the broad areas of need it
/// supports, and its answers to the Local Offer's questions.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LocalOffer {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<SendNeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<LocalOfferAnswer>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LocalOfferAnswer {
    pub question: String,
    pub answer: String,
}

/// The four broad areas of need in the SEND Code of Practice (2015, paragraph 6.28).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SendNeed {
    CommunicationAndInteraction,
    CognitionAndLearning,
    SocialEmotionalAndMentalHealth,
    SensoryAndPhysical,
}

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

    /// The days it is open on.
    pub fn open_days(&self) -> Days {
        self.all_schedules()
            .fold(Days::default(), |days, s| days.union(s.byday))
    }

    /// The accessibility features of all its places, each once, in a fixed order.
    pub fn accessibility_features(&self) -> Vec<AccessibilityFeature> {
        let mut features: Vec<AccessibilityFeature> = self
            .service_at_locations
            .iter()
            .flat_map(|sal| &sal.location.accessibility)
            .filter_map(|a| a.feature)
            .collect();
        features.sort_unstable();
        features.dedup();
        features
    }

    /// The SEND areas of need it supports (none when it has no Local Offer answers).
    pub fn send_needs(&self) -> &[SendNeed] {
        self.send_local_offer
            .as_ref()
            .map_or(&[], |offer| offer.needs.as_slice())
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
    pub const ALL: [Access; 4] = [
        Access::SelfReferral,
        Access::ProfessionalReferral,
        Access::DropIn,
        Access::Appointment,
    ];

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

impl AttendingType {
    pub const ALL: [AttendingType; 4] = [
        AttendingType::Venue,
        AttendingType::Phone,
        AttendingType::Online,
        AttendingType::HomeVisit,
    ];

    pub fn id(&self) -> &'static str {
        match self {
            AttendingType::Venue => "venue",
            AttendingType::Phone => "phone",
            AttendingType::Online => "online",
            AttendingType::HomeVisit => "home-visit",
        }
    }
}

impl AccessibilityFeature {
    pub const ALL: [AccessibilityFeature; 6] = [
        AccessibilityFeature::StepFree,
        AccessibilityFeature::AccessibleToilet,
        AccessibilityFeature::HearingLoop,
        AccessibilityFeature::QuietSpace,
        AccessibilityFeature::AccessibleParking,
        AccessibilityFeature::BabyChanging,
    ];

    pub fn id(&self) -> &'static str {
        match self {
            AccessibilityFeature::StepFree => "step-free",
            AccessibilityFeature::AccessibleToilet => "accessible-toilet",
            AccessibilityFeature::HearingLoop => "hearing-loop",
            AccessibilityFeature::QuietSpace => "quiet-space",
            AccessibilityFeature::AccessibleParking => "accessible-parking",
            AccessibilityFeature::BabyChanging => "baby-changing",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            AccessibilityFeature::StepFree => "Step-free access",
            AccessibilityFeature::AccessibleToilet => "Accessible toilet",
            AccessibilityFeature::HearingLoop => "Hearing loop",
            AccessibilityFeature::QuietSpace => "A quiet space",
            AccessibilityFeature::AccessibleParking => "Accessible parking",
            AccessibilityFeature::BabyChanging => "Baby changing",
        }
    }
}

impl SendNeed {
    pub const ALL: [SendNeed; 4] = [
        SendNeed::CommunicationAndInteraction,
        SendNeed::CognitionAndLearning,
        SendNeed::SocialEmotionalAndMentalHealth,
        SendNeed::SensoryAndPhysical,
    ];

    pub fn id(&self) -> &'static str {
        match self {
            SendNeed::CommunicationAndInteraction => "communication-and-interaction",
            SendNeed::CognitionAndLearning => "cognition-and-learning",
            SendNeed::SocialEmotionalAndMentalHealth => "social-emotional-and-mental-health",
            SendNeed::SensoryAndPhysical => "sensory-and-physical",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            SendNeed::CommunicationAndInteraction => "Communication and interaction",
            SendNeed::CognitionAndLearning => "Cognition and learning",
            SendNeed::SocialEmotionalAndMentalHealth => "Social, emotional and mental health",
            SendNeed::SensoryAndPhysical => "Sensory and physical needs",
        }
    }
}

impl Accessibility {
    /// What a reader is told: the provider's words, else the feature's name.
    pub fn text(&self) -> &str {
        self.description
            .as_deref()
            .or(self.feature.as_ref().map(AccessibilityFeature::label))
            .unwrap_or_default()
    }
}
