//! Which project a sentence is about: the heading's project, unless the sentence names another.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use rustdocs_span::spare;

use crate::Context;
use crate::text::{self, Segments};

/// Words in a trailing parenthetical that mark it as a category tag (`（国内/开源/容器）`).
const TAG_WORDS: &[&str] = &[
    "/", "／", "国内", "国外", "开源", "商业", "产品", "项目", "公司", "框架", "工具", "库", "语言",
];

/// English section titles that are not project names.
const GENERIC_TITLES: &[&str] = &[
    "introduction",
    "overview",
    "summary",
    "conclusion",
    "conclusions",
    "references",
    "background",
    "faq",
    "todo",
    "tl;dr",
    "changelog",
    "contents",
    "appendix",
    "about",
    "license",
    "links",
    "resources",
    "news",
];

/// The project a section heading names, or `None` for a generic heading.
///
/// The rule, in order:
/// 1. Emphasis markers (`**`, `__`) and surrounding spaces are removed.
/// 2. `NAME: description` / `NAME：description` with a Latin-script `NAME` gives `NAME`
///    (`lnx: 一个基于 tantivy 的搜索引擎` → `lnx`).
/// 3. A trailing parenthetical that reads as a category tag — it contains `/` or a tag word
///    such as 国内, 国外, 开源, 商业, 产品 — is removed, and what precedes it is the name in
///    whatever script (`TiKV（国内/开源/分布式数据库）` → `TiKV`, `飞书 App （国内/商业）`
///    → `飞书 App`, `rCore 和 zCore （…）` → `rCore 和 zCore`), provided it is short (at most
///    24 characters).
/// 4. Otherwise the whole title is a name only if it is Latin script alone (letters, digits,
///    spaces and `-_.+#&'/`), at most four words, and not a generic English title
///    (`Coreutils`, `Google`, `1Password`; not `Introduction`).
///
/// Everything else — titles with Chinese words and no tag (`其他一些项目`, `认识 Rust 语言`,
/// `数据服务`) — names no project.
#[must_use]
pub fn subject_from_heading(title: &str) -> Option<String> {
    subject_made(title, str::to_owned)
}

/// [`subject_from_heading`], with the name made by `make` from the part of the title it is:
/// one allocation for the caller's own type instead of a `String` copied again.
fn subject_made<R>(title: &str, make: impl FnOnce(&str) -> R) -> Option<R> {
    // Most titles have no emphasis marks to drop: those are read in place.
    let cleaned: Cow<str> = if title.contains("**") || title.contains("__") {
        Cow::Owned(title.replace("**", "").replace("__", ""))
    } else {
        Cow::Borrowed(title)
    };
    let t = cleaned.trim_matches(|c: char| text::is_space(c) || c == '#');
    if t.is_empty() {
        return None;
    }
    if let Some((range, name)) = text::name_at_start(t) {
        let after = text::trim_start_space(&t[range.end..]);
        if range.start == 0 && (after.starts_with(':') || after.starts_with('：')) {
            return Some(make(name));
        }
    }
    if let Some(stripped) = strip_tag(t) {
        let name = stripped.trim_matches(text::is_space);
        if !name.is_empty() && name.chars().count() <= 24 {
            return Some(make(name));
        }
        return None;
    }
    let latin_only = t.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || c == ' '
            || matches!(c, '-' | '_' | '.' | '+' | '#' | '&' | '\'' | '/')
    });
    let words = t.split_whitespace().count();
    if latin_only
        && t.chars().any(|c| c.is_ascii_alphabetic())
        && words <= 4
        && !GENERIC_TITLES.contains(&t.to_ascii_lowercase().as_str())
    {
        return Some(make(t));
    }
    None
}

/// `t` without a trailing category-tag parenthetical, or `None` if it has none.
fn strip_tag(t: &str) -> Option<&str> {
    let t = t.trim_end();
    let close = t.chars().next_back()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        _ => return None,
    };
    let open_at = t.rfind(open)?;
    let inner = &t[open_at + open.len_utf8()..t.len() - close.len_utf8()];
    TAG_WORDS
        .iter()
        .any(|w| inner.contains(w))
        .then(|| &t[..open_at])
}

/// The innermost heading of `path` that names a project ([`subject_from_heading`]).
///
/// Each thread remembers the titles of the last path it was asked about, each with its
/// answer once read. A document's runs come section by section: every run of a section asks
/// about the same path, and a section's siblings share its outer titles, so a title is read
/// about once per section that opens under it rather than once per run and again for each
/// sibling (0.5 M of the pipeline's 149 M instructions per MB of the report).
fn innermost_subject(path: &[&str]) -> Option<Rc<str>> {
    thread_local! {
        static LAST: RefCell<Remembered> = const {
            RefCell::new(Remembered { titles: String::new(), read: Vec::new() })
        };
    }
    LAST.with_borrow_mut(|Remembered { titles, read }| {
        let shared = read
            .iter()
            .zip(path)
            .take_while(|((range, _), p)| titles[range.clone()] == ***p)
            .count();
        read.truncate(shared);
        titles.truncate(read.last().map_or(0, |(range, _)| range.end));
        for title in &path[shared..] {
            let start = titles.len();
            titles.push_str(title);
            read.push((start..titles.len(), None));
        }
        read.iter_mut().rev().find_map(|(range, answer)| {
            answer
                .get_or_insert_with(|| subject_made(&titles[range.clone()], |name| Rc::from(name)))
                .clone()
        })
    })
}

/// The titles of the last path [`innermost_subject`] was asked about, one after the other
/// in one buffer (copied one by one, they were an allocation per section of a document),
/// each with its range there and its project once read.
struct Remembered {
    titles: String,
    read: Vec<(Range<usize>, Answer)>,
}

/// A title's project, once read.
type Answer = Option<Option<Rc<str>>>;

/// Whether one name holds the other, ignoring case, and they differ: `TiKV` and `TiKV 项目`.
fn is_variant(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // Most names are ASCII: folding their case in place spares two lowercased copies.
        !a.eq_ignore_ascii_case(b) && (text::contains_folded(a, b) || text::contains_folded(b, a))
    } else {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        a != b && (a.contains(&b) || b.contains(&a))
    }
}

/// Subject attribution over one prose run: clause topics, sentence topics, the heading.
pub(crate) struct Discourse<'t> {
    pub text: &'t str,
    /// The run's sentences and clauses.
    pub segments: Segments,
    /// Titles of the enclosing headings, outermost first.
    heading_path: &'t [&'t str],
    /// The innermost heading that names a project, found on first use: most runs state
    /// nothing that needs a subject.
    heading: OnceCell<Option<Rc<str>>>,
    /// Clause and sentence topics, found on first use: most runs state no release, and
    /// finding a topic runs a regex per clause.
    topics: OnceCell<Topics>,
    /// The lists `topics` is built in, left by an earlier run.
    spare_topics: Cell<Topics>,
}

/// The topics of a run.
#[derive(Default)]
struct Topics {
    /// Per clause of [`Segments`]: the project the clause, or the nearest earlier clause of
    /// the same sentence, opens with.
    clauses: Vec<Option<Range<usize>>>,
    /// Per sentence: the topic the nearest earlier sentence's first clause opened with.
    sentences: Vec<Option<Range<usize>>>,
}

/// The lists a dropped [`Discourse`] leaves for the next run on its thread: made afresh for
/// every run they were about a quarter of the extract stage's allocations.
#[derive(Default)]
struct Spare {
    segments: Segments,
    topics: Topics,
}

thread_local! {
    static SPARE: Cell<Option<Spare>> = const { Cell::new(None) };
}

impl<'t> Discourse<'t> {
    /// Segments `text`; topics are found when first asked for.
    pub fn new(text: &'t str, ctx: &'t Context) -> Self {
        let Spare {
            mut segments,
            topics,
        } = spare::take(&SPARE);
        segments.fill(text);
        Discourse {
            text,
            segments,
            heading_path: &ctx.heading_path,
            heading: OnceCell::new(),
            topics: OnceCell::new(),
            spare_topics: Cell::new(topics),
        }
    }

    /// The innermost heading that names a project.
    pub fn heading(&self) -> Option<&str> {
        self.heading
            .get_or_init(|| innermost_subject(self.heading_path))
            .as_deref()
    }

    fn topics(&self) -> &Topics {
        self.topics.get_or_init(|| {
            let text = self.text;
            let mut topics = self.spare_topics.take();
            topics.clauses.clear();
            topics.sentences.clear();
            // Per sentence, the topic the nearest earlier sentence opened with.
            let mut opened = None;
            for s in &self.segments.sentences {
                topics.sentences.push(opened.clone());
                // In a sentence of English prose a leading capitalized phrase marks no topic.
                let english = !text[s.range.clone()].chars().any(text::is_cjk);
                // Each clause holds the nearest topic at or before it, so a lookup is O(1)
                // and a run with many figures and no topic stays linear.
                let mut nearest = None;
                for (i, c) in self.segments.clauses_of(s).iter().enumerate() {
                    let topic = if english {
                        None
                    } else {
                        text::clause_topic(&text[c.clone()])
                    };
                    if let Some(r) = topic {
                        nearest = Some(c.start + r.start..c.start + r.end);
                    }
                    if i == 0 && nearest.is_some() {
                        opened.clone_from(&nearest);
                    }
                    topics.clauses.push(nearest.clone());
                }
            }
            topics
        })
    }

    /// The nearest clause topic at or before clause `c` of sentence `s`.
    pub fn sentence_topic(&self, s: usize, c: usize) -> Option<&'t str> {
        let sentence = self.segments.sentences.get(s)?;
        let clauses = &self.topics().clauses[sentence.clauses.clone()];
        clauses
            .get(c.min(clauses.len().saturating_sub(1)))?
            .clone()
            .map(|r| &self.text[r])
    }

    /// The subject when the sentence names none: the heading's project, else the topic an
    /// earlier sentence of the same run opened with (a heading-less paragraph keeps its topic).
    pub fn fallback(&self, s: usize) -> Option<String> {
        let run_topic = self
            .topics()
            .sentences
            .get(s)
            .cloned()
            .flatten()
            .map(|r| self.text[r].to_string());
        run_topic.or_else(|| self.heading().map(str::to_owned))
    }

    /// Resolves the subject: a name local to the statement, else the sentence's topic, else
    /// the fallback. Returns the subject and aliases (the heading's name when it is a variant).
    pub fn resolve(
        &self,
        local: Option<&str>,
        sentence: usize,
        clause: usize,
    ) -> (Option<String>, Vec<String>) {
        let named = local.or_else(|| self.sentence_topic(sentence, clause));
        match named {
            Some(n) => {
                let n = n.trim().to_string();
                let mut aliases = Vec::new();
                if let Some(h) = self.heading()
                    && is_variant(h, &n)
                {
                    aliases.push(h.to_owned());
                }
                (Some(n), aliases)
            }
            None => (self.fallback(sentence), Vec::new()),
        }
    }

    /// The index of the sentence and clause containing byte `pos`.
    pub fn locate(&self, pos: usize) -> (usize, usize) {
        // Sentences are in order: binary search keeps whole-document runs linear-ish.
        let sentences = &self.segments.sentences;
        let si = sentences
            .partition_point(|s| s.range.end < pos)
            .min(sentences.len().saturating_sub(1));
        let ci = sentences.get(si).map_or(0, |s| {
            let clauses = self.segments.clauses_of(s);
            clauses
                .partition_point(|c| c.end < pos)
                .min(clauses.len().saturating_sub(1))
        });
        (si, ci)
    }
}

impl Drop for Discourse<'_> {
    fn drop(&mut self) {
        let segments = std::mem::take(&mut self.segments);
        let topics = self
            .topics
            .take()
            .unwrap_or_else(|| self.spare_topics.take());
        let room = segments.clause_capacity();
        spare::leave(&SPARE, Spare { segments, topics }, room);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The remembered answer is for the same titles only: paths that share a prefix, a
    /// length or a last title, asked in turn, each get their own subject.
    #[test]
    fn the_remembered_subject_follows_the_path() {
        let paths: [&[&str]; 7] = [
            &["报告", "TiKV（国内/开源）"],
            &["报告", "TiKV（国内/开源）", "背景"],
            &["报告", "飞书 App （国内/商业）", "背景"],
            &["报告", "飞书 App （国内/商业）"],
            &["报告"],
            &[],
            &["Coreutils", "其他一些项目"],
        ];
        for _ in 0..2 {
            for path in paths.iter().chain(paths.iter().rev()) {
                let fresh = path.iter().rev().find_map(|h| subject_from_heading(h));
                assert_eq!(
                    innermost_subject(path).as_deref(),
                    fresh.as_deref(),
                    "{path:?}"
                );
            }
        }
        assert_eq!(innermost_subject(paths[2]).as_deref(), Some("飞书 App"));
        assert_eq!(innermost_subject(paths[6]).as_deref(), Some("Coreutils"));
        assert_eq!(innermost_subject(paths[4]), None);
    }

    /// Every sentence's range, and per clause its topic and the sentence's fallback.
    type Answers<'t> = Vec<(Range<usize>, Option<&'t str>, Option<String>)>;

    fn answers<'t>(d: &Discourse<'t>) -> Answers<'t> {
        let mut all = vec![];
        for (si, s) in d.segments.sentences.iter().enumerate() {
            for ci in 0..d.segments.clauses_of(s).len() {
                all.push((s.range.clone(), d.sentence_topic(si, ci), d.fallback(si)));
            }
        }
        all
    }

    proptest::proptest! {
        /// Names of ASCII and other letters in both cases: the ASCII shortcut answers as
        /// lowercasing both would.
        #[test]
        fn variants_are_found_as_in_lowercased_names(
            a in proptest::collection::vec(0usize..8, 0..5),
            b in proptest::collection::vec(0usize..8, 0..5),
        ) {
            let pieces = ["Ti", "KV", "tikv", "TIKV", " ", "项目", "Ä", "ä"];
            let (a, b): (String, String) = (
                a.iter().map(|&i| pieces[i]).collect(),
                b.iter().map(|&i| pieces[i]).collect(),
            );
            let (la, lb) = (a.to_lowercase(), b.to_lowercase());
            let want = la != lb && (la.contains(&lb) || lb.contains(&la));
            proptest::prop_assert_eq!(is_variant(&a, &b), want);
        }

        /// Any sequence of paths over a few titles, which share prefixes, depths and titles
        /// at other depths: each gets the answer of reading its titles afresh.
        #[test]
        fn remembered_titles_answer_as_fresh_ones(
            paths in proptest::collection::vec(proptest::collection::vec(0usize..8, 0..4), 0..16),
        ) {
            // Some of one length with different answers (Rust and 1234, 背景 and 其他).
            let titles = ["报告", "TiKV（国内/开源）", "背景", "**Servo**", "其他", "Go", "Rust", "1234"];
            for picks in paths {
                let path: Vec<&str> = picks.iter().map(|&i| titles[i]).collect();
                let fresh = path.iter().rev().find_map(|h| subject_from_heading(h));
                let remembered = innermost_subject(&path);
                proptest::prop_assert_eq!(remembered.as_deref(), fresh.as_deref());
            }
        }

        /// Runs read one after another on a thread, each on the lists the one before left
        /// (longer or shorter, their topics found or not), answer as on new lists.
        #[test]
        fn reused_lists_answer_as_new_ones(
            runs in proptest::collection::vec(
                (proptest::collection::vec(0usize..8, 0..12), proptest::bool::ANY),
                1..8,
            ),
        ) {
            let pieces = ["TiKV 发布了 1.0", "，", "。", "\n", "它", "Servo 项目", "!", "37,000 行"];
            let ctx = Context::default();
            for (picks, ask) in runs {
                let text: String = picks.iter().map(|&i| pieces[i]).collect();
                let reused = Discourse::new(&text, &ctx);
                // Made while `reused` holds the spare lists, so on new ones.
                let new = Discourse::new(&text, &ctx);
                if ask {
                    proptest::prop_assert_eq!(answers(&reused), answers(&new));
                }
                drop(new);
            }
        }
    }

    #[test]
    fn headings() {
        for (h, want) in [
            ("TiKV（国内/开源/分布式数据库）", Some("TiKV")),
            ("StratoVirt （国内/开源/容器）", Some("StratoVirt")),
            ("**StratoVirt** （国内/开源/容器）", Some("StratoVirt")),
            ("Firecracker （国外/产品）", Some("Firecracker")),
            (
                "A / B Street (国外/开源/街景交通探索游戏)",
                Some("A / B Street"),
            ),
            (
                "rCore 和 zCore （国内/ 教育/ 学术/ 开源/ 操作系统）",
                Some("rCore 和 zCore"),
            ),
            ("飞书 App （国内/商业）", Some("飞书 App")),
            ("Coreutils ", Some("Coreutils")),
            ("Google", Some("Google")),
            ("1Password", Some("1Password")),
            ("lnx: 一个基于 tantivy 的搜索引擎", Some("lnx")),
            ("其他一些项目", None),
            ("文前", None),
            ("认识 Rust 语言", None),
            ("数据服务", None),
            ("Embark 公司 与 Rust 游戏生态", None),
            ("Rust 和 C 都是硬件直接抽象", None),
            ("Introduction", None),
            ("", None),
        ] {
            assert_eq!(subject_from_heading(h).as_deref(), want, "{h}");
        }
    }
}
