//! Rules about release statements: version order against date order, and releases reported
//! before they happened.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rustdocs_extract::{Entity, EntityValue, Precision};
use rustdocs_loc::Release;

use super::{FUTURE_RELEASE, RELEASE_ORDER, diagnostic};
use crate::context::Context;
use crate::{Diagnostic, Related};

/// Words that tell a release as done.
const PAST: [&str; 14] = [
    "发布了",
    "已发布",
    "已经发布",
    "已正式发布",
    "正式发布了",
    "发布于",
    "已于",
    "推出了",
    "已推出",
    "上线了",
    "已上线",
    "刚发布",
    "刚刚发布",
    "released",
];

/// Words that tell a release as planned or expected; they outweigh any past marker.
const FUTURE: [&str; 11] = [
    "将", "计划", "预计", "即将", "准备", "打算", "有望", "预期", "未来", "will ", "plan",
];

/// Sentence ends: a release statement's tense is read within its sentence.
const SENTENCE_ENDS: [char; 7] = ['。', '！', '？', '；', '\n', '!', '?'];

/// How far around a release its sentence is searched, in bytes, to keep the scan linear.
const SENTENCE_REACH: usize = 300;

/// A dated, versioned release: the entity, its date and its version key.
type Dated<'a> = (&'a Entity, &'a str, &'a [u64]);

fn release(e: &Entity) -> Option<&Release> {
    match &e.value {
        EntityValue::Release(r) => Some(r),
        _ => None,
    }
}

/// Orders two ISO prefixes at the coarser grain; `None` when that grain cannot tell them apart.
fn compare_dates(a: &str, b: &str) -> Option<Ordering> {
    let n = a.len().min(b.len());
    let ord = a.get(..n)?.cmp(b.get(..n)?);
    (ord != Ordering::Equal).then_some(ord)
}

pub(crate) fn release_order(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut by_subject: BTreeMap<String, Vec<Dated>> = BTreeMap::new();
    for e in ctx.input.entities {
        let Some(r) = release(e) else { continue };
        let (Some(subject), Some(date), Some(key)) = (
            r.subject.as_deref(),
            r.date.as_deref(),
            r.version_key.as_deref(),
        ) else {
            continue;
        };
        if e.quoted || key.is_empty() {
            continue;
        }
        by_subject
            .entry(subject.to_lowercase())
            .or_default()
            .push((e, date, key));
    }
    for releases in by_subject.values_mut() {
        releases.sort_by(|a, b| a.2.cmp(b.2).then(a.0.span.start.cmp(&b.0.span.start)));
        // Walk in version order, remembering the latest-dated release of a strictly lower
        // version: a higher version dated before it is out of order.
        let mut latest_lower: Option<(&Entity, &str)> = None;
        let mut pending: Option<(&Entity, &str)> = None;
        let mut group_key: Option<&[u64]> = None;
        for &(e, date, key) in releases.iter() {
            if group_key != Some(key) {
                // Releases of the previous version become "lower" only once we pass them.
                if let Some(p) = pending.take() {
                    latest_lower = Some(later(latest_lower, p));
                }
                group_key = Some(key);
            }
            if let Some((lower, lower_date)) = latest_lower
                && compare_dates(date, lower_date) == Some(Ordering::Less)
            {
                let (this_v, lower_v) = (version(e), version(lower));
                let subject = release(e)
                    .and_then(|r| r.subject.clone())
                    .unwrap_or_default();
                let mut d = diagnostic(
                    &RELEASE_ORDER,
                    e.span,
                    format!(
                        "{subject} {this_v} is dated {date}, before {subject} {lower_v} ({lower_date}), although it is the higher version"
                    ),
                );
                d.label = Some(format!("{this_v} dated {date}"));
                d.related.push(Related {
                    span: lower.span,
                    message: format!("{lower_v} is dated {lower_date}"),
                });
                out.push(d);
            }
            pending = Some(later(pending, (e, date)));
        }
    }
}

/// The later-dated of a remembered release (if any) and another; ties keep the remembered one.
fn later<'a>(a: Option<(&'a Entity, &'a str)>, b: (&'a Entity, &'a str)) -> (&'a Entity, &'a str) {
    match a {
        Some(x) if compare_dates(x.1, b.1) != Some(Ordering::Less) => x,
        _ => b,
    }
}

fn version(e: &Entity) -> String {
    release(e)
        .and_then(|r| r.version.clone())
        .unwrap_or_else(|| "the first release".to_owned())
}

/// The sentence around `start..end`, bounded by [`SENTENCE_REACH`] on each side.
fn sentence(source: &str, start: usize, end: usize) -> &str {
    let lo = rustdocs_span::floor_char_boundary(source, start.saturating_sub(SENTENCE_REACH));
    let hi = rustdocs_span::floor_char_boundary(source, (end + SENTENCE_REACH).min(source.len()));
    let start = rustdocs_span::floor_char_boundary(source, start.min(source.len()));
    let end = rustdocs_span::floor_char_boundary(source, end.min(source.len())).max(start);
    let before = &source[lo..start];
    let from = before.rfind(SENTENCE_ENDS).map_or(lo, |i| {
        lo + i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let after = &source[end..hi.max(end)];
    let to = after.find(SENTENCE_ENDS).map_or(hi.max(end), |i| end + i);
    &source[from..to]
}

/// Whether the sentence tells the release as having happened.
fn told_as_done(sentence: &str, current: bool) -> bool {
    let lower = sentence.to_lowercase();
    if FUTURE.iter().any(|w| lower.contains(w)) {
        return false;
    }
    if current || PAST.iter().any(|w| lower.contains(w)) {
        return true;
    }
    // 发布 … 了 in the same sentence: `发布 0.1.0 版本了`.
    lower
        .find("发布")
        .is_some_and(|i| lower[i..].contains('了'))
}

pub(crate) fn future_release(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(reference) = ctx.input.reference else {
        return;
    };
    // A reference stated to the month (`截止到今天（2022.12 月）`) is compared as that month:
    // a release on 2022-12-11 is not after it.
    let full = reference.date.to_string();
    let reference_iso = match reference.precision {
        Precision::Year => full[..4].to_owned(),
        Precision::Month => full[..7].to_owned(),
        Precision::Day => full,
    };
    for e in ctx.input.entities {
        let Some(r) = release(e) else { continue };
        let Some(date) = r.date.as_deref() else {
            continue;
        };
        if e.quoted || compare_dates(date, &reference_iso) != Some(Ordering::Greater) {
            continue;
        }
        if !told_as_done(
            sentence(ctx.input.source, e.span.start, e.span.end),
            r.current,
        ) {
            continue;
        }
        let subject = r.subject.as_deref().unwrap_or("the project");
        let mut d = diagnostic(
            &FUTURE_RELEASE,
            e.span,
            format!(
                "{subject} {} is told as released on {date}, after the page's date {reference_iso}",
                version(e)
            ),
        );
        d.label = Some(format!("{date} is after {reference_iso}"));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_compare_at_the_coarser_grain() {
        assert_eq!(compare_dates("2020", "2020-09-23"), None);
        assert_eq!(compare_dates("2019", "2020-09-23"), Some(Ordering::Less));
        assert_eq!(
            compare_dates("2020-10", "2020-09-23"),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_dates("2020-09-23", "2020-09-23"), None);
    }

    #[test]
    fn tense() {
        assert!(told_as_done("2021 年 9 月，Foo 已发布 2.0 版本", false));
        assert!(told_as_done("2020-09-23，发布 0.1.0 版本了", false));
        assert!(told_as_done("Foo 2.0 released on 2021-09-01", false));
        assert!(told_as_done("目前版本为 1.6.342", true));
        assert!(!told_as_done("计划于 2021 年 9 月发布 2.0 版本", false));
        assert!(!told_as_done("预计 2024 年发布 Tokio 2.0", false));
        assert!(!told_as_done("2021 年 9 月发布 2.0 版本", false));
    }

    #[test]
    fn sentences_stop_at_sentence_ends() {
        let s = "前一句已发布。2021 年 9 月，Foo 发布 2.0 版本。后一句将发布";
        let start = s.find("2021").unwrap();
        let end = s.find("版本").unwrap() + "版本".len();
        assert_eq!(sentence(s, start, end), "2021 年 9 月，Foo 发布 2.0 版本");
        assert_eq!(sentence("", 0, 0), "");
        // Offsets past the end are clamped, never sliced off a boundary.
        assert_eq!(sentence("abc", 5, 9), "abc");
        assert_eq!(sentence("日本", 1, 2), "日本");
    }
}
