//! Young people's voices: their words, who said them, where and when, and the topics they
//! belong to. A voice is published only with recorded consent.

use std::path::Path;

use serde::Deserialize;

use crate::config::{Taxonomies, unknown_id};
use crate::content::SourceFile;
use crate::content::front_matter;
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Position};
use crate::layout::{SECTION_FILE, VOICES_DIR};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VoiceFrontMatter {
    who: String,
    #[serde(rename = "where", default)]
    gathered_at: Option<String>,
    #[serde(rename = "when", default)]
    gathered_on: Option<PartialDate>,
    /// Where the words were published before, e.g. the strategy they are quoted from.
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    age_bands: Vec<String>,
    consent: bool,
    #[serde(default)]
    illustrative: bool,
    #[serde(default)]
    translated_from: Option<String>,
    #[serde(default)]
    unchecked_translation: bool,
}

#[derive(Debug, Clone)]
pub struct Voice {
    pub source: SourceFile,
    /// The words, as Markdown.
    pub words_offset: usize,
    pub who: String,
    pub gathered_at: Option<String>,
    pub gathered_on: Option<PartialDate>,
    pub source_note: Option<String>,
    pub categories: Vec<String>,
    pub age_bands: Vec<String>,
    /// Written for a demonstration site, not a real person's words.
    pub illustrative: bool,
    /// On a translation: the fingerprint of the original's words it was made from.
    pub translated_from: Option<String>,
    /// On a translation: nobody has checked it yet.
    pub unchecked_translation: bool,
}

impl Voice {
    pub fn words(&self) -> &str {
        self.source.text[self.words_offset..].trim()
    }

    /// The words as written after the front matter, untrimmed, so positions in them map to
    /// lines of the file.
    pub fn body(&self) -> &str {
        &self.source.text[self.words_offset..]
    }

    /// The file position of a byte offset in the words.
    pub fn position_in_body(&self, offset: usize) -> Position {
        Position::of_offset(&self.source.text, self.words_offset + offset)
    }

    /// The id of this voice on the voices page: `voice-` and its file name.
    pub fn anchor(&self) -> String {
        let stem = self
            .source
            .content_path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        format!("voice-{}", slug::slugify(stem))
    }

    pub fn is_about(&self, band: Option<&str>, category: Option<&str>) -> bool {
        band.is_none_or(|band| self.age_bands.iter().any(|b| b == band))
            && category.is_none_or(|category| self.categories.iter().any(|c| c == category))
    }
}

/// True for a voice file: under voices/, but not the section's own _index.md.
pub fn is_voice_file(content_path: &Path) -> bool {
    content_path.starts_with(VOICES_DIR) && content_path.file_name() != Some(SECTION_FILE.as_ref())
}

pub fn parse(source: SourceFile, taxonomies: Option<&Taxonomies>) -> Result<Voice, Diagnostic> {
    let (front, split) = front_matter::parse::<VoiceFrontMatter>(&source.text, &source.path)
        .map_err(explain_missing_consent)?;
    let at_key = |key: &str, value: Option<&str>| {
        let (line, column) = crate::yaml::locate_key(split.yaml, key, value).unwrap_or((0, 1));
        Position::new(line + 1, column)
    };
    if front.who.trim().is_empty() {
        return Err(Diagnostic::error("`who` is empty")
            .in_file(&source.path)
            .at(at_key("who", None))
            .with_help("say who said it without naming them, e.g. `who: young person, 14`"));
    }
    if !front.consent {
        return Err(Diagnostic::error("this voice has no recorded consent, so it cannot be published")
            .in_file(&source.path)
            .at(at_key("consent", None))
            .with_help("set `consent: true` only once consent to publish these words is recorded; until then move the file out of content/"));
    }
    if let Some(taxonomies) = taxonomies {
        let checks = [
            (
                "age_bands",
                &front.age_bands,
                taxonomies.band_ids(),
                "age bands",
            ),
            (
                "categories",
                &front.categories,
                taxonomies.category_ids(),
                "neglect categories",
            ),
        ];
        for (key, ids, valid, kind) in checks {
            if let Some(unknown) = ids.iter().find(|id| !valid.contains(&id.as_str())) {
                return Err(unknown_id(unknown, &valid, kind)
                    .in_file(&source.path)
                    .at(at_key(key, None)));
            }
        }
    }
    if source.text[split.body_offset..].trim().is_empty() {
        return Err(Diagnostic::error("this voice has no words")
            .in_file(&source.path)
            .at(Position::of_offset(&source.text, split.body_offset))
            .with_help("write the young person's words after the closing `---`"));
    }
    Ok(Voice {
        words_offset: split.body_offset,
        who: front.who,
        gathered_at: front.gathered_at.filter(|w| !w.trim().is_empty()),
        gathered_on: front.gathered_on,
        source_note: front.source.filter(|s| !s.trim().is_empty()),
        categories: front.categories,
        age_bands: front.age_bands,
        illustrative: front.illustrative,
        translated_from: front.translated_from,
        unchecked_translation: front.unchecked_translation,
        source,
    })
}

/// A voice without `consent:` gets the reason it is needed, not only the missing setting.
fn explain_missing_consent(problem: Diagnostic) -> Diagnostic {
    if problem.message.contains("`consent` is missing") {
        return problem.with_help(
            "add `consent: true` once the young person's consent to publish these words is recorded (signpost never publishes a voice without it); until then keep the file out of content/",
        );
    }
    problem
}

/// The voices to show on the home page: the most recently gathered, so every build of the
/// same content picks the same ones.
pub fn featured(voices: &[Voice], count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..voices.len()).collect();
    order.sort_by(|&a, &b| {
        (voices[b].gathered_on, &voices[a].source.path)
            .cmp(&(voices[a].gathered_on, &voices[b].source.path))
    });
    order.truncate(count);
    order
}
