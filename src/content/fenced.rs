//! Fenced blocks that Markdown renders as something other than code: a ```figure block
//! becomes a chart (the figures module renders those). Whoever renders them says which blocks they claim.

use super::markdown::Problem;

pub trait FencedBlocks {
    /// Whether this module renders fenced blocks with this info string.
    fn claims(&self, info: &str) -> bool;
    /// The block's HTML and its words (for search); or a problem, its offset within `text`.
    fn render(&self, info: &str, text: &str) -> Result<(String, String), Problem>;
}

/// No fenced block is special (a voice's words, say).
pub struct NoBlocks;

impl FencedBlocks for NoBlocks {
    fn claims(&self, _: &str) -> bool {
        false
    }

    fn render(&self, _: &str, _: &str) -> Result<(String, String), Problem> {
        unreachable!("NoBlocks claims nothing")
    }
}

/// A claimed block being read: its text, and where each line of it is in the page's body.
pub struct OpenBlock {
    info: String,
    start: usize,
    text: String,
    /// (offset in `text`, offset in the body) of each line.
    lines: Vec<(usize, usize)>,
}

impl OpenBlock {
    pub fn new(info: &str, start: usize) -> OpenBlock {
        OpenBlock {
            info: info.to_string(),
            start,
            text: String::new(),
            lines: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str, offset_in_body: usize) {
        self.lines.push((self.text.len(), offset_in_body));
        self.text.push_str(text);
    }

    /// The block's HTML and words, or an empty block and its problem, moved to where the
    /// problem is written in the body.
    pub fn close(self, blocks: &dyn FencedBlocks) -> (String, String, Option<Problem>) {
        match blocks.render(&self.info, &self.text) {
            Ok((html, words)) => (html, format!("{words}\n\n"), None),
            Err(mut problem) => {
                problem.offset = match self.lines.iter().rfind(|(at, _)| *at <= problem.offset) {
                    Some((at, in_body)) => in_body + (problem.offset - at),
                    None => self.start,
                };
                (String::new(), String::new(), Some(problem))
            }
        }
    }
}
