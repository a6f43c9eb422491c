//! The indentation templates leave in the HTML they render, taken out: every line break with
//! the white space around it becomes one line break, which a browser lays out as it laid out
//! the run it stands for. On a phone's connection it is bytes for nothing: about 600 of a
//! directory page's 14,000. Inside `<pre>` and `<textarea>`, where white space is shown as
//! written, nothing changes.

/// Elements whose white space is shown as written.
const PRESERVED: [&[u8]; 2] = [b"pre", b"textarea"];

/// `html` with each run of white space that holds a line break made a single line break.
pub fn collapse_indentation(html: String) -> String {
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut from = 0;
    for (start, end) in preserved(bytes) {
        collapse_into(&mut out, &bytes[from..start]);
        out.extend_from_slice(&bytes[start..end]);
        from = end;
    }
    collapse_into(&mut out, &bytes[from..]);
    // Only ASCII white space was taken out, between whole characters.
    String::from_utf8(out).expect("still UTF-8")
}

/// `text` onto `out`, each line break with the white space around it made one line break.
fn collapse_into(out: &mut Vec<u8>, text: &[u8]) {
    let mut from = 0;
    for line_break in memchr::memchr_iter(b'\n', text) {
        if line_break < from {
            continue;
        }
        let line = &text[from..line_break];
        let kept = line.len() - line.iter().rev().take_while(|b| is_space(**b)).count();
        out.extend_from_slice(&line[..kept]);
        out.push(b'\n');
        let after = &text[line_break..];
        from = line_break + after.iter().take_while(|b| is_space(**b)).count();
    }
    out.extend_from_slice(&text[from.min(text.len())..]);
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// Where each element whose white space is shown as written starts and ends (its closing tag
/// included; the end of the page if it is never closed), in order.
fn preserved(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    let mut after = 0;
    for start in memchr::memchr_iter(b'<', bytes) {
        if start < after {
            continue;
        }
        if let Some(name) = preserved_name(&bytes[start + 1..]) {
            let closing = [b"</".as_slice(), name].concat();
            let end = bytes[start..]
                .windows(closing.len())
                .position(|window| window.eq_ignore_ascii_case(&closing))
                .map_or(bytes.len(), |at| start + at + closing.len());
            regions.push((start, end));
            after = end;
        }
    }
    regions
}

/// The element name `tag` (what follows a `<`) starts with, if its white space is kept.
fn preserved_name(tag: &[u8]) -> Option<&'static [u8]> {
    PRESERVED.into_iter().find(|name| {
        tag.len() > name.len()
            && tag[..name.len()].eq_ignore_ascii_case(name)
            && matches!(tag[name.len()], b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
    })
}

#[cfg(test)]
mod tests {
    use super::collapse_indentation;

    #[test]
    fn indentation_and_blank_lines_become_one_line_break() {
        let html = "<ul>\n    <li>One</li>\n\n    \n  <li>Two</li>\n</ul>\n";
        assert_eq!(
            collapse_indentation(html.into()),
            "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n"
        );
    }

    #[test]
    fn spaces_within_a_line_are_kept() {
        let html = "<p>Call  us   <b>now</b></p>\n";
        assert_eq!(collapse_indentation(html.into()), html);
    }

    #[test]
    fn preformatted_text_and_text_areas_keep_their_white_space() {
        let html = "<div>\n  <pre><code>fn main() {\n    go();\n}\n</code></pre>\n  <TEXTAREA>\n  a\n\n  b</TEXTAREA>\n  <p>x</p></div>";
        assert_eq!(
            collapse_indentation(html.into()),
            "<div>\n<pre><code>fn main() {\n    go();\n}\n</code></pre>\n<TEXTAREA>\n  a\n\n  b</TEXTAREA>\n<p>x</p></div>"
        );
    }

    #[test]
    fn an_element_whose_name_only_starts_like_pre_is_not_preformatted() {
        let html = "<prefix>\n  a</prefix>";
        assert_eq!(collapse_indentation(html.into()), "<prefix>\na</prefix>");
    }

    #[test]
    fn an_unclosed_pre_keeps_the_rest_as_written() {
        let html = "<p>\n  a</p><pre>\n  b\n\n  c";
        assert_eq!(
            collapse_indentation(html.into()),
            "<p>\na</p><pre>\n  b\n\n  c"
        );
    }
}
