//! UK phone numbers: which are real numbers, which are Ofcom's numbers for TV and radio drama
//! (placeholders no phone answers), and the tap-to-call link for each.

/// The number as digits in national form (`+44 1632` becomes `01632`), if it is written with
/// only digits, spaces, hyphens, brackets and a leading +44.
fn national(number: &str) -> Option<String> {
    let compact: String = number
        .replace("(0)", "")
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let national = match compact.strip_prefix("+44") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    national
        .chars()
        .all(|c| c.is_ascii_digit())
        .then_some(national)
}

/// A number someone in the UK can ring: a national number of the right length, a freephone
/// number, or a short emergency or helpline number (999, 112, 111, 101, 105, 116xxx, 118xxx).
pub fn is_uk(number: &str) -> bool {
    let Some(national) = national(number) else {
        return false;
    };
    let len = national.len();
    match national.as_bytes() {
        [b'0', b'8', b'0', b'0' | b'8', ..] => (8..=11).contains(&len),
        [b'0', ..] => (10..=11).contains(&len),
        _ if ["999", "112", "111", "101", "105"].contains(&national.as_str()) => true,
        [b'1', b'1', b'6' | b'8', ..] => len == 6,
        _ => false,
    }
}

/// Ofcom's ranges for TV and radio drama: each prefix followed by three more digits.
const DRAMA_PREFIXES: [&str; 20] = [
    "01134960", "01144960", "01154960", "01164960", "01174960", "01184960", "01214960", "01314960",
    "01414960", "01514960", "01614960", "01914980", "02079460", "02896496", "02920180", "01632960",
    "07700900", "08081570", "09098790", "03069990",
];

/// True for a number in one of Ofcom's drama ranges: fine in an example, never on a live site.
pub fn is_drama(number: &str) -> bool {
    national(number).is_some_and(|national| {
        national.len() == 11 && DRAMA_PREFIXES.iter().any(|p| national.starts_with(p))
    })
}

/// `0800 1111` -> `tel:08001111`; keeps a leading +.
pub fn tel_link(phone: &str) -> String {
    let digits: String = phone
        .replace("(0)", "")
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_numbers_and_mistyped_ones() {
        for good in [
            "0800 1111",
            "0808 800 5000",
            "999",
            "01632 960 123",
            "+44 (0)20 7946 0000",
            "116 123",
        ] {
            assert!(is_uk(good), "{good}");
        }
        for bad in [
            "0808 8OO 5000",
            "99",
            "12345",
            "0800 111 111 111",
            "tel: 0800 1111",
        ] {
            assert!(!is_uk(bad), "{bad}");
        }
    }

    #[test]
    fn drama_numbers_are_recognised_and_real_ones_are_not() {
        for drama in [
            "01632 960 123",
            "020 7946 0999",
            "07700 900 461",
            "0161 496 0000",
        ] {
            assert!(is_drama(drama), "{drama}");
        }
        for real in [
            "0800 1111",
            "0808 800 5000",
            "01632 961 123",
            "020 7946 1000",
            "999",
        ] {
            assert!(!is_drama(real), "{real}");
        }
    }

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(tel_link("0800 1111"), "tel:08001111");
        assert_eq!(tel_link("+44 (0)1632 960 123"), "tel:+441632960123");
    }
}
