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
    assert_eq!(run.stderr, "", "spliced, so nothing to warn about");
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
