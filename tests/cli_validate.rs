//! `reconvene validate` on repositories made by `init`.

mod cli_support;

use std::path::Path;

use cli_support::{Sandbox, actor_files, arg};

/// The summary `validate` must print for the dataset in `dir`, counted from
/// the files themselves.
fn expected_summary(dir: &Path) -> String {
    let dataset = reconvene::store::load_dataset(dir).expect("the shipped dataset is valid");
    assert_eq!(dataset.actors.len(), actor_files(dir));
    format!(
        "valid: {} actors, {} recommendations, {} commitments\n",
        dataset.actors.len(),
        dataset.recommendations.len(),
        dataset.commitment_count()
    )
}

#[test]
fn a_fresh_dataset_is_valid_and_summarised_in_one_line() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let run = sandbox.run(&["validate", "--repo", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, expected_summary(&dir));
    assert_eq!(run.stderr, "");
}

#[test]
fn repo_is_accepted_before_and_after_the_command_and_from_the_environment() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let expected = expected_summary(&dir);
    for run in [
        sandbox.run(&["--repo", arg(&dir), "validate"]),
        sandbox.run(&["validate", "--repo", arg(&dir)]),
        sandbox.run_with(&["validate"], &[("RECONVENE_REPO", arg(&dir))]),
    ] {
        assert_eq!(run.code, 0, "{run:?}");
        assert_eq!(run.stdout, expected);
    }
}

#[test]
fn the_flag_wins_over_the_environment() {
    let sandbox = Sandbox::new();
    let good = sandbox.init("good");
    let not_a_repo = sandbox.path("plain");
    std::fs::create_dir(&not_a_repo).expect("mkdir");
    let run = sandbox.run_with(
        &["validate", "--repo", arg(&good)],
        &[("RECONVENE_REPO", arg(&not_a_repo))],
    );
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_bad_status_is_reported_at_its_file_line_and_column() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let file = dir.join("actors/u/united-states.ron");
    let text = std::fs::read_to_string(&file).expect("the shipped dataset has the United States");
    let (line_index, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.trim_start().starts_with("status: "))
        .expect("a commitment with a status");
    let column = line.find("status: ").expect("found") + "status: ".len() + 1;
    let status_end = line.find(',').expect("a comma after the status");
    let broken_line = format!("{}Done{}", &line[..column - 1], &line[status_end..]);
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line_index {
                broken_line.clone()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&file, broken.join("\n") + "\n").expect("write");

    let run = sandbox.run(&["validate", "--repo", arg(&dir)]);
    assert_eq!(run.code, 1, "{run:?}");
    let reported = run.stdout.lines().next().expect("a problem line");
    let prefix = format!("actors/u/united-states.ron:{}:{column}: ", line_index + 1);
    assert!(
        reported.starts_with(&prefix),
        "{reported:?} should start {prefix:?}"
    );
    assert!(reported.contains("Done"), "{reported}");
    assert!(
        reported.contains("Implemented"),
        "valid statuses named: {reported}"
    );
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stderr.starts_with("1 problem in "), "{}", run.stderr);
}

#[test]
fn a_folder_outside_any_repository_is_an_environment_error() {
    let sandbox = Sandbox::new();
    let plain = sandbox.path("plain");
    std::fs::create_dir(&plain).expect("mkdir");
    let run = sandbox.run(&["validate", "--repo", arg(&plain)]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("not a git repository"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(arg(&plain)), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn a_repository_without_a_dataset_is_an_environment_error() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("other");
    git2::Repository::init(&dir).expect("git init");
    let run = sandbox.run(&["validate", "--repo", arg(&dir)]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no dataset"), "{}", run.stderr);
}

/// Copies every file of `from` (but `.git`) into `to`.
fn copy_dataset(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("readable") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dataset(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn repo_may_name_the_repository_root_or_the_dataset_folder_inside_it() {
    let sandbox = Sandbox::new();
    let shipped = sandbox.init("shipped");
    let root = sandbox.path("wg-records");
    git2::Repository::init(&root).expect("git init");
    let dataset = root.join("cyber-mercenaries");
    std::fs::create_dir(&dataset).expect("mkdir");
    copy_dataset(&shipped, &dataset);
    let expected = expected_summary(&dataset);

    for repo in [&dataset, &root] {
        let run = sandbox.run(&["validate", "--repo", arg(repo)]);
        assert_eq!(run.code, 0, "{repo:?}: {run:?}");
        assert_eq!(run.stdout, expected);
    }
}

#[test]
fn a_missing_folder_from_the_environment_is_named_with_its_source() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("nowhere");
    let run = sandbox.run_with(&["validate"], &[("RECONVENE_REPO", arg(&missing))]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with("reconvene: RECONVENE_REPO: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(arg(&missing)), "{}", run.stderr);
}
