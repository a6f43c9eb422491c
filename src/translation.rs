//! What a translation is made from: a fingerprint of the text it translates, which the
//! translation records (`translated_from:`) so that `check` can say when the original has
//! changed since.
//!
//! Why a fingerprint of the text, not a date: the date a file last changed is not known to a
//! build (a fresh checkout in CI dates every file to the checkout; git dates are lost in a
//! shallow clone, and rewritten by a rebase), and a date would count changes that are not to
//! the words (a `review_by:` moved on, a `weight:`). The fingerprint changes exactly when the
//! words a reader sees change, and the translator copies the new one from the warning once
//! the translation is brought up to date.

use sha2::{Digest, Sha256};

use crate::content::page::{Page, PageKind};
use crate::voices::Voice;

/// How many hex digits a fingerprint has: enough that a change is never missed by chance.
const DIGITS: usize = 8;

/// The fingerprint of a page's words: its title, description (or a sign's summaries) and
/// body, with line endings and trailing spaces evened out.
pub fn of_page(page: &Page) -> String {
    let mut parts = vec![page.front.title.as_str()];
    match &page.kind {
        PageKind::Sign(cell) => {
            parts.push(&cell.summary);
            parts.push(&cell.young_people_summary);
        }
        PageKind::Guidance => parts.push(&page.front.description),
    }
    parts.push(page.body());
    of_text(&parts)
}

/// The fingerprint of a voice's words and who said them.
pub fn of_voice(voice: &Voice) -> String {
    let place = voice.gathered_at.as_deref().unwrap_or_default();
    of_text(&[&voice.who, place, voice.words()])
}

fn of_text(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        for line in part.trim().lines() {
            hasher.update(line.trim_end().as_bytes());
            hasher.update(b"\n");
        }
        hasher.update(b"\x00");
    }
    let digest = hasher.finalize();
    digest
        .iter()
        .take(DIGITS / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_change_to_the_words_changes_the_fingerprint() {
        let a = of_text(&["Title", "Body line.\r\nNext  \n"]);
        assert_eq!(a, of_text(&["Title", "Body line.\nNext\n\n"]));
        assert_ne!(a, of_text(&["Title", "Body line!\nNext\n"]));
        assert_ne!(of_text(&["ab", "c"]), of_text(&["a", "bc"]));
        assert_eq!(a.len(), DIGITS);
    }
}
