//! The vocabularies signpost publishes its own facts in, as ORUK taxonomies: the directory's
//! categories, how to get in, how a service is provided, accessibility, SEND needs, and the
//! listing's id on this site. The import reads the same vocabularies back.

use crate::directory::Directory;
use crate::directory::service::{Access, AccessibilityFeature, AttendingType, SendNeed};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vocabulary {
    Categories,
    Access,
    Attending,
    Accessibility,
    SendNeeds,
    Listing,
}

impl Vocabulary {
    pub const ALL: [Vocabulary; 6] = [
        Vocabulary::Categories,
        Vocabulary::Access,
        Vocabulary::Attending,
        Vocabulary::Accessibility,
        Vocabulary::SendNeeds,
        Vocabulary::Listing,
    ];

    /// The name a taxonomy term's `taxonomy` field carries.
    pub fn name(self) -> &'static str {
        match self {
            Vocabulary::Categories => "signpost-directory",
            Vocabulary::Access => "signpost-access",
            Vocabulary::Attending => "signpost-attending-type",
            Vocabulary::Accessibility => "signpost-accessibility",
            Vocabulary::SendNeeds => "signpost-send-need",
            Vocabulary::Listing => "signpost-listing",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Vocabulary::Categories => "The kinds of help this directory lists services under.",
            Vocabulary::Access => {
                "How to get help from a service: a referral, an appointment or dropping in."
            }
            Vocabulary::Attending => {
                "How a service is provided: at a venue, by phone, online or by home visits."
            }
            Vocabulary::Accessibility => "Features of a place that make it easier to use.",
            Vocabulary::SendNeeds => {
                "The broad areas of special educational need a service supports (SEND Code of Practice 2015, 6.28)."
            }
            Vocabulary::Listing => {
                "The listing's own id on the site that publishes this feed; its value is the id."
            }
        }
    }
}

/// One term of a vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub vocabulary: Vocabulary,
    /// The code a taxonomy term's `term` field carries: a category id, `self-referral`.
    pub code: String,
    pub name: String,
    pub description: String,
    /// The code of the term above it, for sub-categories.
    pub parent: Option<String>,
}

/// The single term of the listing vocabulary; an attribute's value carries the id.
pub const LISTING_ID_TERM: &str = "id";

fn fixed(vocabulary: Vocabulary, code: &str, name: &str) -> Term {
    Term {
        vocabulary,
        code: code.into(),
        name: name.into(),
        description: name.into(),
        parent: None,
    }
}

/// Every term of every vocabulary the directory publishes, in a fixed order.
pub fn terms(directory: &Directory) -> Vec<Term> {
    Vocabulary::ALL
        .into_iter()
        .flat_map(|vocabulary| terms_of(directory, vocabulary))
        .collect()
}

/// The term `code` of `vocabulary`, if there is one.
pub fn term(directory: &Directory, vocabulary: Vocabulary, code: &str) -> Option<Term> {
    terms_of(directory, vocabulary)
        .into_iter()
        .find(|t| t.code == code)
}

fn terms_of(directory: &Directory, vocabulary: Vocabulary) -> Vec<Term> {
    let fixed = |pairs: Vec<(&str, &str)>| {
        pairs
            .into_iter()
            .map(|(code, name)| fixed(vocabulary, code, name))
            .collect()
    };
    match vocabulary {
        Vocabulary::Categories => directory
            .categories
            .iter()
            .map(|c| Term {
                vocabulary,
                code: c.id.clone(),
                name: c.label.clone(),
                description: c.description.clone(),
                parent: c.parent.clone(),
            })
            .collect(),
        Vocabulary::Access => fixed(Access::ALL.iter().map(|a| (a.id(), a.label())).collect()),
        Vocabulary::Attending => fixed(
            AttendingType::ALL
                .iter()
                .map(|a| (a.id(), a.label()))
                .collect(),
        ),
        Vocabulary::Accessibility => fixed(
            AccessibilityFeature::ALL
                .iter()
                .map(|f| (f.id(), f.label()))
                .collect(),
        ),
        Vocabulary::SendNeeds => fixed(SendNeed::ALL.iter().map(|n| (n.id(), n.label())).collect()),
        Vocabulary::Listing => fixed(vec![(
            LISTING_ID_TERM,
            "The listing's id on the publishing site",
        )]),
    }
}
