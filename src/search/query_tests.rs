//! The query engine over indexes built from documents written here: its scores against
//! tantivy's own BM25, and each step of ALGORITHM.md that a user would notice.

use std::borrow::Cow;

use super::*;
use crate::content::page::Audience;
use crate::search::documents::DocSection;
use crate::search::synonyms::HelpSettings;
use crate::search::{SearchDoc, SearchIndex, Synonyms, export};

fn doc(title: &str, body: &str) -> SearchDoc<'static> {
    SearchDoc {
        title: title.into(),
        label: title.into(),
        headings: String::new(),
        body: Cow::Owned(body.into()),
        kind: "guidance",
        url: format!("/{}/", title.to_lowercase().replace(' ', "-")),
        bands: Vec::new(),
        categories: Vec::new(),
        audience: Audience::Public,
        excerpt: String::new(),
        sections: Vec::new(),
    }
}

fn engine_for(
    docs: Vec<SearchDoc<'static>>,
    synonyms: Synonyms,
) -> Engine<HashMap<String, Vec<u8>>> {
    let index = SearchIndex::build(docs, synonyms);
    let exported = export::export(&index);
    Engine::from_export(&exported.files).unwrap()
}

fn search(engine: &Engine<HashMap<String, Vec<u8>>>, query: &str) -> Outcome {
    engine
        .search(
            query,
            &Options {
                limit: 10,
                ..Options::default()
            },
        )
        .unwrap()
}

fn typing(engine: &Engine<HashMap<String, Vec<u8>>>, query: &str) -> Outcome {
    engine
        .search(
            query,
            &Options {
                limit: 10,
                typing: true,
                ..Options::default()
            },
        )
        .unwrap()
}

fn urls(engine: &Engine<HashMap<String, Vec<u8>>>, outcome: &Outcome) -> Vec<String> {
    outcome
        .results
        .iter()
        .map(|hit| engine.meta(hit.doc).unwrap().0.1)
        .collect()
}

/// A few hundred pseudo-random pages over a small vocabulary, so every word is on many.
pub(crate) fn synthetic(pages: usize) -> Vec<SearchDoc<'static>> {
    const WORDS: [&str; 24] = [
        "child", "parent", "school", "food", "hungry", "alone", "doctor", "teeth", "clothes",
        "warm", "safe", "home", "friend", "teacher", "worried", "help", "support", "sleep", "baby",
        "carer", "money", "talk", "listen", "night",
    ];
    let mut seed = 7u64;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    (0..pages)
        .map(|i| {
            let title = format!("Page {i} {}", WORDS[next(WORDS.len())]);
            let length = 20 + next(200);
            let body: Vec<&str> = (0..length)
                .map(|_| {
                    let range = next(WORDS.len()) + 1;
                    WORDS[next(range)]
                })
                .collect();
            let mut page = doc(&title, &body.join(" "));
            page.url = format!("/page-{i}/");
            page
        })
        .collect()
}

#[test]
fn one_word_scores_are_tantivys_bm25_to_within_the_stored_precision() {
    let docs = synthetic(60);
    let index = SearchIndex::build(docs, Synonyms::default());
    let engine = Engine::from_export(&export::export(&index).files).unwrap();
    for word in ["child", "teeth", "night", "listen", "page"] {
        let term = index.term_of(word).unwrap();
        let expected = index.reference_search(&[term], 10).unwrap();
        let outcome = search(&engine, word);
        assert_eq!(outcome.results.len(), 10.min(outcome.total));
        for (rank, hit) in outcome.results.iter().enumerate() {
            let reference = &expected[rank];
            let tolerance = expected[0].score / 255.0 + 1e-4;
            assert!(
                (hit.score - reference.score).abs() <= tolerance,
                "{word}: rank {rank}: {} against tantivy's {}",
                hit.score,
                reference.score
            );
        }
    }
}

#[test]
fn pages_with_every_word_score_their_bm25_sum() {
    let docs = synthetic(60);
    let index = SearchIndex::build(docs, Synonyms::default());
    let engine = Engine::from_export(&export::export(&index).files).unwrap();
    let terms: Vec<String> = ["safe", "sleep"]
        .iter()
        .map(|w| index.term_of(w).unwrap())
        .collect();
    let expected = index.reference_search(&terms, 60).unwrap();
    let outcome = engine
        .search(
            "safe sleep",
            &Options {
                limit: 60,
                ..Options::default()
            },
        )
        .unwrap();
    let mut compared = 0;
    for hit in &outcome.results {
        let found = engine.meta(hit.doc).unwrap().0;
        let reference = expected.iter().find(|r| r.doc as u32 == hit.doc).unwrap();
        let text = format!(
            "{} {}",
            index.docs[hit.doc as usize].title, index.docs[hit.doc as usize].body
        );
        if text.contains("safe") && text.contains("sleep") {
            assert!(
                (hit.score - reference.score).abs() < 0.05,
                "{}: {} vs {}",
                found.1,
                hit.score,
                reference.score
            );
            compared += 1;
        }
    }
    assert!(compared > 5, "only {compared} pages had both words");
}

#[test]
fn a_common_word_counts_only_on_its_best_pages_unless_every_match_is_asked_for() {
    let docs = synthetic(400);
    let engine = engine_for(docs, Synonyms::default());
    let head = search(&engine, "child");
    let complete = engine
        .search(
            "child",
            &Options {
                limit: 10,
                complete: true,
                ..Options::default()
            },
        )
        .unwrap();
    assert_eq!(head.total, format::HEAD, "the head alone");
    assert!(complete.total > format::HEAD, "{}", complete.total);
    assert_eq!(
        head.results, complete.results,
        "the best ten are the same either way"
    );
}

#[test]
fn typos_are_forgiven_by_length_and_rank_below_the_word_itself() {
    let engine = engine_for(
        vec![
            doc(
                "Nutritional neglect",
                "A child who is hungry and not fed enough nutritional food.",
            ),
            doc("Hungary", "A country in Europe."),
            doc("Kids clubs", "Clubs for every kid in the borough."),
        ],
        Synonyms::default(),
    );
    let nutrtion = search(&engine, "nutrtion");
    assert_eq!(urls(&engine, &nutrtion), ["/nutritional-neglect/"]);
    assert_eq!(nutrtion.groups[0].terms[0].word, "nutritional");
    assert_eq!(nutrtion.groups[0].terms[0].how, How::Near);
    let hungrey = search(&engine, "hungrey");
    assert_eq!(urls(&engine, &hungrey)[0], "/nutritional-neglect/");
    let hungary = search(&engine, "hungary");
    assert_eq!(
        urls(&engine, &hungary)[0],
        "/hungary/",
        "an exact word is not corrected"
    );
    assert!(
        search(&engine, "hngy").results.is_empty(),
        "two edits in four letters"
    );
    assert!(
        search(&engine, "fed").groups[0].terms.len() == 1,
        "no typos under four letters"
    );
    let kids = search(&engine, "kid");
    assert_eq!(kids.groups[0].terms[0].how, How::Exact);
    let kid = engine_for(vec![doc("Clubs", "For every kid.")], Synonyms::default());
    assert_eq!(search(&kid, "kids").groups[0].terms[0].how, How::Ending);
}

#[test]
fn an_unfinished_last_word_finds_words_that_start_with_it_but_a_stop_word_never_does() {
    let engine = engine_for(
        vec![
            doc("Toddlers", "Toast and toddler groups, together."),
            doc("Talking to an adult", "Who you can talk to about it."),
        ],
        Synonyms::default(),
    );
    let outcome = typing(&engine, "who can i talk to");
    assert_eq!(outcome.groups.len(), 1, "{:?}", outcome.groups);
    assert_eq!(outcome.groups[0].word, "talk");
    assert_eq!(urls(&engine, &outcome), ["/talking-to-an-adult/"]);
    let toddl = typing(&engine, "my todd");
    assert_eq!(urls(&engine, &toddl), ["/toddlers/"]);
    assert_eq!(toddl.groups[0].terms[0].how, How::Completion);
    assert!(typing(&engine, "the").results.is_empty());
    assert!(
        typing(&engine, "talk ab").groups.len() == 1,
        "two letters are not yet a word"
    );
    assert_eq!(typing(&engine, "tod").groups.len(), 1, "three letters are");
    assert!(
        search(&engine, "tod").results.is_empty(),
        "a finished word under 4 letters is not a start"
    );
}

#[test]
fn synonyms_and_misspellings_bring_in_the_sites_words_at_half_weight() {
    let mut problems = crate::diagnostics::Diagnostics::default();
    let synonyms = Synonyms::parse(
        "synonyms:\n  skint: [money]\n  home alone: [supervision]\nmisspellings:\n  nutrishun: nutrition\n",
        &mut problems,
    );
    let engine = engine_for(
        vec![
            doc("Money advice", "Help with money and debt."),
            doc(
                "Lack of supervision",
                "Children left home alone or without supervision.",
            ),
            doc("Nutritional neglect", "Food."),
        ],
        synonyms,
    );
    let skint = search(&engine, "im skint");
    assert_eq!(urls(&engine, &skint), ["/money-advice/"]);
    assert!(skint.groups[1].synonym && skint.groups[1].terms[0].weight == 0.5);
    let nutrishun = search(&engine, "nutrishun");
    assert_eq!(urls(&engine, &nutrishun), ["/nutritional-neglect/"]);
    assert_eq!(nutrishun.groups[0].word, "nutrition");
    let alone = search(&engine, "left home alone");
    assert_eq!(urls(&engine, &alone)[0], "/lack-of-supervision/");
}

#[test]
fn a_question_about_someone_to_talk_to_puts_the_help_pages_first() {
    let mut docs = vec![
        doc(
            "Talk It Out counselling",
            "Counselling where you can talk about anything.",
        ),
        doc("Childline", "Call free on 0800 1111."),
        doc("Talking to an adult", "How to talk to an adult you trust."),
    ];
    docs[1].url = "/directory/childline/".into();
    let synonyms = Synonyms {
        help: HelpSettings {
            phrases: vec![vec!["talk".into(), "to".into()]],
            pages: vec![
                (
                    "/talking-to-an-adult/".into(),
                    crate::diagnostics::Position::new(1, 1),
                ),
                (
                    "/directory/childline/".into(),
                    crate::diagnostics::Position::new(1, 1),
                ),
            ],
        },
        ..Synonyms::default()
    };
    let engine = engine_for(docs, synonyms);
    let asked = search(&engine, "who can i talk to");
    assert!(asked.help);
    assert_eq!(
        urls(&engine, &asked),
        [
            "/talking-to-an-adult/",
            "/directory/childline/",
            "/talk-it-out-counselling/"
        ],
        "the help pages first (the better match first), then the rest"
    );
    let plain = search(&engine, "talk");
    assert!(!plain.help);
    assert!(
        !urls(&engine, &plain).contains(&"/directory/childline/".to_string()),
        "without the question, only pages with the word"
    );
}

#[test]
fn a_lone_title_match_on_a_common_word_is_damped() {
    let mut docs: Vec<SearchDoc> = (0..30)
        .map(|i| doc(&format!("Page {i}"), "school school"))
        .collect();
    docs.push(doc("School Nursing Service", "Nurses for children."));
    docs.push(doc(
        "Educational neglect",
        "A child who never goes to school, or never gets there on time.",
    ));
    let engine = engine_for(docs, Synonyms::default());
    let outcome = search(&engine, "never goes to school");
    assert_eq!(urls(&engine, &outcome)[0], "/educational-neglect/");
    let school = search(&engine, "school nursing");
    assert_eq!(urls(&engine, &school)[0], "/school-nursing-service/");
}

#[test]
fn a_long_pages_result_links_to_the_section_that_matches() {
    let body = "Reporting a concern means telling someone.\n\nWhich number to call.\n\nCall the front door team.\n\nCan I stay anonymous?.\n\nYes. You do not have to give your name to stay anonymous, anonymous is fine.\n\n";
    let mut page = doc("Report a concern", body);
    let start = |text: &str| {
        body[..body.find(text).unwrap()]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count() as u32
    };
    page.sections = vec![
        DocSection {
            anchor: "which-number-to-call".into(),
            heading: "Which number to call".into(),
            start: start("Which number"),
        },
        DocSection {
            anchor: "can-i-stay-anonymous".into(),
            heading: "Can I stay anonymous?".into(),
            start: start("Can I stay"),
        },
    ];
    let engine = engine_for(
        vec![page, doc("Other", "Nothing here.")],
        Synonyms::default(),
    );
    let anonymous = search(&engine, "anonymous");
    assert_eq!(anonymous.results[0].section, 2);
    assert_eq!(engine.meta(0).unwrap().1[1].0, "can-i-stay-anonymous");
    let concern = search(&engine, "concern");
    assert_eq!(
        concern.results[0].section, 0,
        "the title and the opening, not a section"
    );
}

#[test]
fn filters_keep_the_kinds_and_the_age_asked_for() {
    let mut docs = vec![
        doc("Baby food", "Food for babies."),
        doc("Teen food", "Food for teenagers."),
        doc("Food bank", "Food for all."),
    ];
    docs[0].bands = vec!["0-2".into()];
    docs[1].bands = vec!["12-plus".into()];
    docs[2].kind = "service";
    let engine = engine_for(docs, Synonyms::default());
    let babies = engine
        .search(
            "food",
            &Options {
                limit: 10,
                band: Some("0-2".into()),
                complete: true,
                ..Options::default()
            },
        )
        .unwrap();
    assert_eq!(urls(&engine, &babies).len(), 2);
    assert!(!urls(&engine, &babies).contains(&"/teen-food/".to_string()));
    let services = engine
        .search(
            "food",
            &Options {
                limit: 10,
                kinds: vec!["service".into()],
                complete: true,
                ..Options::default()
            },
        )
        .unwrap();
    assert_eq!(urls(&engine, &services), ["/food-bank/"]);
}

#[test]
fn emoji_punctuation_and_stop_words_alone_find_nothing() {
    let engine = engine_for(vec![doc("Food", "Food.")], Synonyms::default());
    for query in ["🙁", "?!", "the", "to be or not to be", ""] {
        let outcome = search(&engine, query);
        assert!(outcome.results.is_empty() && outcome.total == 0, "{query}");
    }
}

#[test]
fn a_pasted_paragraph_counts_its_first_ten_words() {
    let engine = engine_for(vec![doc("Food", "Food for families.")], Synonyms::default());
    let paragraph = (0..500)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let outcome = search(&engine, &format!("{paragraph} food"));
    assert_eq!(outcome.groups.len(), 10);
    let outcome = search(&engine, &format!("food {paragraph}"));
    assert_eq!(urls(&engine, &outcome), ["/food/"]);
}

#[test]
fn an_index_built_in_parts_exports_the_same_bytes_as_one_built_whole() {
    // Long pages with sections, and words on more pages than a term's head holds: every part
    // of the export (idf, lengths, heads, tails, sections, cards) is compared.
    let docs = || {
        let mut docs = synthetic(300);
        for (i, doc) in docs.iter_mut().enumerate().filter(|(i, _)| i % 3 == 0) {
            doc.sections = (0..4)
                .map(|n| DocSection {
                    anchor: format!("part-{n}"),
                    heading: format!("Part {n} of page {i}"),
                    start: n * 40,
                })
                .collect();
        }
        docs
    };
    let exported = |parts: usize| {
        let language = crate::search::SearchLanguage::english();
        let index = SearchIndex::build_in_parts(docs(), Synonyms::default(), language, parts);
        assert_eq!(index.parts, parts);
        let mut files: Vec<(String, Vec<u8>)> = export::export(&index)
            .files
            .into_iter()
            .map(|file| (file.path.to_string_lossy().into_owned(), file.bytes))
            .collect();
        files.sort();
        files
    };
    let whole = exported(1);
    assert!(whole.iter().any(|(name, _)| name.contains("tail-")));
    for parts in [2, 3, 7] {
        let parted = exported(parts);
        let names =
            |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&parted), names(&whole), "{parts} parts");
        for ((name, bytes), (_, expected)) in parted.iter().zip(&whole) {
            assert!(bytes == expected, "{name} differs in {parts} parts");
        }
    }
}
