//! The rule catalogue: each rule's code, default severity and documentation, in one place.
//!
//! Every rule is declared once with [`declare_rule!`], which makes both the rustdoc of the
//! rule's constant and the [`Rule`] entry in [`RULES`] from the same text, so `docs/rules.md`
//! (generated from [`RULES`]) and the API docs cannot drift apart.

use std::fmt::Write as _;

mod dates;
mod front_matter;
mod location;
mod releases;

use crate::context::Context;
use crate::{Diagnostic, Severity};

/// One rule's identity and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case code, used in output, `rustdocs.toml` and suppression comments.
    pub code: &'static str,
    /// Severity when configuration says nothing.
    pub default_severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// What it does, in detail, including what it deliberately does not report.
    pub what: &'static str,
    /// Why it matters to a reader of the page.
    pub why: &'static str,
    /// A Markdown example that the rule reports.
    pub example: &'static str,
}

/// Declares a rule constant whose rustdoc and [`Rule`] fields come from the same strings.
macro_rules! declare_rule {
    ($name:ident, $code:literal, $severity:ident,
     summary: $summary:literal, what: $what:literal, why: $why:literal, example: $example:literal $(,)?) => {
        #[doc = concat!("`", $code, "`: ", $summary, "\n\n## What it does\n", $what,
                        "\n\n## Why\n", $why, "\n\n## Example\n```markdown\n", $example, "\n```")]
        pub const $name: Rule = Rule {
            code: $code,
            default_severity: Severity::$severity,
            summary: $summary,
            what: $what,
            why: $why,
            example: $example,
        };
    };
}

declare_rule!(FRONT_MATTER_SYNTAX, "front-matter-syntax", Error,
    summary: "Front matter that does not parse.",
    what: "Reports YAML (`---`), TOML (`+++`) or JSON front matter that is unterminated, \
           malformed, repeats a key, is not a mapping, or exceeds the size, depth or alias \
           limits. The diagnostic points at the fault and says why.",
    why: "A site generator either fails the build or silently drops every field (title, date, \
          cover) of a page whose front matter does not parse.",
    example: "---\ntitle: 北京 Meetup\ndate: [2023-04-05\n---",
);

declare_rule!(INVALID_DATE, "invalid-date", Error,
    summary: "A date or time that does not exist.",
    what: "Reports a datetime the recognizer read but could not place on the calendar or the \
           clock: a day past the end of its month (`2月30日`), a thirteenth month (`13月`), an \
           hour past 24 (`25:00`).",
    why: "A reader cannot attend an event on a day that does not exist; the date is a typo \
          and the right day is anyone's guess.",
    example: "**时间：** 2023 年 2 月 30 日 14:00",
);

declare_rule!(WEEKDAY_MISMATCH, "weekday-mismatch", Error,
    summary: "A weekday stated for a date that falls on another day.",
    what: "Reports a day-grain date written with a weekday (`（周六）`, `星期六`, `Sat.`) when \
           the calendar puts that date on a different weekday. The message names the weekday \
           the date really falls on. Relative dates (`本周六`) are resolved to match their \
           weekday, so only dates with an explicit month and day can disagree.",
    why: "Readers plan by the weekday as often as by the date; when they disagree, one of \
          them is wrong (often a year copied from an earlier announcement), and half the \
          audience turns up on the wrong day.",
    example: "直播时间：2022/05/19 星期五 20:00",
);

declare_rule!(PART_OF_DAY_MISMATCH, "part-of-day-mismatch", Warning,
    summary: "A part of day (上午, 下午, 晚上…) that contradicts the clock time.",
    what: "Reports a time whose part of day cannot hold its hour: 上午 (morning) with 13:00 or \
           later, 下午 (afternoon) before 12:00, 中午 (noon) outside 10:00–15:59, 晚上 (evening) \
           between 06:00 and 15:59, 凌晨/深夜 (night) between 10:00 and 18:59. Twelve-hour \
           readings are applied first, so `下午 2 点`, `下午 13 点` and `晚上8点` are consistent, \
           and 12:xx counts as both morning and afternoon.",
    why: "`下午 9:00` is either 09:00 or 21:00; the reader has to guess, and the two readings \
          are half a day apart.",
    example: "**时间：** 2023 年 4 月 8 日下午 09:00",
);

declare_rule!(LOCATION_MISMATCH, "location-mismatch", Warning,
    summary: "Front-matter `location` contradicts the venue in the body.",
    what: "Normalizes the front-matter `location` (`中国香港`, `上海`, `新加坡`) to a region and \
           reports it when the body names physical venues and none of them lies inside that \
           region. The primary span is the `location` value; each venue is a related span \
           labelled with its region. Online venues and venues that name no province, city or \
           district cannot contradict anything, and a `location` the gazetteer does not know is \
           not reported. It is a warning, not an error, because a site may use `location` for \
           something other than the venue (the organizer's home, a region tag).",
    why: "Sites show `location` on listing pages and in search; a Beijing meetup listed under \
          Hong Kong loses its audience before anyone opens the page.",
    example: "---\nlocation: 中国香港\n---\n\n**地点：** 环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号",
);

declare_rule!(TITLE_DATE_MISMATCH, "title-date-mismatch", Error,
    summary: "A date in `title`/`label` that contradicts the body's event date.",
    what: "Compares a day-grain date in the front-matter `title`, `label` or `subtitle` (`4.8`, \
           `4月8日`) with the event date: the first date in the body written with its own month \
           and day. A title without a year is compared by month and day only; a title date that \
           falls within a multi-day event is consistent.",
    why: "The title is what people share; when it names another day than the body, readers \
          cannot tell which one holds.",
    example: "---\nlabel: 4.9 Beijing Rust Meetup\n---\n\n**时间：** 2023 年 4 月 8 日 14:00",
);

declare_rule!(COUNTDOWN_MISMATCH, "countdown-mismatch", Error,
    summary: "A countdown (倒计时N天) that does not end on the event date.",
    what: "Adds the countdown's days to the reference date (the caller's, the front matter's \
           `date`, or the date in the file's path) and reports it when the result is not the \
           event date. When no reference date was given and rustdocs inferred one from the \
           countdown itself, there is nothing independent to compare, and nothing is reported.",
    why: "A countdown one day off tells readers the event is a day later or earlier than it \
          is; it is usually a page published a day after it was written.",
    example: "---\ndate: 2023-04-05\nlabel: 倒计时2天 I Beijing Rust Meetup\n---\n\n**时间：** 2023 年 4 月 8 日 14:00",
);

declare_rule!(RELEASE_ORDER, "release-order", Warning,
    summary: "A higher version of a project dated before a lower one.",
    what: "Groups the dated releases of each project and reports a release whose version is \
           higher than another release of the same project but whose date is earlier. Dates \
           are compared at the coarser of the two grains, so `2020 年` and `2020-09-23` are not \
           ordered against each other.",
    why: "Version histories in reports are copied from changelogs by hand; a swapped date or \
          version misstates how mature a project is.",
    example: "2019 年 3 月，Foo 发布 1.0 版本。2018 年 6 月，Foo 发布 0.5 版本。",
);

declare_rule!(FUTURE_RELEASE, "future-release", Warning,
    summary: "A release told in the past tense but dated after the reference date.",
    what: "Reports a release whose date is later than the document's reference date (its \
           `date`, the date in its path, or the caller's) while the sentence tells it as done \
           (`发布了`, `已发布`, `发布于`, or stated as the current version) and says nothing of \
           plans (`将`, `计划`, `预计`, `即将`). Without a reference date nothing is reported.",
    why: "A page cannot report a release that had not happened when it was written: either \
          the date or the page date is wrong.",
    example: "---\ndate: 2021-06-01\n---\n\n2021 年 9 月 1 日，Foo 已发布 2.0 版本。",
);

declare_rule!(EVENT_AFTER_PAGE_DATE, "event-after-page-date", Warning,
    summary: "An announcement whose event is far later than the page's own date.",
    what: "Reports an announcement (a page that names a venue, physical or online) whose event \
           date lies more than 300 days after the page's date, taken from its front-matter \
           `date` or the date in its path. When the event's weekday is written and fits the \
           event's year, the message says so: then the page date is the wrong one.",
    why: "Announcements go out days or weeks ahead. A year's gap means a year typed wrong in \
          the event date, or a page filed under the wrong date, which misorders the site's \
          event list and archives.",
    example: "# events/2022-05-17-RDMA/index.md\n\n直播时间：2023/05/19 星期五 20:00，腾讯会议。",
);

declare_rule!(MISSING_FRONT_MATTER_KEY, "missing-front-matter-key", Error,
    summary: "A front-matter key that `rustdocs.toml` requires is missing.",
    what: "For every `[[require]]` table in `rustdocs.toml` whose `glob` matches the file's path \
           (relative to the directory of `rustdocs.toml`), reports each listed key the front \
           matter does not have, or that is empty. Does nothing unless configured.",
    why: "Listing pages, feeds and search need the same fields on every page of a kind; a \
          missing `date` sorts an announcement to the bottom of the list.",
    example: "# rustdocs.toml\n[[require]]\nglob = \"events/**/*.md\"\nkeys = [\"title\", \"date\"]\n\n# events/2023/meetup.md\n---\ntitle: 北京 Meetup\n---",
);

declare_rule!(MISSING_EVENT_TIME, "missing-event-time", Note,
    summary: "An announcement that says where but not on which day.",
    what: "Reports a document that names a venue (a physical address or an online platform) \
           but states no day anywhere: no date of day grain and no weekday. It points at the \
           first venue.",
    why: "An announcement without a day is unusable once it is shared out of context; the \
          day is usually only in a poster image that search and screen readers cannot read.",
    example: "**地点：** 北京市海淀区中关村大街 11 号\n\n欢迎报名！",
);

declare_rule!(MISSING_COVER_IMAGE, "missing-cover-image", Warning,
    summary: "A front-matter `cover`/`image` that does not exist next to the file.",
    what: "Reports a `cover`, `image` or `thumbnail` front-matter value that is a relative path \
           (`./cover.png`, `cover.png`) to a file that does not exist relative to the document. \
           URLs and site-absolute paths (`/cover.jpg`) are not checked, and nothing is checked \
           when the document was not read from a file.",
    why: "A missing cover breaks the page's card on the listing page and in link previews; the \
          image was usually renamed or never committed.",
    example: "---\ncover: ./cover.png   # but the directory holds cover.jpg\n---",
);

/// Every rule, in the order `docs/rules.md` lists them.
pub static RULES: &[Rule] = &[
    FRONT_MATTER_SYNTAX,
    INVALID_DATE,
    WEEKDAY_MISMATCH,
    PART_OF_DAY_MISMATCH,
    LOCATION_MISMATCH,
    TITLE_DATE_MISMATCH,
    COUNTDOWN_MISMATCH,
    RELEASE_ORDER,
    FUTURE_RELEASE,
    EVENT_AFTER_PAGE_DATE,
    MISSING_FRONT_MATTER_KEY,
    MISSING_EVENT_TIME,
    MISSING_COVER_IMAGE,
];

/// The codes of [`RULES`] as constants, for matching on [`Diagnostic::code`].
pub mod codes {
    use super::{
        COUNTDOWN_MISMATCH as CM, EVENT_AFTER_PAGE_DATE as EAP, FRONT_MATTER_SYNTAX as FMS,
        FUTURE_RELEASE as FR, INVALID_DATE as ID, LOCATION_MISMATCH as LM,
        MISSING_COVER_IMAGE as MCI, MISSING_EVENT_TIME as MET, MISSING_FRONT_MATTER_KEY as MFK,
        PART_OF_DAY_MISMATCH as PDM, RELEASE_ORDER as RO, TITLE_DATE_MISMATCH as TDM,
        WEEKDAY_MISMATCH as WM,
    };
    /// `front-matter-syntax`.
    pub const FRONT_MATTER_SYNTAX: &str = FMS.code;
    /// `invalid-date`.
    pub const INVALID_DATE: &str = ID.code;
    /// `weekday-mismatch`.
    pub const WEEKDAY_MISMATCH: &str = WM.code;
    /// `part-of-day-mismatch`.
    pub const PART_OF_DAY_MISMATCH: &str = PDM.code;
    /// `location-mismatch`.
    pub const LOCATION_MISMATCH: &str = LM.code;
    /// `title-date-mismatch`.
    pub const TITLE_DATE_MISMATCH: &str = TDM.code;
    /// `countdown-mismatch`.
    pub const COUNTDOWN_MISMATCH: &str = CM.code;
    /// `release-order`.
    pub const RELEASE_ORDER: &str = RO.code;
    /// `future-release`.
    pub const FUTURE_RELEASE: &str = FR.code;
    /// `event-after-page-date`.
    pub const EVENT_AFTER_PAGE_DATE: &str = EAP.code;
    /// `missing-front-matter-key`.
    pub const MISSING_FRONT_MATTER_KEY: &str = MFK.code;
    /// `missing-event-time`.
    pub const MISSING_EVENT_TIME: &str = MET.code;
    /// `missing-cover-image`.
    pub const MISSING_COVER_IMAGE: &str = MCI.code;
}

/// The rule catalogue as Markdown: the text of `docs/rules.md`.
#[must_use]
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# rustdocs check: rules\n\n\
         <!-- Generated from `rustdocs_validate::RULES` by \
         `cargo run -p rustdocs-validate --example gen_rules_doc`; do not edit. -->\n\n\
         Each rule has a stable code. Change its severity or turn it off in `rustdocs.toml`:\n\n\
         ```toml\n[rules]\nweekday-mismatch = \"warning\"   # off | note | warning | error\n```\n\n\
         or silence it for one line with `<!-- rustdocs-disable-next-line weekday-mismatch -->` \
         (for the whole file: `<!-- rustdocs-disable weekday-mismatch -->`).\n\n\
         | code | default | summary |\n|---|---|---|\n",
    );
    for r in RULES {
        let _ = writeln!(
            out,
            "| [`{0}`](#{0}) | {1} | {2} |",
            r.code, r.default_severity, r.summary
        );
    }
    for r in RULES {
        let _ = write!(
            out,
            "\n## {}\n\nDefault severity: **{}**. {}\n\n### What it does\n\n{}\n\n### Why\n\n{}\n\n### Example\n\n```markdown\n{}\n```\n",
            r.code, r.default_severity, r.summary, r.what, r.why, r.example
        );
    }
    out
}

/// The rule with this code.
#[must_use]
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Builds a diagnostic of `rule` at its default severity.
pub(crate) fn diagnostic(rule: &Rule, span: rustdocs_span::Span, message: String) -> Diagnostic {
    Diagnostic {
        severity: rule.default_severity,
        code: rule.code,
        message,
        span,
        label: None,
        related: Vec::new(),
    }
}

/// A rule's check: reads the context, pushes what it finds.
type Check = fn(&Context, &mut Vec<Diagnostic>);

/// The rules that read datetimes, in the order they run.
const DATE_RULES: [Check; 7] = [
    dates::invalid_date,
    dates::weekday_mismatch,
    dates::part_of_day_mismatch,
    dates::title_date_mismatch,
    dates::countdown_mismatch,
    dates::missing_event_time,
    dates::event_after_page_date,
];

/// The other rules, in the order they run after [`DATE_RULES`].
const OTHER_RULES: [Check; 5] = [
    location::location_mismatch,
    releases::release_order,
    releases::future_release,
    front_matter::missing_keys,
    front_matter::missing_cover_image,
];

/// Runs every rule; configuration and suppressions are applied by the caller.
///
/// On a document with many entities the date rules run on one thread and the others on
/// another: each rule reads every entity, and validation ran after the entities on one
/// core while the other waited. The diagnostics come out in the same order either way.
pub(crate) fn run_all(ctx: &Context) -> Vec<Diagnostic> {
    let run = |rules: &[Check]| {
        let mut out = Vec::new();
        for rule in rules {
            rule(ctx, &mut out);
        }
        out
    };
    let (mut out, more) = if ctx.input.entities.len() < PARALLEL_ABOVE {
        (run(&DATE_RULES), run(&OTHER_RULES))
    } else {
        rayon::join(|| run(&DATE_RULES), || run(&OTHER_RULES))
    };
    out.extend(more);
    out
}

/// Entities from which the rules run on two threads (the report's 20 MB has 33 000). The
/// rules take about 0.1 ms per thousand entities, so below it they take under half a
/// millisecond, and a task handed to the pool from outside it (one document on the CLI)
/// costs tens of microseconds, a share that grows as documents shrink.
const PARALLEL_ABOVE: usize = 4096;
