//! Regions: where a front-matter `location` says a document belongs, and whether a venue fits.

use serde::Serialize;

use crate::Venue;
use crate::gazetteer::{self, Division, Level};

/// Countries a front-matter `location` may name instead of a Chinese division.
const COUNTRIES: &[&str] = &[
    "美国",
    "新加坡",
    "日本",
    "韩国",
    "英国",
    "德国",
    "法国",
    "加拿大",
    "澳大利亚",
    "新西兰",
    "俄罗斯",
    "印度",
    "荷兰",
    "瑞士",
    "瑞典",
    "挪威",
    "芬兰",
    "丹麦",
    "意大利",
    "西班牙",
    "葡萄牙",
    "比利时",
    "奥地利",
    "爱尔兰",
    "以色列",
    "巴西",
    "墨西哥",
    "阿根廷",
    "马来西亚",
    "泰国",
    "越南",
    "印度尼西亚",
    "菲律宾",
    "阿联酋",
    "沙特阿拉伯",
    "土耳其",
    "波兰",
    "乌克兰",
];

/// A place at country, province, city and district granularity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Country (`中国`, `新加坡`).
    pub country: Option<String>,
    /// Province-level division, full name (`香港特别行政区`, `上海市`).
    pub province: Option<String>,
    /// Prefecture-level city, full name; municipalities repeat the province.
    pub city: Option<String>,
    /// County-level division, full name.
    pub district: Option<String>,
}

impl Region {
    /// Whether `venue` lies within this region.
    ///
    /// Only evidence counts: a venue that names no division (an online event, a bare building)
    /// or that stops above the region's own depth cannot contradict it, so it is contained.
    /// A region in another country contains no venue that names a Chinese division.
    #[must_use]
    pub fn contains(&self, venue: &Venue) -> bool {
        let v = region_of(venue);
        if v.country.is_none() {
            return true;
        }
        if self.country.is_some() && self.country != v.country {
            return false;
        }
        let agree = |mine: &Option<String>, theirs: &Option<String>| match (mine, theirs) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        agree(&self.province, &v.province)
            && agree(&self.city, &v.city)
            && agree(&self.district, &v.district)
    }

    /// A human-readable name: `中国香港特别行政区`, `中国上海市`, `新加坡`.
    #[must_use]
    pub fn display(&self) -> String {
        let mut out = String::new();
        for part in [&self.country, &self.province].into_iter().flatten() {
            out.push_str(part);
        }
        if self.city.is_some() && self.city != self.province {
            out.push_str(self.city.as_deref().unwrap_or_default());
        }
        if let Some(d) = &self.district {
            out.push_str(d);
        }
        out
    }

    /// The region of one division, with its ancestors filled in.
    #[must_use]
    pub fn of_division(d: &'static Division) -> Region {
        let mut r = Region {
            country: Some("中国".to_owned()),
            ..Region::default()
        };
        let mut cur = Some(d);
        while let Some(div) = cur {
            match div.level {
                Level::Province => {
                    r.province = Some(div.name.to_owned());
                    if div.is_municipality() {
                        r.city = Some(div.name.to_owned());
                    }
                }
                Level::Prefecture => r.city = Some(div.name.to_owned()),
                // County-level cities directly under a province act as their own city.
                Level::County
                    if div
                        .parent()
                        .is_some_and(|p| p.level == Level::Province && !p.is_municipality()) =>
                {
                    r.city = Some(div.name.to_owned());
                }
                Level::County => r.district = Some(div.name.to_owned()),
            }
            cur = div.parent();
        }
        r
    }
}

/// The region a venue lies in (country `中国` once it names any division).
#[must_use]
pub fn region_of(venue: &Venue) -> Region {
    let any = venue.province.is_some() || venue.city.is_some() || venue.district.is_some();
    Region {
        country: any.then(|| "中国".to_owned()),
        province: venue.province.clone(),
        city: venue.city.clone(),
        district: venue.district.clone(),
    }
}

/// Normalize a front-matter location (`中国香港`, `上海`, `新疆`, `美国`) to a region.
///
/// Returns `None` when the string is neither a known country nor a chain of Chinese divisions
/// that covers the whole string.
#[must_use]
pub fn normalize_location(s: &str) -> Option<Region> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    if COUNTRIES.contains(&s.as_str()) {
        return Some(Region {
            country: Some(s),
            ..Region::default()
        });
    }
    let rest = s
        .strip_prefix("中国")
        .or_else(|| s.strip_prefix("中华人民共和国"))
        .unwrap_or(&s);
    if rest.is_empty() {
        return Some(Region {
            country: Some("中国".to_owned()),
            ..Region::default()
        });
    }
    let mut pos = 0;
    let mut cur: Option<&'static Division> = None;
    while pos < rest.len() {
        let hit = gazetteer::match_at(rest, pos)?;
        let pick = hit
            .readings
            .iter()
            .filter(|r| cur.is_none_or(|c| r.division.is_within(c)))
            .min_by_key(|r| {
                (
                    r.division.level,
                    !r.division.parent().is_some_and(Division::is_municipality),
                )
            })?;
        cur = Some(pick.division);
        pos = hit.range.end;
    }
    cur.map(Region::of_division)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(country: &str, province: &str, city: &str, district: &str) -> Region {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Region {
            country: opt(country),
            province: opt(province),
            city: opt(city),
            district: opt(district),
        }
    }

    fn venue(province: &str, city: &str, district: &str) -> Venue {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Venue {
            province: opt(province),
            city: opt(city),
            district: opt(district),
            ..Venue::default()
        }
    }

    #[test]
    fn normalizes_front_matter_locations() {
        assert_eq!(
            normalize_location("中国香港"),
            Some(region("中国", "香港特别行政区", "", ""))
        );
        assert_eq!(
            normalize_location("香港"),
            Some(region("中国", "香港特别行政区", "", ""))
        );
        assert_eq!(
            normalize_location("上海"),
            Some(region("中国", "上海市", "上海市", ""))
        );
        assert_eq!(
            normalize_location("新疆"),
            Some(region("中国", "新疆维吾尔自治区", "", ""))
        );
        assert_eq!(
            normalize_location("杭州"),
            Some(region("中国", "浙江省", "杭州市", ""))
        );
        assert_eq!(
            normalize_location("浙江杭州"),
            Some(region("中国", "浙江省", "杭州市", ""))
        );
        assert_eq!(
            normalize_location("北京 海淀"),
            Some(region("中国", "北京市", "北京市", "海淀区"))
        );
        assert_eq!(
            normalize_location("新加坡"),
            Some(region("新加坡", "", "", ""))
        );
        assert_eq!(normalize_location("美国"), Some(region("美国", "", "", "")));
        assert_eq!(normalize_location("中国"), Some(region("中国", "", "", "")));
        assert_eq!(
            normalize_location("吉林"),
            Some(region("中国", "吉林省", "", ""))
        );
        assert_eq!(normalize_location("火星"), None);
        assert_eq!(normalize_location("上海某地"), None);
        assert_eq!(normalize_location(""), None);
    }

    #[test]
    fn containment() {
        let xicheng = venue("北京市", "北京市", "西城区");
        assert!(!normalize_location("中国香港").unwrap().contains(&xicheng));
        assert!(
            normalize_location("中国")
                .unwrap()
                .contains(&venue("北京市", "北京市", ""))
        );
        assert!(normalize_location("北京").unwrap().contains(&xicheng));
        assert!(
            normalize_location("上海")
                .unwrap()
                .contains(&venue("上海市", "上海市", "徐汇区"))
        );
        assert!(!normalize_location("上海").unwrap().contains(&xicheng));
        assert!(!normalize_location("新加坡").unwrap().contains(&xicheng));
        assert!(
            !normalize_location("杭州")
                .unwrap()
                .contains(&venue("浙江省", "宁波市", ""))
        );
        assert!(
            normalize_location("浙江")
                .unwrap()
                .contains(&venue("浙江省", "杭州市", "西湖区"))
        );
        // No division named: nothing to contradict.
        let online = Venue {
            online: true,
            platform: Some("Zoom".into()),
            ..Venue::default()
        };
        assert!(normalize_location("新加坡").unwrap().contains(&online));
    }

    #[test]
    fn display_and_region_of() {
        assert_eq!(
            normalize_location("中国香港").unwrap().display(),
            "中国香港特别行政区"
        );
        assert_eq!(normalize_location("上海").unwrap().display(), "中国上海市");
        assert_eq!(
            normalize_location("杭州西湖区").unwrap().display(),
            "中国浙江省杭州市西湖区"
        );
        assert_eq!(
            region_of(&venue("北京市", "北京市", "西城区")),
            region("中国", "北京市", "北京市", "西城区")
        );
        assert_eq!(region_of(&Venue::default()), Region::default());
    }
}
