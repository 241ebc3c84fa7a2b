//! Properties: ranges lie inside the input on char boundaries, in order, and no input panics.

use proptest::prelude::*;
use rustdocs_venue::{normalize_location, recognize, region_of};

/// Fragments that exercise the grammar far more often than random characters would.
const PIECES: &[&str] = &[
    "地点：",
    "地址:",
    "Venue:",
    "北京市",
    "北京",
    "海淀区",
    "朝阳",
    "西湖区",
    "上海",
    "浦东新区",
    "杭州",
    "中关村大街",
    "路",
    "道",
    "街道",
    "甲",
    "1",
    "27",
    " 号",
    "号楼",
    "A7栋",
    "B座",
    "M 层",
    "3 楼",
    "一楼",
    "厅",
    "616 房间",
    "中心",
    "大厦",
    "Tower",
    "酒店",
    "在",
    "举行",
    "，",
    "。",
    "（",
    "）",
    "\n",
    "\u{FFFC}",
    "线上直播",
    "腾讯会议",
    "B 站",
    "：",
    " ",
    "合作",
    "最大化",
    "é",
    "🦀",
    "的",
];

fn assembled() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let found = recognize(text);
    let mut last_start = 0;
    for (r, v) in &found {
        assert!(
            r.start < r.end && r.end <= text.len(),
            "{r:?} outside {text:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?} in {text:?}"
        );
        assert!(r.start >= last_start, "out of order in {text:?}");
        last_start = r.start;
        let region = region_of(v);
        assert!(region.contains(v), "a venue lies in its own region: {v:?}");
    }
}

proptest! {
    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
        let _ = normalize_location(&text);
    }

    #[test]
    fn address_like(text in assembled()) {
        check(&text);
        let _ = normalize_location(&text);
    }
}

#[test]
fn long_input_stays_fast() {
    let text = "北京市海淀区中关村".repeat(20_000);
    let started = std::time::Instant::now();
    let _ = recognize(&text);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
