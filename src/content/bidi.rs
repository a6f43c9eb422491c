//! Numbers in right-to-left text. The Unicode bidirectional algorithm reads the spaces in
//! "0808 800 5000" as right-to-left inside an Arabic sentence, so the groups come out in the
//! wrong order ("5000 800 0808"): a reader would ring the wrong number. On a right-to-left page
//! each number written in groups is marked left-to-right (`<span dir="ltr">`), as the theme's
//! stylesheet already does for phone links.

/// `html` with every number written in groups, outside tags, wrapped to read left to right.
pub fn isolate_numbers(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = rest.find('>').map_or(rest.len(), |i| i + 1);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            Some(tag) => {
                out.push_str(&isolate_in_text(&rest[..tag]));
                rest = &rest[tag..];
            }
            None => {
                out.push_str(&isolate_in_text(rest));
                rest = "";
            }
        }
    }
    out
}

/// Text between tags, with each grouped number wrapped.
fn isolate_in_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit() || c == '+') {
        out.push_str(&rest[..start]);
        let length = grouped_number(&rest[start..]);
        if length == 0 {
            let next = rest[start..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[start..start + next]);
            rest = &rest[start + next..];
            continue;
        }
        out.push_str("<span dir=\"ltr\">");
        out.push_str(&rest[start..start + length]);
        out.push_str("</span>");
        rest = &rest[start + length..];
    }
    out.push_str(rest);
    out
}

/// The length of the number in groups at the start of `text` ("0808 800 5000", "+44 20 7946
/// 0000"), or 0 when it is not one: a single group reads the same either way.
fn grouped_number(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = 0;
    let mut groups = 0;
    let mut at = usize::from(bytes.first() == Some(&b'+'));
    while at < bytes.len() && bytes[at].is_ascii_digit() {
        let group_start = at;
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        if at == group_start {
            break;
        }
        groups += 1;
        end = at;
        if at + 1 < bytes.len()
            && matches!(bytes[at], b' ' | b'-')
            && bytes[at + 1].is_ascii_digit()
        {
            at += 1;
        } else {
            break;
        }
    }
    if groups >= 2 { end } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_groups_read_left_to_right_and_the_rest_is_untouched() {
        assert_eq!(
            isolate_numbers("<p>اتصل على 0808 800 5000 أو 999.</p>"),
            "<p>اتصل على <span dir=\"ltr\">0808 800 5000</span> أو 999.</p>"
        );
        assert_eq!(
            isolate_numbers("<a href=\"tel:+442079460000\">+44 20 7946 0000</a>"),
            "<a href=\"tel:+442079460000\"><span dir=\"ltr\">+44 20 7946 0000</span></a>"
        );
        assert_eq!(
            isolate_numbers("<td>12</td> 2025-06-12"),
            "<td>12</td> <span dir=\"ltr\">2025-06-12</span>"
        );
        assert_eq!(isolate_numbers("5 to 11, +x"), "5 to 11, +x");
    }
}
