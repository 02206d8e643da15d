//! Finding the dataset a path means.

use std::fs;
use std::path::Path;

use reconvene::store::{DatasetLocation, StoreError};

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    git2::Repository::init(dir.path()).expect("git init");
    dir
}

fn canonical(path: &Path) -> std::path::PathBuf {
    path.canonicalize().expect("exists")
}

#[test]
fn a_dataset_at_the_root_is_found_from_the_root_and_from_within() {
    let repo = repository();
    fs::write(repo.path().join("reconvene.ron"), "").expect("manifest");
    fs::create_dir_all(repo.path().join("actors/u")).expect("folders");
    let root = canonical(repo.path());
    for start in [repo.path().to_path_buf(), repo.path().join("actors/u")] {
        let found = DatasetLocation::find(&start).expect("found");
        assert_eq!(found.repo_root, root);
        assert_eq!(found.dataset_dir, root);
    }
}

#[test]
fn a_dataset_in_a_subfolder_is_found_from_the_root_from_itself_and_from_below() {
    let repo = repository();
    fs::create_dir_all(repo.path().join("data/actors/f")).expect("folders");
    fs::create_dir_all(repo.path().join("docs")).expect("folders");
    fs::write(repo.path().join("data/reconvene.ron"), "").expect("manifest");
    let root = canonical(repo.path());
    for start in ["", "data", "data/actors/f", "data/reconvene.ron"] {
        let found = DatasetLocation::find(&repo.path().join(start)).expect(start);
        assert_eq!(found.repo_root, root, "{start}");
        assert_eq!(found.dataset_dir, root.join("data"), "{start}");
    }
    let elsewhere = DatasetLocation::find(&repo.path().join("docs"));
    assert!(matches!(elsewhere, Err(StoreError::NoDataset(_))));
}

#[test]
fn two_dataset_folders_under_the_root_are_not_guessed_between() {
    let repo = repository();
    for name in ["one", "two"] {
        fs::create_dir_all(repo.path().join(name)).expect("folder");
        fs::write(repo.path().join(name).join("reconvene.ron"), "").expect("manifest");
    }
    let error = DatasetLocation::find(repo.path()).expect_err("ambiguous");
    assert!(matches!(error, StoreError::NoDataset(_)), "{error}");
    let one = DatasetLocation::find(&repo.path().join("one")).expect("found");
    assert_eq!(one.dataset_dir, canonical(&repo.path().join("one")));
}

#[test]
fn an_empty_repository_has_no_dataset() {
    let repo = repository();
    let error = DatasetLocation::find(repo.path()).expect_err("no dataset");
    assert_eq!(
        error.to_string(),
        format!(
            "{}: no dataset here (no reconvene.ron)",
            canonical(repo.path()).display()
        )
    );
}

#[test]
fn a_folder_outside_any_repository_is_not_a_repository() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let error = DatasetLocation::find(dir.path()).expect_err("no repository");
    assert!(matches!(error, StoreError::NotARepository(_)));
    assert!(
        error.to_string().contains("not a git repository"),
        "{error}"
    );
}

#[test]
fn a_bare_repository_is_not_a_place_for_a_dataset() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    git2::Repository::init_bare(dir.path()).expect("git init --bare");
    let error = DatasetLocation::find(dir.path()).expect_err("bare");
    assert!(matches!(error, StoreError::NotARepository(_)));
    assert!(error.to_string().contains("with a work tree"), "{error}");
}

#[test]
fn discovery_finds_the_work_trees_dataset_from_anywhere_inside_it() {
    let repo = repository();
    fs::create_dir_all(repo.path().join("data/actors/f")).expect("folders");
    fs::create_dir_all(repo.path().join("docs/notes")).expect("folders");
    fs::write(repo.path().join("data/reconvene.ron"), "").expect("manifest");
    let root = canonical(repo.path());
    for start in ["", "docs/notes", "data", "data/actors/f", ".git"] {
        let found = DatasetLocation::discover(&repo.path().join(start), &[])
            .expect(start)
            .expect("a dataset");
        assert_eq!(found.repo_root, root, "{start}");
        assert_eq!(found.dataset_dir, root.join("data"), "{start}");
    }
}

#[test]
fn discovery_finds_nothing_outside_a_work_tree_in_one_without_a_dataset_or_above_a_ceiling() {
    let plain = tempfile::tempdir().expect("a temporary folder");
    assert_eq!(
        DatasetLocation::discover(plain.path(), &[]).expect("ok"),
        None
    );
    let empty = repository();
    assert_eq!(
        DatasetLocation::discover(empty.path(), &[]).expect("ok"),
        None
    );
    let bare = tempfile::tempdir().expect("a temporary folder");
    git2::Repository::init_bare(bare.path()).expect("git init --bare");
    assert_eq!(
        DatasetLocation::discover(bare.path(), &[]).expect("ok"),
        None
    );

    let repo = repository();
    fs::write(repo.path().join("reconvene.ron"), "").expect("manifest");
    fs::create_dir_all(repo.path().join("actors/u")).expect("folders");
    let inside = repo.path().join("actors/u");
    let ceiling = vec![repo.path().join("actors")];
    assert_eq!(
        DatasetLocation::discover(&inside, &ceiling).expect("ok"),
        None
    );
    assert!(
        DatasetLocation::discover(&inside, &[])
            .expect("ok")
            .is_some()
    );
}
