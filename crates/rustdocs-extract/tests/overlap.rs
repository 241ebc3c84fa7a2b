//! Work that overlaps other work on a large document gives exactly what doing it in order
//! gives, whatever the thread count: recognition during the walk (piece by piece, or beside a
//! walk of the whole), and resolution a chunk of runs ahead of the entities.

use std::fmt::Write;
use std::path::PathBuf;

use jiff::civil::date;
use rustdocs_datetime::{Datetime, Resolver};

use rustdocs_extract::{
    EntityKind, EntityValue, Kinds, Options, Reference, ReferenceSource, extract, extract_found,
    recognize_runs, walk_and_recognize,
};
use rustdocs_span::LineIndex;

/// The bundled example documents, then an announcement with a venue and a countdown, repeated
/// past the size above which the walk and recognition overlap.
fn large_document() -> String {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut names: Vec<_> = std::fs::read_dir(&examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    names.sort();
    let mut unit = String::new();
    for name in names {
        unit.push_str(&std::fs::read_to_string(name).unwrap());
        unit.push_str("\n\n");
    }
    unit.push_str(
        "# 活动预告\n\n倒计时3天！本周六下午见。\n\n\
         地点：北京市海淀区中关村大街 27 号 3 层\n\n时间：2023 年 4 月 8 日 14:00\n\n",
    );
    unit.repeat(700_000 / unit.len() + 1)
}

/// The large document; the same with reference links throughout and their definition at
/// the end, still cut; with a footnote definition, which keeps the body from being cut; and
/// with references enough to a long destination that a piece could reach pulldown-cmark's
/// expansion limit, cut but walked whole; each with whether it is cut.
fn large_documents() -> [(String, bool); 4] {
    let cut = large_document();
    let linked = cut.replace(
        "本周六下午见",
        "本周六下午见，详见[官网]、[文档][Docs]与[未定义]",
    ) + "\n[官网]: https://example.com\n[docs]: https://example.com/docs\n";
    let footnoted = cut.clone() + "\n脚注[^1]\n\n[^1]: 注\n";
    let expanding = cut.replace("本周六下午见", "本周六下午见[长]")
        + &format!("\n[长]: https://example.com/{}\n", "x".repeat(4_000));
    [
        (cut, true),
        (linked, true),
        (footnoted, false),
        (expanding, true),
    ]
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

#[test]
fn overlapped_findings_equal_walking_then_recognizing() {
    for (source, cut) in large_documents() {
        overlapped_findings_equal(&source, cut);
    }
}

fn overlapped_findings_equal(source: &str, cut: bool) {
    let source = source.to_owned();
    let pieces = rustdocs_document::cuts(&source, 0, rustdocs_document::PIECE_BYTES);
    assert_eq!(pieces.len() > 1, cut, "{} pieces", pieces.len());
    let kinds = Kinds::default();
    // The whole body walked at once, the oracle.
    let whole = rustdocs_document::parse_whole(&source, 0);
    let expected = recognize_runs(&whole.runs, kinds);
    assert!(whole.runs.len() > 1000, "{} runs", whole.runs.len());
    if source.contains("[官网]:") {
        // Defined labels read as links (their text), the undefined one keeps its brackets.
        assert!(
            whole
                .runs
                .iter()
                .any(|r| r.text().contains("详见官网、文档与[未定义]"))
        );
    }
    let venues: usize = (0..expected.runs()).map(|i| expected.venues(i).len()).sum();
    assert!(venues > 0 && !expected.countdowns().is_empty());
    for threads in [1, 2, 3] {
        let (doc, found) = pool(threads).install(|| walk_and_recognize(&source, 0, kinds));
        assert_eq!(format!("{:?}", doc.runs), format!("{:?}", whole.runs));
        assert_eq!(doc.sections, whole.sections);
        assert_eq!(
            format!("{found:?}"),
            format!("{expected:?}"),
            "{threads} threads"
        );
    }
}

#[test]
fn extraction_from_overlapped_findings_is_the_same() {
    for (source, _) in large_documents() {
        extraction_is_the_same(&source);
    }
}

fn extraction_is_the_same(source: &str) {
    let source = source.to_owned();
    let index = LineIndex::new(&source);
    let options = Options::default();
    let doc = rustdocs_document::parse(&source, 0);
    let expected = extract(&source, &doc, &[], &options);
    assert!(
        expected
            .entities
            .iter()
            .any(|e| e.kind == EntityKind::Venue)
    );
    for threads in [1, 2] {
        let got = pool(threads).install(|| {
            let (doc, found) = walk_and_recognize(&source, 0, options.kinds);
            extract_found(&source, &index, &doc, &[], found, &options)
        });
        assert_eq!(got.entities, expected.entities, "{threads} threads");
        assert_eq!(got.reference, expected.reference);
        assert_eq!(got.countdowns, expected.countdowns);
    }
}

#[test]
fn findings_of_another_document_are_not_trusted() {
    let source =
        "倒计时3天！\n\n地点：北京市海淀区中关村大街 27 号\n\n时间：2023 年 4 月 8 日 14:00\n";
    let doc = rustdocs_document::parse(source, 0);
    let index = LineIndex::new(source);
    let options = Options::default();
    let expected = extract(source, &doc, &[], &options);
    let stale = recognize_runs(&doc.runs[..1], options.kinds);
    let got = extract_found(source, &index, &doc, &[], stale, &options);
    assert_eq!(got.entities, expected.entities);
    assert_eq!(got.countdowns, expected.countdowns);
}

/// Sections with relative and partial dates whose reading depends on the runs before them
/// (the context year, the day of a bare clock time), over many chunks of runs.
fn dated_document() -> String {
    let mut source = String::new();
    // 36 000 runs: about 140 chunks of 256, resolved one after the other and read on the
    // pool when it has more than one thread.
    for i in 0..6_000 {
        let year = 2015 + i % 9;
        let _ = write!(
            source,
            "## 第 {i} 节\n\n{year} 年 3 月 5 日发布 1.{i} 版本。\n\n4 月 8 日 14:00 再次上线。\n\n\
             - 下午 3 点\n- 上个月\n\n本周六下午见。\n\n"
        );
    }
    source
}

/// With a reference given, and without one when the document states none (the dates of
/// a first pass are then final, and no first pass is made).
#[test]
fn chunk_resolution_reads_every_run_in_order() {
    let source = dated_document();
    let doc = rustdocs_document::parse(&source, 0);
    assert!(doc.runs.len() > 100 * 256, "{} runs", doc.runs.len());
    let given = Reference::day(date(2023, 4, 1), ReferenceSource::Caller);
    for reference in [Some(given), None] {
        let options = Options {
            reference,
            kinds: Kinds::none().with(EntityKind::Datetime),
        };

        // One resolver over every run, in order.
        let found = recognize_runs(&doc.runs, options.kinds);
        let mut resolver = Resolver::new(reference.map(|r| r.date));
        let mut expected: Vec<(usize, Datetime)> = Vec::new();
        for (i, run) in doc.runs.iter().enumerate() {
            resolver.set_section(run.section());
            resolver.set_quoted(run.quote_depth > 0);
            for c in found.candidates(i) {
                let start = run.source_span(c.range.clone()).start;
                expected.push((start, resolver.resolve(c)));
            }
        }
        assert!(expected.len() > 10_000, "{} datetimes", expected.len());
        // Relative dates resolve with a reference and not without: the two cases differ.
        let unresolved = expected.iter().filter(|(_, dt)| dt.start.is_none()).count();
        assert_eq!(
            unresolved > 0,
            reference.is_none(),
            "{unresolved} unresolved"
        );

        for threads in [1, 2, 3] {
            let got = pool(threads).install(|| extract(&source, &doc, &[], &options));
            assert_eq!(got.reference, reference);
            let got: Vec<(usize, Datetime)> = got
                .entities
                .into_iter()
                .filter_map(|e| match e.value {
                    EntityValue::Datetime(dt) => Some((e.span.start, dt)),
                    _ => None,
                })
                .collect();
            assert!(
                got == expected,
                "{threads} threads, reference {reference:?}"
            );
        }
    }
}

/// The fourth large document is refused in pieces, so the tests above cover the fallback to
/// the whole walk.
#[test]
fn the_expanding_document_is_walked_whole() {
    let [.., (expanding, _)] = large_documents();
    let ranges = rustdocs_document::cuts(&expanding, 0, rustdocs_document::PIECE_BYTES);
    assert!(ranges.len() > 1);
    let walk_each = |ranges: Vec<std::ops::Range<usize>>,
                     known: Option<&rustdocs_document::Definitions>| {
        ranges
            .into_iter()
            .map(|r| {
                (
                    rustdocs_document::walk_piece_knowing(&expanding, r, known),
                    (),
                )
            })
            .collect()
    };
    assert!(rustdocs_document::walk_all(&expanding, ranges, walk_each).is_none());
}

/// Runs that do not follow the source (front-matter runs here point past the body) still
/// give entities in source order, whether the disorder is inside one task's runs (a small
/// document) or only between tasks (512 front runs before a large body: the first two
/// chunks of 256 runs, each a task of its own).
#[test]
fn entities_follow_the_source_when_runs_do_not() {
    for (body_sections, front_count) in [(3, 2), (3_000, 512)] {
        let mut source = String::new();
        for i in 0..body_sections {
            let _ = write!(
                source,
                "## 第 {i} 节\n\n2021 年 3 月 5 日发布 1.{i} 版本。\n\n"
            );
        }
        let doc = rustdocs_document::parse(&source, 0);
        let body_len = source.len();
        let mut front_runs = Vec::new();
        for i in 0..front_count {
            let line = format!("2019 年 {} 月 {} 日\n", 1 + i % 12, 1 + i % 28);
            let start = source.len();
            source.push_str(&line);
            front_runs.push(rustdocs_document::ProseRun::verbatim(
                rustdocs_document::RunKind::FrontMatter,
                Some("date".to_owned()),
                &source,
                rustdocs_span::Span::new(start, start + line.len() - 1),
                None,
            ));
        }
        let options = Options::default();
        for threads in [1, 2, 3] {
            let got = pool(threads).install(|| extract(&source, &doc, &front_runs, &options));
            let starts: Vec<usize> = got.entities.iter().map(|e| e.span.start).collect();
            // One datetime per front run, and the body's own: disorder to put right.
            let front_found = starts.iter().filter(|&&at| at >= body_len).count();
            assert_eq!(front_found, front_count, "{threads} threads");
            assert!(starts.len() > 2 * front_count, "{threads} threads");
            assert!(
                starts.is_sorted(),
                "{threads} threads, {front_count} front runs: entities out of source order"
            );
        }
    }
}

/// The release and loc readers get each run's own datetimes whether or not datetimes are
/// extracted too (the readers' dates then stay with the run, not the entities).
#[test]
fn readers_get_their_runs_dates_without_datetime_entities() {
    let source = dated_document();
    let doc = rustdocs_document::parse(&source, 0);
    let all = extract(&source, &doc, &[], &Options::default());
    let read =
        |e: &&rustdocs_extract::Entity| matches!(e.kind, EntityKind::Release | EntityKind::Loc);
    let expected: Vec<_> = all.entities.iter().filter(read).cloned().collect();
    assert!(expected.len() > 5_000, "{} releases", expected.len());
    let options = Options {
        kinds: Kinds::none()
            .with(EntityKind::Release)
            .with(EntityKind::Loc),
        ..Options::default()
    };
    for threads in [1, 2] {
        let got = pool(threads).install(|| extract(&source, &doc, &[], &options));
        assert!(got.entities == expected, "{threads} threads");
    }
}
