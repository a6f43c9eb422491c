//! Translations against their originals: a translation made from an earlier version of the
//! original's words (its `translated_from:` fingerprint is not the original's now), one that
//! does not say which version it was made from, and a translated sign or voice that says
//! something other than its original about what it is (its cell, its topics, its consent).

use std::collections::HashMap;
use std::path::Path;

use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::site::Site;
use crate::translation;
use crate::voices::Voice;

/// Every language's pages and voices against the default language's.
pub fn check(sites: &[Site], problems: &mut Diagnostics) {
    let Some((originals, others)) = sites.split_first() else {
        return;
    };
    for page in &originals.pages {
        if page.front.translated_from.is_some() {
            problems.push(not_a_translation(
                &page.source.path,
                page.position_of_key("translated_from"),
            ));
        }
    }
    let pages: HashMap<&Path, &Page> = originals
        .pages
        .iter()
        .map(|p| (p.source.content_path.as_path(), p))
        .collect();
    let voices: HashMap<&Path, &Voice> = originals
        .voices
        .iter()
        .map(|v| (v.source.content_path.as_path(), v))
        .collect();
    for site in others {
        for page in &site.pages {
            match pages.get(page.source.content_path.as_path()) {
                Some(original) => {
                    problems.extend(stale(
                        page,
                        &original.source.path,
                        &translation::of_page(original),
                        page.front.translated_from.as_deref(),
                    ));
                    problems.extend(other_cell(page, original));
                }
                None if page.front.translated_from.is_some() => problems.push(no_original(page)),
                None => {}
            }
        }
        for voice in &site.voices {
            match voices.get(voice.source.content_path.as_path()) {
                Some(original) => {
                    problems.extend(stale_voice(voice, original));
                    problems.extend(other_voice(voice, original));
                }
                None => problems.push(voice_without_original(voice)),
            }
        }
    }
}

fn not_a_translation(file: &Path, at: Position) -> Diagnostic {
    Diagnostic::error("`translated_from:` is for a translation, and this file is in the site's default language")
        .in_file(file)
        .at(at)
        .with_help("a translation's file name ends in its language's code (what-to-do.pl.md); remove `translated_from:` here")
}

/// A translation made from other words than the original's now, or that does not say.
fn stale(page: &Page, original: &Path, now: &str, made_from: Option<&str>) -> Option<Diagnostic> {
    let file = &page.source.path;
    match made_from {
        Some(made_from) if made_from == now => None,
        Some(made_from) => Some(
            Diagnostic::warning(format!(
                "{} has changed since this translation was made from it (translated_from: {made_from}; the original is now {now})",
                original.display()
            ))
            .in_file(file)
            .at(page.position_of_key("translated_from"))
            .with_help(format!(
                "bring the translation up to date with {}, then set `translated_from: {now}`",
                original.display()
            )),
        ),
        None => Some(
            Diagnostic::warning(format!(
                "this translation does not say which version of {} it was made from, so nobody will be told when the original changes",
                original.display()
            ))
            .in_file(file)
            .at(page.position_of_key("title"))
            .with_help(format!(
                "add `translated_from: {now}` to its settings once it says what {} says now",
                original.display()
            )),
        ),
    }
}

fn no_original(page: &Page) -> Diagnostic {
    Diagnostic::warning(format!(
        "`translated_from:` names a version of content/{}, which is not published",
        page.source.content_path.display()
    ))
    .in_file(&page.source.path)
    .at(page.position_of_key("translated_from"))
    .with_help("a translation is named after its original (what-to-do.md -> what-to-do.pl.md); for a page only in this language, remove `translated_from:`")
}

/// A translated sign cell must be of the same cell as its original.
fn other_cell(page: &Page, original: &Page) -> Option<Diagnostic> {
    let (mine, theirs) = (page.sign()?, original.sign()?);
    if (mine.band.as_str(), mine.category.as_str())
        == (theirs.band.as_str(), theirs.category.as_str())
    {
        return None;
    }
    Some(
        Diagnostic::error(format!(
            "this translation is of {}, the signs for {} / {}, but says {} / {}",
            original.source.path.display(),
            theirs.band,
            theirs.category,
            mine.band,
            mine.category
        ))
        .in_file(&page.source.path)
        .at(page.position_of_key("band"))
        .with_help("give it the original's `band:` and `category:`"),
    )
}

fn stale_voice(voice: &Voice, original: &Voice) -> Option<Diagnostic> {
    let now = translation::of_voice(original);
    let at = |key: &str| {
        let front = &voice.source.text[..voice.words_offset];
        let (line, column) = crate::yaml::locate_key(front, key, None).unwrap_or((1, 1));
        Position::new(line, column)
    };
    let file = &voice.source.path;
    let shown = original.source.path.display();
    match voice.translated_from.as_deref() {
        Some(made_from) if made_from == now => None,
        Some(made_from) => Some(
            Diagnostic::warning(format!(
                "{shown} has changed since this translation was made from it (translated_from: {made_from}; the original is now {now})"
            ))
            .in_file(file)
            .at(at("translated_from"))
            .with_help(format!("bring the translation up to date with {shown}, then set `translated_from: {now}`")),
        ),
        None => Some(
            Diagnostic::warning(format!(
                "this translation does not say which version of {shown} it was made from, so nobody will be told when the original changes"
            ))
            .in_file(file)
            .at(at("who"))
            .with_help(format!("add `translated_from: {now}` once it says what {shown} says now")),
        ),
    }
}

/// A translated voice is the same words: who said them, when, about what and with what
/// consent are the original's.
fn other_voice(voice: &Voice, original: &Voice) -> Option<Diagnostic> {
    let differs = [
        ("categories", voice.categories != original.categories),
        ("age_bands", voice.age_bands != original.age_bands),
        ("when", voice.gathered_on != original.gathered_on),
        ("illustrative", voice.illustrative != original.illustrative),
    ];
    let (key, _) = differs.iter().find(|(_, differs)| *differs)?;
    let front = &voice.source.text[..voice.words_offset];
    let (line, column) = crate::yaml::locate_key(front, key, None).unwrap_or((1, 1));
    Some(
        Diagnostic::error(format!(
            "this translation's `{key}:` is not the original's ({})",
            original.source.path.display()
        ))
        .in_file(&voice.source.path)
        .at(Position::new(line, column))
        .with_help("a translation is the same words in another language: copy `categories:`, `age_bands:`, `when:` and `illustrative:` from the original"),
    )
}

fn voice_without_original(voice: &Voice) -> Diagnostic {
    Diagnostic::error(format!(
        "this translates content/{}, which is not published, so there is no consent to publish these words",
        voice.source.content_path.display()
    ))
    .in_file(&voice.source.path)
    .at(Position::new(1, 1))
    .with_help("a voice is published in another language only beside its original, whose `consent: true` covers both; add the original, or name this file after it")
}
