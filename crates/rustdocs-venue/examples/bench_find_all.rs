//! Runs `gazetteer::find_all` alone over every paragraph of the report seed 20 times, for
//! callgrind: the share of the venue time that is the gazetteer scan.

use rustdocs_venue::gazetteer;

#[inline(never)]
fn measured(paragraphs: &[&str]) -> usize {
    let mut n = 0;
    for _ in 0..20 {
        for p in paragraphs {
            n += gazetteer::find_all(std::hint::black_box(p)).count();
        }
    }
    n
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/seeds/003_0bd08050aac06db2.md".to_owned());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let _ = gazetteer::find_all("北京市").count();
    println!("{} names", measured(&paragraphs));
}
