//! Numbers as comms staff write them in a figure (`1,234`, `12.5`, `29%`) and as the site shows
//! them (thousands separated, as many decimals as the figure was written with).

/// What is wrong with a cell that should hold a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    Negative,
    /// A `%` sign on a figure whose unit is not per cent.
    PercentSign,
}

/// A number read from a cell, and how many decimals it was written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Written {
    pub value: f64,
    pub decimals: usize,
}

/// Reads `1234`, `1,234`, `12.5` (and `29%` when `percent`). Counts and shares are never
/// negative, so a minus sign is an error of its own.
pub fn parse(text: &str, percent: bool) -> Result<Written, NumberError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let text = match text.strip_suffix('%') {
        Some(rest) if percent => rest.trim_end(),
        Some(_) => return Err(NumberError::PercentSign),
        None => text,
    };
    if let Some(rest) = text.strip_prefix('-') {
        return match parse(rest, percent) {
            Ok(_) => Err(NumberError::Negative),
            Err(error) => Err(error),
        };
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let digits = whole_digits(whole).ok_or(NumberError::NotANumber)?;
    let fraction = fraction.unwrap_or("");
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || (text.ends_with('.')) {
        return Err(NumberError::NotANumber);
    }
    let value: f64 = format!("{digits}.{fraction}0")
        .parse()
        .map_err(|_| NumberError::NotANumber)?;
    Ok(Written {
        value,
        decimals: fraction.len(),
    })
}

/// The digits of the part before the point: plain (`1234`) or grouped in threes (`1,234`).
fn whole_digits(whole: &str) -> Option<String> {
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if !whole.contains(',') {
        return Some(whole.to_string());
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| groups.concat())
}

/// `1234.5` with 1 decimal -> `1,234.5`; with 0 -> `1,235` (halves round away from zero).
pub fn format(value: f64, decimals: usize) -> String {
    let fixed = format!("{:.*}", decimals, round(value, decimals));
    let (whole, fraction) = match fixed.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (fixed.as_str(), None),
    };
    let (sign, digits) = match whole.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", whole),
    };
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Rounds half away from zero at `decimals` places, immune to binary representation
/// (32.65 stays 32.65 rather than 32.649999…).
pub fn round(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let scaled = value * scale;
    // Nudge by a relative epsilon so 2.5 written as 2.4999999999 still rounds up.
    let nudged = scaled + scaled.signum() * scaled.abs().max(1.0) * 1e-12;
    nudged.round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> f64 {
        parse(text, true).unwrap().value
    }

    #[test]
    fn reads_plain_grouped_decimal_and_percent_numbers() {
        assert_eq!(value("73"), 73.0);
        assert_eq!(value(" 1,234 "), 1234.0);
        assert_eq!(value("1,234,567.25"), 1_234_567.25);
        assert_eq!(value("29%"), 29.0);
        assert_eq!(parse("12.50", false).unwrap().decimals, 2);
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "12a", "1,23", "12,3456", "1.2.3", "£5", "5.", ".5", "1 000", "n/a",
        ] {
            assert_eq!(parse(text, false), Err(NumberError::NotANumber), "{text}");
        }
        assert_eq!(parse("", false), Err(NumberError::Empty));
        assert_eq!(parse("-3", false), Err(NumberError::Negative));
        assert_eq!(parse("29%", false), Err(NumberError::PercentSign));
    }

    #[test]
    fn formats_with_separators_and_rounds_halves_away_from_zero() {
        assert_eq!(format(1234.0, 0), "1,234");
        assert_eq!(format(1_234_567.0, 0), "1,234,567");
        assert_eq!(format(999.0, 0), "999");
        assert_eq!(format(12.5, 1), "12.5");
        assert_eq!(format(2.5, 0), "3");
        assert_eq!(format(0.125, 2), "0.13");
        assert_eq!(format(32.65, 1), "32.7");
        assert_eq!(format(-1234.5, 0), "-1,235");
    }
}
