//! `reconvene init DIR [--empty]` on the real binary.

mod cli_support;

use cli_support::{Sandbox, actor_files, arg, commits};

#[test]
fn init_makes_a_repository_with_one_commit_by_the_tool() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("group");
    let run = sandbox.run(&["init", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");

    let history = commits(&dir);
    assert_eq!(history.len(), 1, "{history:?}");
    let (id, name, email) = &history[0];
    assert_eq!(name, "reconvene");
    assert_eq!(email, "reconvene@localhost");
    // It says where and which commit.
    assert!(run.stdout.contains(arg(&dir)), "{}", run.stdout);
    assert!(run.stdout.contains(id.as_str()), "{}", run.stdout);
    assert!(dir.join("reconvene.ron").is_file());
    assert!(actor_files(&dir) > 0, "the shipped dataset has actors");
}

#[test]
fn init_refuses_a_folder_that_holds_something_and_leaves_it_alone() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("occupied");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("notes.txt"), "mine\n").expect("write");

    let run = sandbox.run(&["init", arg(&dir)]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(run.stderr.contains(arg(&dir)), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);

    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("still there")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["notes.txt"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).expect("read"),
        "mine\n"
    );
}

#[test]
fn init_accepts_an_existing_empty_folder() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("ready");
    std::fs::create_dir(&dir).expect("mkdir");
    let run = sandbox.run(&["init", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(commits(&dir).len(), 1);
}

#[test]
fn init_empty_holds_the_manifest_and_recommendations_only() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("blank");
    let run = sandbox.run(&["init", arg(&dir), "--empty"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(commits(&dir).len(), 1);
    assert!(dir.join("reconvene.ron").is_file());
    assert!(dir.join("recommendations.ron").is_file());
    assert_eq!(actor_files(&dir), 0);

    let validate = sandbox.run(&["validate", "--repo", arg(&dir)]);
    assert_eq!(validate.code, 0, "{validate:?}");
    assert!(
        validate.stdout.starts_with("valid: 0 actors, "),
        "{}",
        validate.stdout
    );
    assert!(
        validate.stdout.ends_with(", 0 commitments\n"),
        "{}",
        validate.stdout
    );
}

#[test]
fn init_needs_a_folder_argument() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["init"]);
    assert_eq!(run.code, 2, "{run:?}");
}
