//! Venues and addresses in Chinese prose, structured down to the floor.
//!
//! Meetup announcements say where an event happens (`地点： 环球财讯中心 M 层
//! 北京市西城区宣武门外大街甲 1 号`); this crate turns that into a [`Venue`] with building,
//! floor, room, province, city, district, street and number, recognizes online events
//! (腾讯会议, Zoom, B 站, 线上直播) and normalizes front-matter locations (`中国香港`, `上海`)
//! to a [`Region`] that can be checked against a venue.
//!
//! Place names come from an embedded GB/T 2260 gazetteer ([`gazetteer`]). A gazetteer hit
//! alone never makes a venue: it needs a label (`地点：`), an address shape (a street or a
//! house number after it) or a building plus an event verb (`在杭州黄龙饭店隆重举行`). That is
//! what keeps `合作`, `最大化`, `东方` and `海口味` out.
//!
//! ```
//! use rustdocs_venue::{normalize_location, recognize};
//!
//! let text = "地点： 环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号";
//! let found = recognize(text);
//! assert_eq!(found.len(), 1);
//! let (range, venue) = &found[0];
//! assert_eq!(&text[range.clone()], "环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号");
//! assert_eq!(venue.building.as_deref(), Some("环球财讯中心"));
//! assert_eq!(venue.floor.as_deref(), Some("M"));
//! assert_eq!(venue.city.as_deref(), Some("北京市"));
//! assert_eq!(venue.district.as_deref(), Some("西城区"));
//! assert_eq!(venue.street.as_deref(), Some("宣武门外大街"));
//! assert_eq!(venue.number.as_deref(), Some("甲1号"));
//!
//! let hong_kong = normalize_location("中国香港").unwrap();
//! assert!(!hong_kong.contains(venue));
//! assert!(recognize("我们的目标是合作共赢、价值最大化").is_empty());
//! ```
//!
//! Conventions (the gold files' `venues` fields):
//! * components are strings as written with spaces and brackets removed;
//! * `floor` drops 层/楼 and keeps the numeral as written (`M 层` → `M`, `三层` → `三`,
//!   `45层` → `45`, `B1层` → `B1`);
//! * municipalities fill both `province` and `city`; a district implies its city and province;
//!   short forms are written out in full (`北京` → `北京市`);
//! * a unit of a building (`A7栋`, `B座`, `2 号楼 1 单元`) belongs to `building`, appended to the
//!   building name when there is one (`浦项中心B座`);
//! * halls and rooms (`616 房间`, `珍珠厅1`, `多功能厅`) are `room`; a floor written before a
//!   hall is the floor (`三层路演厅` → floor `三`, room `路演厅`);
//! * a district name that exists in several cities (`朝阳区`, `西湖区`) with nothing to choose
//!   between them fills `district` only, except that a municipality's district is preferred.
#![forbid(unsafe_code)]

mod cues;
pub mod gazetteer;
mod recognize;
mod region;

pub use recognize::{Notes, recognize, recognize_noting};
pub use region::{Region, normalize_location, region_of};

use serde::Serialize;

/// A place where something happens: a physical address, an online platform, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Venue {
    /// Building, campus or hotel, with any unit (`环球财讯中心`, `浦项中心B座`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    /// Floor without 层/楼 (`M`, `45`, `三`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<String>,
    /// Room or hall (`616房间`, `珍珠厅1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// Province-level division, full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Prefecture-level city, full name (the municipality itself for 北京市 etc.).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// County-level district, full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Street or road (`宣武门外大街`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// House number (`甲1号`, `701号`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Whether the event can be attended online.
    pub online: bool,
    /// Online platform (`腾讯会议`, `Zoom`, `B站`, `视频号`, `线上直播`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
}
