//! Bare URLs inside prose, which pulldown-cmark leaves as text without GFM autolinking.
//!
//! A URL's digits (`mid=2247485346`, `/2021/06/20/`) would otherwise reach the recognizers as
//! dates and numbers, so every URL is folded into one U+FFFC after the run is built. Doing it
//! on the finished run text (not per text event) catches URLs that pulldown-cmark split into
//! several events at `_`, `*`, `&` or `[`.

use crate::OBJECT_REPLACEMENT;
use crate::run::{RunBuilder, Segment, SegmentKind, segment_at};
use std::ops::Range;

/// Text ranges of bare URLs in `text`, sorted and disjoint.
pub(crate) fn find_urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found: Vec<Range<usize>> = Vec::new();
    // Chinese prose uses full-width `：` and `。`, so ASCII `:` and `.` are rare enough that
    // checking each one beats setting up a substring searcher on every run. Hits inside a URL already found are skipped: re-scanning them would be quadratic.
    let mut covered = 0;
    for at in memchr::memchr2_iter(b':', b'.', bytes) {
        if at < covered {
            continue;
        }
        if bytes[at] == b':' {
            if bytes[at + 1..].starts_with(b"//") {
                let end = url_end(bytes, at + 3);
                found.push(scheme_start(bytes, at)..end);
                covered = end;
            }
        } else if at >= 3 && bytes[at - 3..at].eq_ignore_ascii_case(b"www") {
            let start = at - 3;
            let starts_word = start == 0 || !is_scheme_byte(bytes[start - 1]);
            let host_follows = bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
            if starts_word && host_follows {
                let end = url_end(bytes, at + 1);
                found.push(start..end);
                covered = end;
            }
        }
    }
    if found.is_empty() {
        return found;
    }
    // A scheme can reach back over an earlier `www.` hit (`a.www.b://`), so sort to merge.
    found.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for r in found {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Start of the scheme (`https`) before the `://` at `sep`; without one, `://` alone goes.
fn scheme_start(bytes: &[u8], sep: usize) -> usize {
    let mut start = sep;
    while start > 0 && is_scheme_byte(bytes[start - 1]) {
        start -= 1;
    }
    while start < sep && !bytes[start].is_ascii_alphabetic() {
        start += 1;
    }
    start
}

const fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// End of the URL whose body starts at `from`: ASCII non-space up to a delimiter, minus
/// trailing sentence punctuation and unbalanced closing brackets.
fn url_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && is_url_byte(bytes[end]) {
        end += 1;
    }
    // Counted once, then kept up to date, so stripping a long tail stays linear.
    let (mut parens, mut brackets) = (
        count(&bytes[from..end], b'(') as isize - count(&bytes[from..end], b')') as isize,
        count(&bytes[from..end], b'[') as isize - count(&bytes[from..end], b']') as isize,
    );
    while let Some(&last) = bytes[from..end].last() {
        match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' => {}
            b')' if parens < 0 => parens += 1,
            b']' if brackets < 0 => brackets += 1,
            _ => break,
        }
        end -= 1;
    }
    end
}

const fn is_url_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"' | b'`')
}

fn count(bytes: &[u8], needle: u8) -> usize {
    memchr::memchr_iter(needle, bytes).count()
}

/// Rebuilds `run` with each range in `urls` replaced by one U+FFFC spanning the URL's source.
pub(crate) fn fold_urls(run: &RunBuilder, urls: &[Range<usize>]) -> RunBuilder {
    let mut out = RunBuilder {
        text: String::with_capacity(run.text.len()),
        segments: Vec::with_capacity(run.segments.len() + urls.len()),
        code: Vec::with_capacity(run.code.len()),
    };
    let mut cursor = 0;
    for url in urls {
        copy_segments(run, cursor..url.start, &mut out);
        let src_start = map_start(&run.segments, url.start);
        let src_end = map_end(&run.segments, url.end);
        let mut buf = [0; 4];
        out.push_replacement(
            OBJECT_REPLACEMENT.encode_utf8(&mut buf),
            src_start..src_end.max(src_start),
        );
        cursor = url.end;
    }
    copy_segments(run, cursor..run.text.len(), &mut out);
    let mut remap = Remap {
        urls,
        next: 0,
        shrink: 0,
    };
    for code in &run.code {
        let start = remap.at(code.start, false);
        let end = remap.at(code.end, true);
        if start < end {
            out.code.push(start..end);
        }
    }
    out
}

/// Copies the part of `run` in text range `range` (on char boundaries) to `out`.
fn copy_segments(run: &RunBuilder, range: Range<usize>, out: &mut RunBuilder) {
    if range.is_empty() {
        return;
    }
    let first = run
        .segments
        .partition_point(|s| s.text_end() <= range.start);
    for seg in &run.segments[first..] {
        if seg.text_start >= range.end {
            break;
        }
        let a = seg.text_start.max(range.start);
        let b = seg.text_end().min(range.end);
        let piece = &run.text[a..b];
        match seg.kind {
            SegmentKind::Verbatim => out.push_verbatim(piece, seg.src_start + (a - seg.text_start)),
            SegmentKind::Replacement => out.push_replacement(piece, seg.src_start..seg.src_end),
        }
    }
}

/// Source offset of the text char starting at `offset` (a char boundary inside the text).
fn map_start(segments: &[Segment], offset: usize) -> usize {
    match segment_at(segments, offset) {
        Some(seg) if seg.kind == SegmentKind::Verbatim => seg.src_start + (offset - seg.text_start),
        Some(seg) => seg.src_start,
        None => 0,
    }
}

/// Source offset just past the text ending at `offset` (a char boundary, `offset > 0`).
fn map_end(segments: &[Segment], offset: usize) -> usize {
    match segment_at(segments, offset.saturating_sub(1)) {
        Some(seg) if seg.kind == SegmentKind::Verbatim => {
            // Verbatim segments end on char boundaries, and so does `offset`.
            seg.src_start + (offset.min(seg.text_end()) - seg.text_start)
        }
        Some(seg) => seg.src_end,
        None => 0,
    }
}

/// Where text offsets land once the URLs are folded, asked in increasing order so the whole
/// run is one merge-walk over the URLs.
struct Remap<'u> {
    urls: &'u [Range<usize>],
    next: usize,
    shrink: usize,
}

impl Remap<'_> {
    /// The new offset of `x`; offsets inside a URL snap to the stand-in's start
    /// (`is_end == false`) or end.
    fn at(&mut self, x: usize, is_end: bool) -> usize {
        while let Some(url) = self.urls.get(self.next) {
            if url.end <= x {
                self.shrink += url.len() - OBJECT_REPLACEMENT.len_utf8();
                self.next += 1;
            } else if url.start < x {
                let at = url.start - self.shrink;
                return if is_end {
                    at + OBJECT_REPLACEMENT.len_utf8()
                } else {
                    at
                };
            } else {
                break;
            }
        }
        x - self.shrink
    }
}

#[cfg(test)]
mod tests {
    use super::find_urls;

    fn urls(text: &str) -> Vec<&str> {
        find_urls(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn schemes_and_www() {
        assert_eq!(
            urls("见 https://a.b/c?d=1&e=2。"),
            ["https://a.b/c?d=1&e=2"]
        );
        assert_eq!(
            urls("ftp://x.y and git+ssh://h/p"),
            ["ftp://x.y", "git+ssh://h/p"]
        );
        assert_eq!(urls("官网 www.rust-lang.org，"), ["www.rust-lang.org"]);
        assert_eq!(urls("HTTP://X.Y"), ["HTTP://X.Y"]);
        assert_eq!(urls("https://www.a.b"), ["https://www.a.b"]);
    }

    #[test]
    fn trailing_punctuation_and_brackets() {
        assert_eq!(urls("(见 http://a.b/c)"), ["http://a.b/c"]);
        assert_eq!(
            urls("http://en.wikipedia.org/wiki/A_(b)."),
            ["http://en.wikipedia.org/wiki/A_(b)"]
        );
        assert_eq!(urls("http://a.b/c，下一句"), ["http://a.b/c"]);
        assert_eq!(urls("<http://a.b>"), ["http://a.b"]);
    }

    #[test]
    fn not_urls() {
        assert!(urls("时间 14:00，版本 1.6.342，文件 a.rs").is_empty());
        assert!(urls("awww.b 与 www. 与 www.").is_empty());
        // A lone separator still goes, so no `://` reaches the prose.
        assert_eq!(urls("a ://b"), ["://b"]);
    }
}
