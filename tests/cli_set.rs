//! `reconvene set` through the real binary: the edit lands as one commit by
//! the coordinator, stale expectations and unknown names are refused.

mod cli_support;

use cli_support::{Sandbox, arg, commits};

#[test]
fn set_commits_the_edit_under_the_coordinators_name_and_prints_the_commit() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let note = "The 2022 law is now enforced against named vendors.";
    let run = sandbox.set_as_ada(
        &repo,
        &["greece", "blacklist", "Substantial", "--note", note],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let printed = run.stdout.trim();
    assert_eq!(printed.len(), 40, "a full commit id: {printed:?}");
    let dataset = repo.canonicalize().expect("the repository's path");
    assert!(
        run.stderr.contains(&format!(
            "Committed greece · blacklist to {}",
            dataset.display()
        )) || run.stderr.contains(&format!(
            "Committed greece · blacklist to {}",
            repo.display()
        )),
        "says where it wrote: {}",
        run.stderr
    );

    let history = commits(&repo);
    assert_eq!(history.len(), 2, "{history:?}");
    let (id, name, email) = &history[0];
    assert_eq!(id, printed);
    assert_eq!(
        (name.as_str(), email.as_str()),
        ("Ada Lovelace", "ada@example.org")
    );
    let git = git2::Repository::open(&repo).expect("the repository");
    let commit = git
        .find_commit(git2::Oid::from_str(id).expect("an id"))
        .expect("the commit");
    let message = commit.message().unwrap_or_default();
    assert_eq!(commit.committer().name().ok(), Some("Ada Lovelace"));
    assert!(
        message.starts_with("Greece · blacklist: No evidence → Substantial"),
        "{message}"
    );
    assert!(message.contains("Actor: greece"), "{message}");
    assert!(message.contains("Recommendation: blacklist"), "{message}");

    let file = std::fs::read_to_string(repo.join("actors/g/greece.ron")).expect("read");
    assert!(file.contains("The 2022 law is now enforced against named vendors."));
    let validate = sandbox.run(&["validate", "--repo", arg(&repo)]);
    assert_eq!(validate.code, 0, "{validate:?}");
}

#[test]
fn a_stale_if_status_or_an_unknown_name_is_refused_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let stale = sandbox.set_as_ada(
        &repo,
        &[
            "greece",
            "blacklist",
            "Implemented",
            "--if-status",
            "Endorsed",
        ],
    );
    assert_eq!(stale.code, 1, "{stale:?}");
    assert!(
        stale.stderr.contains("is NoEvidence, not Endorsed"),
        "{}",
        stale.stderr
    );

    let unknown = sandbox.set_as_ada(&repo, &["greece", "blacklist", "Done"]);
    assert_eq!(unknown.code, 1, "{unknown:?}");
    assert!(
        unknown.stderr.contains("Implemented"),
        "valid statuses named: {}",
        unknown.stderr
    );

    let no_rec = sandbox.set_as_ada(&repo, &["greece", "spyware", "Implemented"]);
    assert_eq!(no_rec.code, 1, "{no_rec:?}");
    assert!(
        no_rec.stderr.contains("blacklist"),
        "valid recommendations named: {}",
        no_rec.stderr
    );

    assert_eq!(commits(&repo).len(), 1, "nothing was committed");
}

#[test]
fn set_without_any_identity_is_an_environment_error() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let run = sandbox.run(&[
        "set",
        "greece",
        "blacklist",
        "Implemented",
        "--repo",
        arg(&repo),
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--as"), "{}", run.stderr);
    assert_eq!(commits(&repo).len(), 1);
}
