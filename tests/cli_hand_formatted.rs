//! A coordinator's hand-formatted actor file survives edits from the tool:
//! `set` changes only the lines of the commitment it edits, and `fmt`
//! rewrites files canonically only when asked.

mod cli_support;

use std::path::Path;

use cli_support::{Sandbox, arg, commits};

const ADA: &str = "Ada Lovelace <ada@example.org>";

/// The United States, written by hand: CRLF line endings, two-space
/// indents, comments, a commitment on one line, entries out of order.
const HAND: &str = "// Kept by hand: please keep the comments.\r\n\
    #![enable(implicit_some)]\r\n\
    (\r\n\
    \x20 id: \"united-states\",\r\n\
    \x20 name: \"United States\", // official short name\r\n\
    \x20 kind: Government,\r\n\
    \x20 country: \"United States\",\r\n\
    \x20 commitments: {\r\n\
    \x20   \"oversight\": (status: Initiated, assessed: \"2024-11-01\"), // bill pending\r\n\
    \x20   /* the strongest case */\r\n\
    \x20   \"blacklist\": (\r\n\
    \x20     status: Initiated,\r\n\
    \x20     note: \"Entity List designations.\",\r\n\
    \x20     assessed: \"2024-11-01\",\r\n\
    \x20   ),\r\n\
    \x20   \"export-safeguards\": (status: Endorsed, assessed: \"2024-11-01\"),\r\n\
    \x20 },\r\n\
    )\r\n";

const PATH: &str = "actors/u/united-states.ron";

/// Replaces the actor's file with `text` and commits it by hand.
fn commit_by_hand(repo: &Path, text: &str) {
    std::fs::write(repo.join(PATH), text).expect("write the file");
    let git = git2::Repository::open(repo).expect("the repository");
    let mut index = git.index().expect("the index");
    index.add_path(Path::new(PATH)).expect("stage");
    index.write().expect("write the index");
    let tree = git
        .find_tree(index.write_tree().expect("a tree"))
        .expect("the tree");
    let parent = git
        .head()
        .and_then(|h| h.peel_to_commit())
        .expect("a commit");
    let me = git2::Signature::new("Bo", "bo@example.org", &git2::Time::new(1_700_000_000, 0))
        .expect("a signature");
    git.commit(Some("HEAD"), &me, &me, "Format by hand", &tree, &[&parent])
        .expect("commit");
}

/// The file as the branch tip holds it.
fn committed(repo: &Path) -> String {
    let git = git2::Repository::open(repo).expect("the repository");
    let tree = git.head().and_then(|h| h.peel_to_tree()).expect("a tree");
    let entry = tree.get_path(Path::new(PATH)).expect("the file");
    let blob = git.find_blob(entry.id()).expect("the blob");
    String::from_utf8(blob.content().to_vec()).expect("UTF-8")
}

#[test]
fn set_on_a_hand_formatted_crlf_file_changes_only_the_edited_commitments_lines() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    commit_by_hand(&repo, HAND);
    let run = sandbox.run(&[
        "set",
        "united-states",
        "blacklist",
        "Substantial",
        "--repo",
        arg(&repo),
        "--as",
        ADA,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        !run.stderr.contains("warning"),
        "spliced, so nothing to warn about: {}",
        run.stderr
    );
    let after = committed(&repo);
    assert_eq!(
        std::fs::read_to_string(repo.join(PATH)).expect("the working file"),
        after
    );
    let old: Vec<&str> = HAND.split_inclusive("\r\n").collect();
    let new: Vec<&str> = after.split_inclusive("\r\n").collect();
    // Lines 1-11 (up to and including `"blacklist": (`) and the last 4 are
    // the hand-written ones, byte for byte.
    assert_eq!(new[..11], old[..11], "{after}");
    assert_eq!(new[new.len() - 4..], old[old.len() - 4..], "{after}");
    let edited = new[11..new.len() - 4].concat();
    assert!(
        edited.starts_with("      status: Substantial,\r\n      note: \"Entity List designations.\",\r\n      assessed: \""),
        "{edited:?}"
    );
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "only CRLF: {after:?}"
    );

    // A commitment that was not there goes in without disturbing the rest.
    let run = sandbox.run(&[
        "set",
        "united-states",
        "acceptable-use",
        "Endorsed",
        "--repo",
        arg(&repo),
        "--as",
        ADA,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let again = committed(&repo);
    assert!(
        again.contains(
            "  commitments: {\r\n    \"acceptable-use\": (\r\n      status: Endorsed,\r\n"
        ),
        "{again}"
    );
    assert!(
        again.ends_with(&after[after.find("    \"oversight\"").expect("kept")..]),
        "{again}"
    );
    assert!(again.starts_with("// Kept by hand: please keep the comments.\r\n"));
    assert_eq!(commits(&repo).len(), 4);
}

#[test]
fn validate_notes_a_hand_formatted_file_without_failing_and_fmt_check_lists_it() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let check = sandbox.run(&["fmt", "--check", "--repo", arg(&repo)]);
    // The manifest, the recommendations and every actor file.
    let files = cli_support::actor_files(&repo) + 2;
    assert_eq!(check.code, 0, "{check:?}");
    assert_eq!(check.stdout, format!("canonical: {files} files\n"));

    commit_by_hand(&repo, HAND);
    let validate = sandbox.run(&["validate", "--repo", arg(&repo)]);
    assert_eq!(validate.code, 0, "a note is not a problem: {validate:?}");
    // The hand file's grades rest on no evidence: warnings, which are not
    // what this test is about.
    let lines: Vec<&str> = validate
        .stdout
        .lines()
        .filter(|l| !l.contains(": warning: "))
        .collect();
    assert_eq!(
        lines[0],
        "actors/u/united-states.ron:1:1: note: not in canonical form; `reconvene fmt` rewrites it (saves keep its layout)"
    );
    assert!(lines[1].starts_with("valid: "), "{}", validate.stdout);
    assert_eq!(lines.len(), 2, "{}", validate.stdout);

    let check = sandbox.run(&["fmt", "--check", "--repo", arg(&repo)]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_eq!(check.stdout, "actors/u/united-states.ron\n");
    assert_eq!(
        check.stderr,
        format!(
            "1 of {files} files is not in canonical form in {}; `reconvene fmt` rewrites them\n",
            repo.canonicalize().expect("exists").display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(repo.join(PATH)).expect("the file"),
        HAND,
        "--check changes nothing"
    );
}

#[test]
fn fmt_rewrites_only_what_is_not_canonical_in_the_working_tree_and_commits_nothing() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    commit_by_hand(&repo, HAND);
    let france = std::fs::read(repo.join("actors/f/france.ron")).expect("france");
    let before = commits(&repo).len();
    let summary = sandbox.run(&["validate", "--repo", arg(&repo)]).stdout;
    let summary = summary.lines().last().expect("a summary").to_string();

    let run = sandbox.run(&["fmt", "--repo", arg(&repo)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "rewrote actors/u/united-states.ron\n");
    assert!(
        run.stderr.contains("nothing was committed"),
        "{}",
        run.stderr
    );
    assert_eq!(commits(&repo).len(), before, "no commit");
    let text = std::fs::read_to_string(repo.join(PATH)).expect("the file");
    assert!(
        text.starts_with("#![enable(implicit_some)]\n(\n    id: \"united-states\",\n"),
        "{text}"
    );
    assert!(!text.contains("//") && !text.contains('\r'), "{text}");
    assert_eq!(
        std::fs::read(repo.join("actors/f/france.ron")).expect("france"),
        france,
        "a canonical file is not touched"
    );
    let validate = sandbox.run(&["validate", "--repo", arg(&repo)]);
    let not_warnings: Vec<&str> = validate
        .stdout
        .lines()
        .filter(|l| !l.contains(": warning: "))
        .collect();
    assert_eq!(
        not_warnings,
        [summary],
        "the same data, now canonical, with no note"
    );
    let leftovers: Vec<_> = std::fs::read_dir(repo.join("actors/u"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .filter(|name| name.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let again = sandbox.run(&["fmt", "--repo", arg(&repo)]);
    let files = cli_support::actor_files(&repo) + 2;
    assert_eq!(
        again.stdout,
        format!("canonical: {files} files; nothing to rewrite\n")
    );
}

#[test]
fn fmt_on_an_invalid_dataset_writes_nothing_and_says_why() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    std::fs::write(repo.join(PATH), HAND.replace("Initiated", "Begun")).expect("break it");
    let hand = std::fs::read(repo.join(PATH)).expect("file");
    let run = sandbox.run(&["fmt", "--repo", arg(&repo)]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.starts_with("actors/u/united-states.ron:9:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.ends_with(
            "reconvene: fmt: the dataset must be valid to be rewritten; nothing was written\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(repo.join(PATH)).expect("file"), hand);
}

#[test]
fn a_file_whose_layout_leaves_no_line_for_a_new_commitment_is_rewritten_canonically_and_set_says_so()
 {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    commit_by_hand(
        &repo,
        "(id: \"united-states\", name: \"United States\", kind: Government, \
         commitments: {\"blacklist\": (status: Initiated), \"oversight\": (status: Initiated)})\n",
    );
    let run = sandbox.run(&[
        "set",
        "united-states",
        "export-safeguards",
        "Endorsed",
        "--repo",
        arg(&repo),
        "--as",
        ADA,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains(
            "reconvene: warning: actors/u/united-states.ron was rewritten in canonical form: \
             its commitments do not each start a line\n"
        ),
        "{}",
        run.stderr
    );
    let check = sandbox.run(&["fmt", "--check", "--repo", arg(&repo)]);
    assert_eq!(check.code, 0, "now canonical: {check:?}");
}
