//! Runs the case files in `tests/cases/*.toml` (format in `tests/cases/README.md`).

use std::path::Path;

use rustdocs_venue::{Venue, recognize};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    venues: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    building: Option<String>,
    floor: Option<String>,
    room: Option<String>,
    province: Option<String>,
    city: Option<String>,
    district: Option<String>,
    street: Option<String>,
    number: Option<String>,
    #[serde(default)]
    online: bool,
    platform: Option<String>,
}

impl Expected {
    fn venue(&self) -> Venue {
        Venue {
            building: self.building.clone(),
            floor: self.floor.clone(),
            room: self.room.clone(),
            province: self.province.clone(),
            city: self.city.clone(),
            district: self.district.clone(),
            street: self.street.clone(),
            number: self.number.clone(),
            online: self.online,
            platform: self.platform.clone(),
        }
    }
}

#[test]
fn case_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    for path in &paths {
        let source = std::fs::read_to_string(path).expect("readable case file");
        let file: File =
            toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in file.case {
            total += 1;
            let got: Vec<(String, Venue)> = recognize(&case.text)
                .into_iter()
                .map(|(r, v)| (case.text[r].to_owned(), v))
                .collect();
            let want: Vec<(String, Venue)> = case
                .venues
                .iter()
                .map(|e| (e.text.clone(), e.venue()))
                .collect();
            if got != want {
                failures.push(format!(
                    "{}::{}\n  text: {}\n  want: {want:?}\n  got:  {got:?}",
                    path.file_name()
                        .map(|f| f.to_string_lossy())
                        .unwrap_or_default(),
                    case.name,
                    case.text
                ));
            }
        }
    }
    assert!(total >= 100, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
