//! `reconvene set --evidence-supports`: the grade a new evidence item
//! supports, checked by `validate` against the status set.

mod cli_support;

use cli_support::{Sandbox, arg, commits};

#[test]
fn evidence_supports_the_status_set_unless_told_otherwise() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let base = [
        "greece",
        "blacklist",
        "Substantial",
        "--note",
        "A vendor list is in force.",
        "--evidence-title",
        "Decree listing spyware vendors",
        "--evidence-source",
        "Government Gazette",
        "--evidence-date",
        "2023-06-01",
    ];
    let run = sandbox.set_as_ada(&repo, &base);
    assert_eq!(run.code, 0, "{run:?}");
    let file = std::fs::read_to_string(repo.join("actors/g/greece.ron")).expect("read");
    assert!(file.contains("supports: Substantial,"), "{file}");
    let strict = sandbox.run(&["validate", "--strict", "--repo", arg(&repo)]);
    assert_eq!(
        strict.code, 0,
        "the status is what its evidence supports: {strict:?}"
    );

    // Evidence that supports less than the status set is a warning.
    let mut weaker = base.to_vec();
    weaker[2] = "Implemented";
    weaker[6] = "Announcement of a vendor list";
    weaker.extend(["--evidence-supports", "initiated"]);
    let run = sandbox.set_as_ada(&repo, &weaker);
    assert_eq!(run.code, 0, "{run:?}");
    let strict = sandbox.run(&["validate", "--strict", "--repo", arg(&repo)]);
    assert_eq!(strict.code, 1, "{strict:?}");
    assert!(
        strict.stdout.contains(
            "warning: status on `blacklist` is Implemented but its evidence supports Substantial"
        ),
        "{}",
        strict.stdout
    );

    let unknown = sandbox.set_as_ada(
        &repo,
        &[&base[..], &["--evidence-supports", "Mostly"]].concat(),
    );
    assert_eq!(unknown.code, 1, "{unknown:?}");
    assert!(
        unknown.stderr.contains("--evidence-supports"),
        "{}",
        unknown.stderr
    );
    assert_eq!(commits(&repo).len(), 3, "the refused edit wrote nothing");
}
