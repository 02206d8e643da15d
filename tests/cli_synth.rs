//! `reconvene synth`: a valid dataset of the asked size with the asked history.

mod cli_support;

use cli_support::{Sandbox, actor_files, arg, commits};

#[test]
fn synth_makes_a_valid_dataset_of_the_asked_size_and_history() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("synthetic");
    let run = sandbox.run(&[
        "synth",
        arg(&dir),
        "--actors",
        "120",
        "--history",
        "30",
        "--seed",
        "3",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("Created 120 actors and 31 commits"),
        "{}",
        run.stdout
    );
    assert_eq!(actor_files(&dir), 120);
    assert_eq!(commits(&dir).len(), 31);
    // Packed, as the tool keeps a repository: no object is left loose.
    let objects = std::process::Command::new("git")
        .args(["count-objects", "-v"])
        .current_dir(&dir)
        .output()
        .expect("git runs");
    let objects = String::from_utf8_lossy(&objects.stdout).into_owned();
    assert!(objects.lines().any(|l| l == "count: 0"), "{objects}");
    assert!(objects.lines().any(|l| l == "packs: 1"), "{objects}");
    let validate = sandbox.run(&["validate", "--repo", arg(&dir)]);
    assert_eq!(validate.code, 0, "{validate:?}");
    // Random grades draw warnings (grades their random evidence does not
    // support); the data is still valid, and the summary comes last.
    assert!(
        validate
            .stdout
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("valid: 120 actors, 12 recommendations")),
        "{}",
        validate.stdout
    );

    let again = sandbox.run(&["synth", arg(&dir), "--actors", "5", "--history", "0"]);
    assert_eq!(
        again.code, 2,
        "a folder with a dataset is refused: {again:?}"
    );
    assert_eq!(actor_files(&dir), 120, "and left alone");
}
