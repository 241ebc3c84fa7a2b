//! Rules about front-matter fields: required keys and cover images.

use std::path::Path;

use rustdocs_span::Span;
use serde_json::Value;

use super::{MISSING_COVER_IMAGE, MISSING_FRONT_MATTER_KEY, diagnostic};
use crate::Diagnostic;
use crate::context::Context;

/// Front-matter keys that name the page's image.
const IMAGE_KEYS: [&str; 3] = ["cover", "image", "thumbnail"];

pub(crate) fn missing_keys(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(path) = ctx.input.path else { return };
    let fm = ctx.input.front_matter;
    // Point at the front matter's opening delimiter, or the start of a file that has none.
    let span = fm.map_or(Span::empty(0), |fm| {
        let rest = ctx.input.source.get(fm.span.start..).unwrap_or_default();
        let end = rest.find('\n').map_or(fm.span.end, |i| fm.span.start + i);
        Span::new(fm.span.start, end.min(fm.span.end))
    });
    for (glob, key) in ctx.config.required_keys(path) {
        let present = fm
            .and_then(|fm| fm.data.get(key))
            .is_some_and(|v| !is_empty(v));
        if present {
            continue;
        }
        let what = if fm.is_none() {
            "this file has no front matter"
        } else {
            "the front matter has no value for it"
        };
        let mut d = diagnostic(
            &MISSING_FRONT_MATTER_KEY,
            span,
            format!("rustdocs.toml requires `{key}` in files matching `{glob}`, but {what}"),
        );
        d.label = Some(format!("`{key}` missing"));
        out.push(d);
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// A front-matter image value that names a file relative to the document, without any query
/// or fragment; `None` for URLs, site-absolute paths and data URIs.
fn relative_image(value: &str) -> Option<&str> {
    let v = value.trim();
    if v.is_empty()
        || v.starts_with('/')
        || v.starts_with('\\')
        || v.contains("://")
        || v.starts_with("data:")
    {
        return None;
    }
    if v.starts_with('{') || v.contains("{{") {
        // Template expressions are filled in by the site generator.
        return None;
    }
    let v = v.split(['?', '#']).next().unwrap_or(v);
    (!v.is_empty()).then_some(v)
}

pub(crate) fn missing_cover_image(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(fm), Some(path)) = (ctx.input.front_matter, ctx.input.path) else {
        return;
    };
    if !path.is_file() {
        return;
    }
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    for entry in &fm.entries {
        if !IMAGE_KEYS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&entry.key))
        {
            continue;
        }
        let Some(rel) = entry.value.as_str().and_then(relative_image) else {
            continue;
        };
        let target = dir.join(rel);
        if target.exists() {
            continue;
        }
        let file_name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut d = diagnostic(
            &MISSING_COVER_IMAGE,
            entry.text_span.unwrap_or(entry.value_span),
            format!(
                "the front-matter `{}` names `{rel}`, but there is no such file next to {file_name}",
                entry.key
            ),
        );
        d.label = Some(format!("{} does not exist", target.display()));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_images() {
        assert_eq!(relative_image("./cover.png"), Some("./cover.png"));
        assert_eq!(
            relative_image("images/cover.png?v=2"),
            Some("images/cover.png")
        );
        assert_eq!(relative_image("/cover.jpg"), None);
        assert_eq!(relative_image("https://cdn.nlark.com/a.png"), None);
        assert_eq!(relative_image("//cdn.example.com/a.png"), None);
        assert_eq!(relative_image("data:image/png;base64,AAAA"), None);
        assert_eq!(relative_image("{{ .Site.Params.cover }}"), None);
        assert_eq!(relative_image("  "), None);
        assert_eq!(relative_image("#anchor"), None);
    }
}
