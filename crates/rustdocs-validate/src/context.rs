//! What several rules need to know about a document, computed once.

use jiff::civil::Date;
use rustdocs_datetime::{Datetime, Resolution};
use rustdocs_extract::{Entity, EntityValue};

use crate::{Config, Input};

/// One document under validation, with the facts rules share.
pub(crate) struct Context<'a> {
    pub input: &'a Input<'a>,
    pub config: &'a Config,
    /// The event the document is about: its first day-grain date in the body stated with its
    /// own month and day (absolute, or with the year taken from context).
    pub event: Option<Event<'a>>,
}

/// The day (or days) an announcement is about.
#[derive(Clone, Copy)]
pub(crate) struct Event<'a> {
    pub entity: &'a Entity,
    pub first: Date,
    pub last: Date,
}

impl<'a> Context<'a> {
    pub fn new(input: &'a Input<'a>, config: &'a Config) -> Self {
        let event_in = |quoted: bool| {
            input.entities.iter().find_map(|e| {
                let dt = datetime(e)?;
                if e.front_matter_key.is_some() || e.quoted != quoted || dt.invalid.is_some() {
                    return None;
                }
                if !matches!(dt.resolution, Resolution::Absolute | Resolution::Context) {
                    return None;
                }
                let (first, last) = day_range(dt)?;
                Some(Event {
                    entity: e,
                    first,
                    last,
                })
            })
        };
        // Announcements set the time line in a block quote for emphasis (`> 直播时间：…`);
        // quoted dates count only when the page states no other.
        let event = event_in(false).or_else(|| event_in(true));
        Self {
            input,
            config,
            event,
        }
    }
}

/// The datetime value of an entity, if it is one.
pub(crate) fn datetime(e: &Entity) -> Option<&Datetime> {
    match &e.value {
        EntityValue::Datetime(dt) => Some(dt),
        _ => None,
    }
}

/// The calendar day of an ISO prefix of at least day grain (`2023-04-08`, `2023-04-08T14:00`).
pub(crate) fn day_of(iso: &str) -> Option<Date> {
    iso.get(..10)?.parse().ok()
}

/// The hour of an ISO prefix of at least hour grain.
pub(crate) fn hour_of(iso: &str) -> Option<u32> {
    if iso.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    iso.get(11..13)?.parse().ok()
}

/// First and last day of a day-grain datetime; a span's end counts when it is a later day.
pub(crate) fn day_range(dt: &Datetime) -> Option<(Date, Date)> {
    let first = day_of(dt.start.as_deref()?)?;
    let last = dt
        .end
        .as_deref()
        .and_then(day_of)
        .filter(|d| *d >= first)
        .unwrap_or(first);
    Some((first, last))
}

/// English name of a weekday, for messages.
pub(crate) fn weekday_name(w: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday as W;
    match w {
        W::Monday => "Monday",
        W::Tuesday => "Tuesday",
        W::Wednesday => "Wednesday",
        W::Thursday => "Thursday",
        W::Friday => "Friday",
        W::Saturday => "Saturday",
        W::Sunday => "Sunday",
    }
}

/// Reads a weekday as documents write it: `周六`, `星期六`, `礼拜天`, `（周日）`, `Sat.`,
/// `Saturday`. Returns `None` for anything that names no single day.
pub(crate) fn parse_weekday(written: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday as W;
    let s = written.trim_matches(|c: char| c.is_whitespace() || "（）()，,、.".contains(c));
    for prefix in ["星期", "礼拜", "周"] {
        if let Some(pos) = s.find(prefix) {
            let rest = &s[pos + prefix.len()..];
            return match rest.chars().next()? {
                '一' | '1' => Some(W::Monday),
                '二' | '2' => Some(W::Tuesday),
                '三' | '3' => Some(W::Wednesday),
                '四' | '4' => Some(W::Thursday),
                '五' | '5' => Some(W::Friday),
                '六' | '6' => Some(W::Saturday),
                '日' | '天' | '七' | '7' => Some(W::Sunday),
                _ => None,
            };
        }
    }
    let lower = s.to_ascii_lowercase();
    let english = [
        ("mon", W::Monday),
        ("tue", W::Tuesday),
        ("wed", W::Wednesday),
        ("thu", W::Thursday),
        ("fri", W::Friday),
        ("sat", W::Saturday),
        ("sun", W::Sunday),
    ];
    english
        .iter()
        .find(|(p, _)| lower.starts_with(p))
        .map(|&(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Weekday as W;

    #[test]
    fn weekdays_as_written() {
        for (written, expected) in [
            ("周六", Some(W::Saturday)),
            ("（周日）", Some(W::Sunday)),
            ("星期一", Some(W::Monday)),
            ("星期天", Some(W::Sunday)),
            ("礼拜三", Some(W::Wednesday)),
            ("，星期五", Some(W::Friday)),
            ("Sat.", Some(W::Saturday)),
            ("(Thursday)", Some(W::Thursday)),
            ("周末", None),
            ("", None),
            ("tomorrow", None),
        ] {
            assert_eq!(parse_weekday(written), expected, "{written}");
        }
    }

    #[test]
    fn iso_prefixes() {
        assert_eq!(
            day_of("2023-04-08T14:00"),
            Some(jiff::civil::date(2023, 4, 8))
        );
        assert_eq!(day_of("2023-04"), None);
        assert_eq!(day_of("2023-02-30"), None);
        assert_eq!(hour_of("2023-04-08T14:00"), Some(14));
        assert_eq!(hour_of("2023-04-08"), None);
        assert_eq!(hour_of("2023-04-08T"), None);
    }
}
