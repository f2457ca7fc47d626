//! Grade bands and finding items, on frameworks written for the test.

use super::*;
use crate::diag::scale_name;
use crate::diag::source::SourceFile;

/// A framework with three bands and a gap: Low [0, 0.4), Fair [0.5, 0.8), High [0.8, 1].
/// (`ties check` rejects a gap; the rule still has to say what a score in one gets.)
fn banded() -> Framework {
    let file = SourceFile::new(
        "banded.yaml",
        "id: banded\ntitle: Banded\nversion: '1'\n\
         source: { publisher: Tests, title: Tests }\ndescription: Bands.\n\
         scales: []\nsections: []\nscoring:\n  bands:\n\
         \x20   - { grade: Low, min: 0, max: 0.4 }\n\
         \x20   - { grade: Fair, min: 0.5, max: 0.8 }\n\
         \x20   - { grade: High, min: 0.8, max: 1 }\n",
    );
    let node = crate::load::parse(&file).expect("YAML");
    crate::load::decode(&file, &node).expect("a framework")
}

/// Items in sections and sub-sections are found by id, each as `items()` lists it.
#[test]
fn every_item_is_found_by_its_id_however_deep() {
    let file = SourceFile::new(
        "deep.yaml",
        "id: deep\ntitle: Deep\nversion: '1'\n\
         source: { publisher: Tests, title: Tests }\ndescription: Nested.\n\
         scales: []\nsections:\n\
         \x20 - id: a\n    title: A\n    items: [{ id: a1, kind: question, text: A1 }]\n\
         \x20   sections:\n\
         \x20     - id: b\n        title: B\n        items: [{ id: b1, kind: question, text: B1 }, { id: b2, kind: question, text: B2 }]\n\
         \x20 - id: c\n    title: C\n    items: [{ id: c1, kind: question, text: C1 }]\n",
    );
    let node = crate::load::parse(&file).expect("YAML");
    let fw: Framework = crate::load::decode(&file, &node).expect("a framework");
    let ids: Vec<String> = fw.items().iter().map(|i| i.id.value.clone()).collect();
    assert_eq!(ids, ["a1", "b1", "b2", "c1"]);
    for id in &ids {
        assert_eq!(
            fw.item(id).map(|i| i.text.as_str()),
            Some(id.to_uppercase().as_str())
        );
    }
    assert!(fw.item("d1").is_none());
}

#[test]
fn a_band_holds_its_min_and_the_top_band_its_max() {
    let fw = banded();
    // Exactly on a band's min: that band, not the one below (whose max it is).
    assert_eq!(fw.band(0.8), Some(2));
    assert_eq!(fw.grade(0.8), Some("High"));
    assert_eq!(fw.band(0.5), Some(1));
    assert_eq!(fw.band(0.0), Some(0));
    // Just below a max: still the band below.
    assert_eq!(fw.band(0.79), Some(1));
    // The top band's max, 1.0, is in the top band; nothing above it is.
    assert_eq!(fw.band(1.0), Some(2));
    assert_eq!(fw.grade(1.0), Some("High"));
    assert_eq!(fw.band(1.01), None);
    // In the gap from 0.4 to 0.5: no band and no grade.
    assert_eq!(fw.band(0.4), None);
    assert_eq!(fw.band(0.45), None);
    assert_eq!(fw.grade(0.45), None);
}

#[test]
fn no_bands_no_band() {
    let mut fw = banded();
    fw.scoring.bands.value.clear();
    assert_eq!(fw.band(0.5), None);
    assert_eq!(fw.grade(0.5), None);
}

#[test]
fn a_scale_is_named_once_as_a_scale() {
    assert_eq!(scale_name("Provision"), "Provision scale");
    assert_eq!(
        scale_name("Six-point self-evaluation scale"),
        "Six-point self-evaluation scale"
    );
    assert_eq!(scale_name("Grading Scale "), "Grading Scale");
    assert_eq!(scale_name("Escalate"), "Escalate scale");
}

/// A framework that lists no nations is for every nation; the nations several frameworks share
/// are those each is for.
#[test]
fn the_nations_frameworks_share() {
    let framework = |id: &str, nations: &str| -> Framework {
        let file = SourceFile::new(
            format!("{id}.yaml"),
            format!(
                "id: {id}\ntitle: T\nversion: '1'\nsource: {{ publisher: Tests, title: Tests }}\n\
                 {nations}description: D.\nscales: []\nsections: []\n"
            ),
        );
        let node = crate::load::parse(&file).expect("YAML");
        crate::load::decode(&file, &node).expect("a framework")
    };
    let scottish = framework("s", "nations: [scotland]\n");
    let both = framework("b", "nations: [england-wales, scotland]\n");
    let unsaid = framework("u", "");
    assert!(unsaid.is_for(Nation::Scotland) && unsaid.is_for(Nation::EnglandWales));
    assert!(!scottish.is_for(Nation::EnglandWales));
    assert_eq!(shared_nations(&[&both, &unsaid]), Nation::ALL);
    assert_eq!(shared_nations(&[&scottish, &both]), [Nation::Scotland]);
    let english = framework("e", "nations: [england-wales]\n");
    assert!(shared_nations(&[&scottish, &english]).is_empty());
    assert_eq!(scottish.nations_in_words(), "Scotland");
}
