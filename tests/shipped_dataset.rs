//! The dataset compiled into the binary: it loads cleanly, holds what the
//! blueprint holds, and is written exactly as the canonical writer writes it.

use reconvene::model::{Manifest, Recommendation};
use reconvene::store::{
    actor_to_ron, embedded, load_files, manifest_to_ron, parse_actor, parse_file,
    recommendations_to_ron,
};

fn shipped() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    embedded::FILES.iter().map(|(p, t)| (*p, t.as_bytes()))
}

#[test]
fn the_shipped_dataset_loads_with_no_problems() {
    let dataset = match load_files(shipped()) {
        Ok(dataset) => dataset,
        Err(problems) => panic!("the shipped dataset has problems:\n{problems}"),
    };
    assert!(
        dataset.actors.len() >= 40,
        "{} actors",
        dataset.actors.len()
    );
    let ids: Vec<&str> = dataset
        .recommendations
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "acceptable-use",
            "export-safeguards",
            "transparent-procurement",
            "vendor-verification",
            "blacklist",
            "non-state-purchases",
            "oversight",
            "former-officials",
            "tech-accord-principles",
            "vulnerability-handling",
            "publish-findings",
            "market-knowledge",
        ]
    );
    let tracked: Vec<&str> = dataset
        .recommendations
        .iter()
        .filter(|r| r.tracked)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(tracked, &ids[..7]);
    assert!(dataset.manifest.reconvening().is_some());
}

#[test]
fn every_shipped_file_is_byte_identical_to_what_the_writer_writes() {
    let mut checked = 0;
    for (path, text) in embedded::FILES {
        let rewritten = match *path {
            "reconvene.ron" => {
                parse_file::<Manifest>(path, text.as_bytes()).map(|m| manifest_to_ron(&m))
            }
            "recommendations.ron" => parse_file::<Vec<Recommendation>>(path, text.as_bytes())
                .map(|r| recommendations_to_ron(&r)),
            path if path.starts_with("actors/") && path.ends_with(".ron") => {
                parse_actor(path, text.as_bytes()).map(|a| actor_to_ron(&a))
            }
            _ => continue,
        };
        match rewritten {
            Ok(rewritten) => assert_eq!(&rewritten, text, "{path} is not canonical"),
            Err(problems) => panic!("{problems}"),
        }
        checked += 1;
    }
    assert!(checked >= 42, "only {checked} data files are shipped");
}

#[test]
fn a_repository_made_by_init_holds_a_valid_dataset() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let author = reconvene::store::identity::Identity::tool();
    reconvene::store::init_repository(dir.path(), false, &author).expect("init");
    let location = reconvene::store::DatasetLocation::find(dir.path()).expect("found");
    let dataset = reconvene::store::load_dataset(&location.dataset_dir);
    assert_eq!(dataset, load_files(shipped()));
    assert!(dataset.is_ok());
}
