//! Choosing the reference date: the caller's, else the front matter's, else the path's.
//!
//! A countdown in the text is the last resort and is inferred by `rustdocs-extract`, which
//! sees the event date. The machine's clock is never consulted, so output is reproducible.

use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use rustdocs_extract::{Reference, ReferenceSource};
use rustdocs_frontmatter::FrontMatter;

use crate::Options;

/// Front-matter keys that state when a page was written, most specific first.
const DATE_KEYS: [&str; 7] = [
    "date",
    "pub_date",
    "pubDate",
    "publishDate",
    "published",
    "publish_date",
    "created",
];

/// Timestamps with an offset are read as China Standard Time: the pages are Chinese, and a
/// Hugo `2019-05-21T11:20:00.000Z` was written on the 21st in Beijing, not on the UTC day.
const CHINA_OFFSET_HOURS: i8 = 8;

pub(crate) fn determine(
    options: &Options,
    front_matter: Option<&FrontMatter>,
) -> Option<Reference> {
    // The caller's date wins; a content repository's `rustdocs.toml` may fix one for all pages.
    let configured = options
        .config
        .as_deref()
        .and_then(rustdocs_validate::Config::reference_date);
    if let Some(date) = options.reference_date.or(configured) {
        return Some(Reference::day(date, ReferenceSource::Caller));
    }
    let from_front_matter = front_matter.and_then(|fm| {
        DATE_KEYS.iter().find_map(|key| {
            fm.data
                .get(*key)
                .and_then(|v| v.as_str())
                .and_then(parse_metadata_date)
        })
    });
    if let Some(date) = from_front_matter {
        return Some(Reference::day(date, ReferenceSource::FrontMatter));
    }
    options
        .path
        .as_deref()
        .and_then(date_in_path)
        .map(|date| Reference::day(date, ReferenceSource::Path))
}

/// Reads `2019-12-07`, `2019-03-11T12:10:00+08:00`, `2019-05-21T11:20:00.000Z` and RFC 2822
/// (`Thu, 30 Apr 2021 18:00:00 GMT`).
pub(crate) fn parse_metadata_date(value: &str) -> Option<Date> {
    let value = value.trim();
    let china = TimeZone::fixed(Offset::constant(CHINA_OFFSET_HOURS));
    if let Ok(ts) = value.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned_datetime(china).date());
    }
    // RFC 2822 as feeds write it; pages in the wild carry wrong weekdays ("Thu, 30 Apr 2021"
    // was a Friday), which jiff rightly rejects, so the date is read again without the weekday.
    let without_weekday = value.split_once(", ").map_or(value, |(_, rest)| rest);
    for candidate in [value, without_weekday] {
        if let Ok(zoned) = jiff::fmt::rfc2822::parse(candidate) {
            return Some(zoned.timestamp().to_zoned_datetime(china).date());
        }
    }
    if let Ok(dt) = value.parse::<jiff::civil::DateTime>() {
        return Some(dt.date());
    }
    value.get(..10).and_then(|s| s.parse().ok())
}

/// The last `YYYY-MM-DD` in a path that is a real date, e.g. `events/2023-04-05-Meetup/index.md`.
pub(crate) fn date_in_path(path: &str) -> Option<Date> {
    let bytes = path.as_bytes();
    let mut found = None;
    for start in 0..bytes.len().saturating_sub(9) {
        let window = &bytes[start..start + 10];
        let shape = window.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        let bounded = (start == 0 || !bytes[start - 1].is_ascii_digit())
            && bytes.get(start + 10).is_none_or(|b| !b.is_ascii_digit());
        if shape && bounded {
            let text = std::str::from_utf8(window).ok()?;
            if let Ok(date) = text.parse::<Date>() {
                found = Some(date);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn metadata_dates_in_the_forms_sites_use() {
        assert_eq!(parse_metadata_date("2019-12-07"), Some(d("2019-12-07")));
        assert_eq!(
            parse_metadata_date("2019-03-11T12:10:00+08:00"),
            Some(d("2019-03-11"))
        );
        assert_eq!(
            parse_metadata_date("2019-05-21T11:20:00.000Z"),
            Some(d("2019-05-21"))
        );
        // 18:00 UTC is already the next day in Beijing.
        assert_eq!(
            parse_metadata_date("Thu, 30 Apr 2021 18:00:00 GMT"),
            Some(d("2021-05-01"))
        );
        assert_eq!(
            parse_metadata_date("2022-05-14 15:00"),
            Some(d("2022-05-14"))
        );
        assert_eq!(parse_metadata_date("next week"), None);
        assert_eq!(parse_metadata_date("2023-02-30"), None);
    }

    #[test]
    fn path_dates() {
        assert_eq!(
            date_in_path("events/2023-04-05-Beijing-Rust-Meetup/index.md"),
            Some(d("2023-04-05"))
        );
        assert_eq!(
            date_in_path("a/2022-08-11/_index.md"),
            Some(d("2022-08-11"))
        );
        assert_eq!(date_in_path("seeds/000_22672fd967c890d3.md"), None);
        assert_eq!(date_in_path("x/12023-04-05/y"), None);
        assert_eq!(date_in_path("x/2023-13-05/y"), None);
    }
}
