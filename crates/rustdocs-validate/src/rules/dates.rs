//! Rules about dates and times: do they exist, agree with their weekday and part of day, with
//! the title, and with the countdown.

use jiff::ToSpan;
use jiff::civil::Date;
use rustdocs_datetime::{PartOfDay, Resolution};
use rustdocs_extract::{EntityKind, ReferenceSource};

use super::{
    COUNTDOWN_MISMATCH, EVENT_AFTER_PAGE_DATE, INVALID_DATE, MISSING_EVENT_TIME,
    PART_OF_DAY_MISMATCH, TITLE_DATE_MISMATCH, WEEKDAY_MISMATCH, diagnostic,
};
use crate::context::{Context, datetime, day_of, day_range, hour_of, parse_weekday, weekday_name};
use crate::{Diagnostic, Related};

/// Front-matter keys whose values are titles.
const TITLE_KEYS: [&str; 3] = ["title", "label", "subtitle"];

pub(crate) fn invalid_date(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for e in ctx.input.entities {
        let Some(reason) = datetime(e).and_then(|dt| dt.invalid.as_deref()) else {
            continue;
        };
        let mut d = diagnostic(
            &INVALID_DATE,
            e.span,
            format!("`{}` is not a real date or time: {reason}", e.text),
        );
        d.label = Some(reason.to_owned());
        out.push(d);
    }
}

pub(crate) fn weekday_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for e in ctx.input.entities {
        let Some(dt) = datetime(e) else { continue };
        if dt.invalid.is_some() {
            continue;
        }
        let (Some(written), Some(day)) =
            (dt.weekday.as_deref(), dt.start.as_deref().and_then(day_of))
        else {
            continue;
        };
        let Some(stated) = parse_weekday(written) else {
            continue;
        };
        let actual = day.weekday();
        if stated == actual {
            continue;
        }
        let inferred = if dt.resolution == Resolution::Absolute {
            ""
        } else {
            " (year taken from the context)"
        };
        let mut d = diagnostic(
            &WEEKDAY_MISMATCH,
            e.span,
            format!(
                "{day}{inferred} is a {}, but the text says {written}",
                weekday_name(actual)
            ),
        );
        d.label = Some(format!("{day} is a {}", weekday_name(actual)));
        out.push(d);
    }
}

/// Whether `hour` (0–23, after twelve-hour readings) cannot belong to `part`.
fn part_contradicts(part: PartOfDay, hour: u32) -> bool {
    match part {
        PartOfDay::Morning => hour >= 13,
        PartOfDay::Noon => !(10..=15).contains(&hour),
        PartOfDay::Afternoon => hour < 12,
        PartOfDay::Evening => (6..=15).contains(&hour),
        PartOfDay::Night => (10..=18).contains(&hour),
    }
}

fn part_name(part: PartOfDay) -> &'static str {
    match part {
        PartOfDay::Morning => "morning",
        PartOfDay::Noon => "noon",
        PartOfDay::Afternoon => "afternoon",
        PartOfDay::Evening => "evening",
        PartOfDay::Night => "night",
    }
}

pub(crate) fn part_of_day_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for e in ctx.input.entities {
        let Some(dt) = datetime(e) else { continue };
        let (Some(part), Some(start)) = (dt.part_of_day, dt.start.as_deref()) else {
            continue;
        };
        if dt.invalid.is_some() {
            continue;
        }
        let Some(hour) = hour_of(start) else { continue };
        if !part_contradicts(part, hour) {
            continue;
        }
        let clock = start.get(11..16).unwrap_or_default();
        let mut d = diagnostic(
            &PART_OF_DAY_MISMATCH,
            e.span,
            format!(
                "`{}` says {}, but {clock} is not in the {}",
                e.text,
                part_name(part),
                part_name(part)
            ),
        );
        d.label = Some(format!("{} with {clock}", part_name(part)));
        out.push(d);
    }
}

pub(crate) fn title_date_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(event) = ctx.event else { return };
    for e in ctx.input.entities {
        let Some(key) = e.front_matter_key.as_deref() else {
            continue;
        };
        if !TITLE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            continue;
        }
        let Some(dt) = datetime(e) else { continue };
        if dt.invalid.is_some() {
            continue;
        }
        let Some((first, last)) = day_range(dt) else {
            continue;
        };
        let consistent = if dt.resolution == Resolution::Absolute {
            first <= event.last && event.first <= last
        } else {
            // A title without a year (4.8) is about month and day; the resolved year is a guess.
            let md = |d: Date| (d.month(), d.day());
            (md(event.first)..=md(event.last)).contains(&md(first))
                || (md(first)..=md(last)).contains(&md(event.first))
        };
        if consistent {
            continue;
        }
        let shown = if dt.resolution == Resolution::Absolute {
            first.to_string()
        } else {
            format!("{:02}-{:02}", first.month(), first.day())
        };
        let mut d = diagnostic(
            &TITLE_DATE_MISMATCH,
            e.span,
            format!(
                "the front-matter `{key}` says `{}` ({shown}), but the event in the body is on {}",
                e.text,
                describe_days(event.first, event.last)
            ),
        );
        d.label = Some(format!("{shown} in the {key}"));
        d.related.push(Related {
            span: event.entity.span,
            message: format!("the event date, {}", describe_days(event.first, event.last)),
        });
        out.push(d);
    }
}

fn describe_days(first: Date, last: Date) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    }
}

pub(crate) fn countdown_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(reference), Some(event)) = (ctx.input.reference, ctx.event) else {
        return;
    };
    let origin = match reference.source {
        // A countdown cannot check itself; a date the text states is rarely known to the day.
        ReferenceSource::Countdown | ReferenceSource::Stated => return,
        ReferenceSource::Caller => "the reference date given",
        ReferenceSource::FrontMatter => "the front-matter date",
        ReferenceSource::Path => "the date in the file's path",
    };
    // Counting down to an event already past means the page is a recap with an old label.
    if event.first < reference.date {
        return;
    }
    for &(span, days) in ctx.input.countdowns {
        let Ok(target) = reference.date.checked_add(i64::from(days).days()) else {
            continue;
        };
        if target == event.first {
            continue;
        }
        let text = span.slice(ctx.input.source);
        let expected = reference.date.until(event.first).ok().map(|s| s.get_days());
        let hint = expected
            .map(|n| format!("; it should say 倒计时{n}天"))
            .unwrap_or_default();
        let mut d = diagnostic(
            &COUNTDOWN_MISMATCH,
            span,
            format!(
                "`{text}` from {} ({origin}) ends on {target}, but the event is on {}{hint}",
                reference.date, event.first
            ),
        );
        d.label = Some(format!("ends on {target}"));
        d.related.push(Related {
            span: event.entity.span,
            message: format!("the event date, {}", event.first),
        });
        out.push(d);
    }
}

pub(crate) fn missing_event_time(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut venues = ctx
        .input
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Venue && !e.quoted);
    let Some(first_venue) = venues.next() else {
        return;
    };
    let states_day = ctx.input.entities.iter().filter_map(datetime).any(|dt| {
        dt.weekday.is_some()
            || dt.start.as_deref().and_then(day_of).is_some()
            || dt.invalid.is_some()
    });
    if states_day {
        return;
    }
    let mut d = diagnostic(
        &MISSING_EVENT_TIME,
        first_venue.span,
        format!(
            "this page announces a venue (`{}`) but states no day for the event",
            first_venue.text
        ),
    );
    d.label = Some("venue without a date".to_owned());
    out.push(d);
}

/// Announcements go out weeks, at most months, ahead; beyond this many days the page date or
/// the event year is wrong.
const MAX_LEAD_DAYS: i32 = 300;

pub(crate) fn event_after_page_date(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(reference), Some(event)) = (ctx.input.reference, ctx.event) else {
        return;
    };
    let origin = match reference.source {
        ReferenceSource::FrontMatter => "its front-matter date",
        ReferenceSource::Path => "the date in its path",
        ReferenceSource::Caller | ReferenceSource::Countdown | ReferenceSource::Stated => return,
    };
    if !ctx
        .input
        .entities
        .iter()
        .any(|e| e.kind == EntityKind::Venue)
    {
        return;
    }
    let Ok(lead) = reference.date.until(event.first) else {
        return;
    };
    let days = lead.get_days();
    if days <= MAX_LEAD_DAYS {
        return;
    }
    let dt = datetime(event.entity);
    let weekday_fits = dt
        .and_then(|dt| dt.weekday.as_deref())
        .and_then(parse_weekday)
        .is_some_and(|w| w == event.first.weekday());
    let verdict = if weekday_fits {
        format!(
            "; the weekday written fits {}, so the page date is probably the wrong one",
            event.first
        )
    } else {
        String::new()
    };
    let mut d = diagnostic(
        &EVENT_AFTER_PAGE_DATE,
        event.entity.span,
        format!(
            "the page is dated {} ({origin}), but the event it announces is on {}, {days} days later{verdict}",
            reference.date, event.first
        ),
    );
    d.label = Some(format!("{days} days after {}", reference.date));
    if reference.source == ReferenceSource::FrontMatter
        && let Some(entry) = ctx.input.front_matter.and_then(|fm| {
            fm.entries
                .iter()
                .find(|e| ["date", "pub_date", "pubDate", "publishDate"].contains(&e.key.as_str()))
        })
    {
        d.related.push(Related {
            span: entry.value_span,
            message: format!("the page date, {}", reference.date),
        });
    }
    out.push(d);
}
