// ANCHOR: all
use std::collections::BTreeMap;

// ANCHOR: count
fn count(words: &[&str]) -> BTreeMap<String, usize> {
    let mut tally = BTreeMap::new();
    for w in words {
        *tally.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    tally
}
// ANCHOR_END: count

fn main() {
    // ANCHOR: call
    let t = count(&["Ink", "paper", "ink"]);
    // ANCHOR_END: call
    println!("{t:?}");
}
// ANCHOR_END: all
