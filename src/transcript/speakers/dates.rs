//! Dates of a transcript: an ISO date in metadata or a file name, or an
//! English prose date in the preamble.

/// The first `YYYY-MM-DD` in a string.
pub fn find_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let ok = w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..10].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 10 == b.len() || !b[i + 10].is_ascii_digit());
        ok.then(|| s[i..i + 10].to_string())
    })
}

/// The first English prose date (`October 16, 2020` or `16 October 2020`)
/// in a string, as `YYYY-MM-DD`.
pub fn find_prose_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let year = |w: &str| {
        w.parse::<u32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y) && w.len() == 4)
    };
    for i in 0..words.len() {
        let Some(m) = MONTHS.iter().position(|m| *m == words[i]) else {
            continue;
        };
        let next = |k: usize| words.get(i + k).map(String::as_str).unwrap_or("");
        let prev = if i > 0 { words[i - 1].as_str() } else { "" };
        let found = match (day(next(1)), year(next(2)), day(prev), year(next(1))) {
            (Some(d), Some(y), _, _) => Some((y, d)),
            (_, _, Some(d), Some(y)) => Some((y, d)),
            _ => None,
        };
        if let Some((y, d)) = found {
            return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
        }
    }
    None
}
