//! tantivy's stemmer, remembering each word's stem. A site uses a few thousand words many times
//! over: at 10,000 pages, stemming every one of their ten million words again was a sixth of
//! the time the search index took.

use foldhash::{HashMap, HashMapExt};
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// A token filter giving each word the stem tantivy's [`Stemmer`] gives it.
#[derive(Clone)]
pub struct RememberingStemmer {
    language: Language,
}

impl RememberingStemmer {
    pub fn new(language: Language) -> RememberingStemmer {
        RememberingStemmer { language }
    }
}

impl TokenFilter for RememberingStemmer {
    type Tokenizer<T: Tokenizer> = RememberingStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RememberingStemmerFilter<T> {
        RememberingStemmerFilter {
            inner: tokenizer,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.language))
                .build(),
            stems: HashMap::new(),
        }
    }
}

/// Each copy of an analyser (one per indexing thread) remembers the stems it has worked out.
#[derive(Clone)]
pub struct RememberingStemmerFilter<T> {
    inner: T,
    /// Stems one word at a time: the whole text is the one token.
    stemmer: TextAnalyzer,
    stems: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for RememberingStemmerFilter<T> {
    type TokenStream<'a> = RememberingStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RememberingStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            stems: &mut self.stems,
        }
    }
}

pub struct RememberingStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut TextAnalyzer,
    stems: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for RememberingStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stem = match self.stems.get(&token.text) {
            Some(stem) => stem,
            None => {
                let stem = stem_of(self.stemmer, &token.text);
                self.stems.entry(token.text.clone()).or_insert(stem)
            }
        };
        token.text.clear();
        token.text.push_str(stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

fn stem_of(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = stemmer.token_stream(word);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::SimpleTokenizer;

    use super::*;

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        terms
    }

    #[test]
    fn words_get_the_stems_tantivy_gives_them_the_second_time_too() {
        for language in [Language::English, Language::Arabic, Language::Russian] {
            let text = "worrying hungry families visited visits neglected مدرسة в школах worrying";
            let mut tantivy = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(Stemmer::new(language))
                .build();
            let mut remembering = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RememberingStemmer::new(language))
                .build();
            let expected = terms(&mut tantivy, text);
            assert_eq!(terms(&mut remembering, text), expected);
            assert_eq!(terms(&mut remembering, text), expected, "from memory");
        }
    }
}
