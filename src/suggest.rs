//! "Did you mean ...?": the nearest of the known names to what was written.

/// The known name closest to `written`, if any is close enough to be a likely typo.
pub fn nearest<'a>(written: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(written, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_a_typo_and_ignores_strangers() {
        let known = ["title", "description", "weight"];
        assert_eq!(super::nearest("titel", known), Some("title"));
        assert_eq!(super::nearest("colour", known), None);
    }
}
