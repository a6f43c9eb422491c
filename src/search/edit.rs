//! How many typing mistakes separate two words: the optimal string alignment distance (a
//! letter added, removed or changed, or two neighbours swapped, each one edit), counted in
//! Unicode characters. search.js computes it the same way.

/// The distances from `typed` to `word` and to the closest start of `word` (any of its
/// prefixes, itself included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Distances {
    pub whole: usize,
    pub prefix: usize,
}

pub fn distances(typed: &[char], word: &[char]) -> Distances {
    let (n, m) = (typed.len(), word.len());
    // rows[i][j]: the distance from typed[..i] to word[..j].
    let mut rows = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(typed[i - 1] != word[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && typed[i - 1] == word[j - 2] && typed[i - 2] == word[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    Distances {
        whole: rows[n][m],
        prefix: rows[n].iter().copied().min().unwrap_or(n),
    }
}

/// How many edits a typed word of this many letters may be from a word of the site: none
/// below four letters, one from four, two from eight.
pub fn allowed_edits(letters: usize) -> usize {
    match letters {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> Distances {
        distances(
            &a.chars().collect::<Vec<_>>(),
            &b.chars().collect::<Vec<_>>(),
        )
    }

    #[test]
    fn counts_each_kind_of_typo_as_one_edit() {
        assert_eq!(d("hungrey", "hungry").whole, 1, "a letter added");
        assert_eq!(d("hngry", "hungry").whole, 1, "a letter missed");
        assert_eq!(d("hungru", "hungry").whole, 1, "a letter changed");
        assert_eq!(d("hugnry", "hungry").whole, 1, "two letters swapped");
        assert_eq!(d("nutrishun", "nutrition").whole, 3);
        assert_eq!(d("ça", "ca").whole, 1, "characters, not bytes");
    }

    #[test]
    fn a_typed_word_can_match_the_start_of_a_longer_word() {
        let nutrtion = d("nutrtion", "nutritional");
        assert_eq!(nutrtion.prefix, 1, "nutrtion is one edit from nutrition…");
        assert_eq!(nutrtion.whole, 3);
        assert_eq!(d("safeg", "safeguarding").prefix, 0);
        assert_eq!(d("", "word").prefix, 0);
    }

    #[test]
    fn longer_words_are_allowed_more_mistakes() {
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(4), 1);
        assert_eq!(allowed_edits(7), 1);
        assert_eq!(allowed_edits(8), 2);
    }
}
