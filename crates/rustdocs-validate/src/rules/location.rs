//! `location-mismatch`: the front-matter location against the venues in the body.

use rustdocs_extract::{EntityKind, EntityValue};
use rustdocs_venue::{normalize_location, region_of};

use super::{LOCATION_MISMATCH, diagnostic};
use crate::context::Context;
use crate::{Diagnostic, Related};

/// Front-matter keys that state where an event takes place.
const LOCATION_KEYS: [&str; 2] = ["location", "city"];

/// At most this many venues are listed as related spans; more add noise, not evidence.
const MAX_RELATED: usize = 3;

pub(crate) fn location_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = ctx.input.front_matter else {
        return;
    };
    let Some(entry) = fm
        .entries
        .iter()
        .find(|e| LOCATION_KEYS.iter().any(|k| k.eq_ignore_ascii_case(&e.key)))
    else {
        return;
    };
    let Some(written) = entry.value.as_str() else {
        return;
    };
    let Some(region) = normalize_location(written) else {
        return;
    };

    let physical: Vec<_> = ctx
        .input
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Venue && e.front_matter_key.is_none() && !e.quoted)
        .filter_map(|e| match &e.value {
            EntityValue::Venue(v) => {
                let r = region_of(v);
                r.country.is_some().then_some((e, v, r))
            }
            _ => None,
        })
        .collect();
    if physical.is_empty() || physical.iter().any(|(_, v, _)| region.contains(v)) {
        return;
    }
    let place = |r: &rustdocs_venue::Region| {
        let shown = r.display();
        shown
            .strip_prefix("中国")
            .filter(|s| !s.is_empty())
            .map_or(shown.clone(), str::to_owned)
    };
    let first = place(&physical[0].2);
    let span = entry.text_span.unwrap_or(entry.value_span);
    let mut d = diagnostic(
        &LOCATION_MISMATCH,
        span,
        format!(
            "the front-matter `{}` is {written} ({}), but the venue in the body is in {first}",
            entry.key,
            region.display()
        ),
    );
    d.label = Some(format!("{written} is not {first}"));
    d.related = physical
        .iter()
        .take(MAX_RELATED)
        .map(|(e, _, r)| Related {
            span: e.span,
            message: format!("the venue is in {}", place(r)),
        })
        .collect();
    out.push(d);
}
