//! Splicing on canonical and hand-written files.

use super::*;
use crate::model::{Commitment, Day, Status};

const CANONICAL: &str = include_str!("../../../../tests/fixtures/valid/actors/u/united-states.ron");

/// A hand-written file: CRLF, two-space indents, comments everywhere,
/// entries out of order, one on a single line.
const HAND: &str = "// United States, kept by hand\r\n\
    (\r\n\
    \x20 id: \"united-states\", // the slug\r\n\
    \x20 name: \"United States\",\r\n\
    \x20 kind: Government,\r\n\
    \x20 commitments: {\r\n\
    \x20   // strongest first\r\n\
    \x20   \"oversight\": (status: Initiated, note: \"Bill pending.\"),\r\n\
    \x20   \"blacklist\": (\r\n\
    \x20     status: Substantial, /* checked 2024 */\r\n\
    \x20     assessed: \"2024-11-01\",\r\n\
    \x20   ),\r\n\
    \x20   \"publish-findings\": (status: Endorsed),\r\n\
    \x20 },\r\n\
    )\r\n";

fn load(text: &str) -> Actor {
    parse_file("actor.ron", text.as_bytes()).expect("a valid actor file")
}

fn with(actor: &Actor, key: &str, commitment: Option<Commitment>) -> Actor {
    let mut actor = actor.clone();
    match commitment {
        Some(c) => actor.commitments.insert(key.into(), c),
        None => actor.commitments.remove(key),
    };
    actor
}

fn implemented() -> Commitment {
    Commitment {
        status: Status::Implemented,
        note: "In force.".into(),
        assessed: chrono::NaiveDate::from_ymd_opt(2026, 1, 2).map(Day),
        ..Commitment::default()
    }
}

/// The lines of `text` split after each line ending, endings kept.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

#[test]
fn a_canonical_file_spliced_is_the_canonical_text() {
    let before = load(CANONICAL);
    for after in [
        with(&before, "blacklist", Some(implemented())),
        with(&before, "acceptable-use", Some(implemented())),
        with(&before, "vulnerability-handling", Some(implemented())),
        with(&before, "blacklist", None),
    ] {
        let spliced = actor_text(Some(CANONICAL.as_bytes()), &after);
        assert_eq!(spliced.rewritten, None);
        if after.commitments.is_empty() {
            // Emptied: the map stays, written `{}` once reloaded alike.
            assert_eq!(load(&spliced.text), after);
        } else {
            assert_eq!(spliced.text, actor_to_ron(&after));
        }
    }
}

#[test]
fn a_changed_commitment_leaves_every_other_line_of_a_hand_written_file_alone() {
    let before = load(HAND);
    let after = with(&before, "blacklist", Some(implemented()));
    let spliced = actor_text(Some(HAND.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert_eq!(load(&spliced.text), after);
    let old = lines(HAND);
    let new = lines(&spliced.text);
    // Lines 1-8 and from `"publish-findings"` on are untouched.
    assert_eq!(new[..8], old[..8]);
    assert_eq!(new[new.len() - 3..], old[old.len() - 3..]);
    assert_eq!(
        new[8..new.len() - 3].concat(),
        "    \"blacklist\": (\r\n      status: Implemented,\r\n      \
         note: \"In force.\",\r\n      assessed: \"2026-01-02\",\r\n    ),\r\n"
    );
    assert!(
        new.iter().all(|line| line.ends_with("\r\n")),
        "every line keeps its CRLF: {new:?}"
    );
}

#[test]
fn a_new_commitment_goes_before_the_first_key_after_it_with_the_files_indent_and_endings() {
    let before = load(HAND);
    // `oversight` is the first key in the file to sort after it.
    let after = with(&before, "acceptable-use", Some(implemented()));
    let spliced = actor_text(Some(HAND.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert_eq!(load(&spliced.text), after);
    let expected = HAND.replace(
        "    \"oversight\": (",
        "    \"acceptable-use\": (\r\n      status: Implemented,\r\n      \
         note: \"In force.\",\r\n      assessed: \"2026-01-02\",\r\n    ),\r\n    \
         \"oversight\": (",
    );
    assert_eq!(spliced.text, expected);
}

#[test]
fn a_new_commitment_after_every_key_follows_the_last_entry_and_its_comment() {
    let text = "(\n  id: \"x\",\n  name: \"X\",\n  kind: Industry,\n  commitments: {\n    \"a\": (status: Endorsed) // signed\n  }\n)\n";
    let before = load(text);
    let after = with(&before, "z", Some(implemented()));
    let spliced = actor_text(Some(text.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert_eq!(load(&spliced.text), after);
    assert!(
        spliced.text.contains(
            "    \"a\": (status: Endorsed), // signed\n    \"z\": (\n      status: Implemented,"
        ),
        "{}",
        spliced.text
    );
}

#[test]
fn a_removed_commitment_takes_only_its_own_lines() {
    let before = load(HAND);
    let after = with(&before, "blacklist", None);
    let spliced = actor_text(Some(HAND.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert_eq!(load(&spliced.text), after);
    let blacklist = "    \"blacklist\": (\r\n      status: Substantial, /* checked 2024 */\r\n      assessed: \"2024-11-01\",\r\n    ),\r\n";
    assert_eq!(spliced.text, HAND.replace(blacklist, ""));
}

#[test]
fn a_file_without_commitments_gets_the_field_as_its_last() {
    let text = "#![enable(implicit_some)]\n(\n    id: \"france\", // FR\n    name: \"France\",\n    kind: Government\n)\n";
    let before = load(text);
    let after = with(&before, "blacklist", Some(implemented()));
    let spliced = actor_text(Some(text.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert_eq!(load(&spliced.text), after);
    assert!(
        spliced.text.starts_with(
            "#![enable(implicit_some)]\n(\n    id: \"france\", // FR\n    name: \"France\",\n    kind: Government,\n    commitments: {\n        \"blacklist\": (\n"
        ),
        "{}",
        spliced.text
    );
}

#[test]
fn cr_only_endings_and_a_byte_order_mark_are_kept() {
    let text = "\u{feff}(\r  id: \"x\",\r  name: \"X\",\r  kind: Industry,\r  commitments: {\r    \"a\": (status: Endorsed),\r  },\r)\r";
    let before = load(text);
    let after = with(&before, "a", Some(implemented()));
    let spliced = actor_text(Some(text.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert!(spliced.text.starts_with('\u{feff}'));
    assert!(!spliced.text.contains('\n'), "{:?}", spliced.text);
    assert_eq!(load(&spliced.text), after);
}

#[test]
fn what_cannot_be_spliced_is_written_canonically_and_says_why() {
    let before = load(HAND);
    let mut renamed = with(&before, "blacklist", Some(implemented()));
    renamed.name = "USA".into();
    let spliced = actor_text(Some(HAND.as_bytes()), &renamed);
    assert_eq!(spliced.text, actor_to_ron(&renamed));
    assert_eq!(
        spliced.rewritten.as_deref(),
        Some("fields other than commitments changed")
    );

    let inline = "(id: \"x\", name: \"X\", kind: Industry, commitments: {\"a\": (status: Endorsed), \"c\": (status: Endorsed)})";
    let before = load(inline);
    let after = with(&before, "b", Some(implemented()));
    let spliced = actor_text(Some(inline.as_bytes()), &after);
    assert_eq!(spliced.text, actor_to_ron(&after));
    assert_eq!(
        spliced.rewritten.as_deref(),
        Some("its commitments do not each start a line")
    );
    // A change in place still splices on one line.
    let after = with(&before, "c", Some(implemented()));
    let spliced = actor_text(Some(inline.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert!(spliced.text.starts_with(
        "(id: \"x\", name: \"X\", kind: Industry, commitments: {\"a\": (status: Endorsed), \"c\": ("
    ));
    assert_eq!(load(&spliced.text), after);
}

#[test]
fn a_new_file_is_canonical() {
    let actor = load(CANONICAL);
    assert_eq!(
        actor_text(None, &actor),
        ActorText {
            text: actor_to_ron(&actor),
            rewritten: None
        }
    );
}

#[test]
fn keys_in_comments_and_strings_are_not_taken_for_commitments() {
    let text = "(\n  id: \"x\", name: \"commitments: {\", kind: Industry,\n  // commitments: { \"b\": () }\n  commitments: {\n    \"a\": (status: Endorsed, note: r#\"say \"}\" here\"#),\n  },\n)\n";
    let before = load(text);
    let after = with(&before, "a", Some(implemented()));
    let spliced = actor_text(Some(text.as_bytes()), &after);
    assert_eq!(spliced.rewritten, None);
    assert_eq!(load(&spliced.text), after);
    assert!(spliced.text.contains("// commitments: { \"b\": () }\n"));
}

/// Every shipped actor file, reformatted by hand (two-space indents, a
/// comment on every line, CRLF): changing, adding and removing a commitment
/// always splices, and every hand-written line outside the edit survives.
#[test]
fn every_shipped_actor_hand_formatted_takes_every_kind_of_edit_by_splicing() {
    let mut tried = 0;
    for (path, text) in crate::store::embedded::FILES {
        if !path.starts_with("actors/") {
            continue;
        }
        let hand: String = text
            .lines()
            .map(|line| {
                let body = line.trim_start_matches(' ');
                let depth = (line.len() - body.len()) / 4;
                format!("{}{body} // kept {path}\r\n", "  ".repeat(depth))
            })
            .collect();
        let before = load(&hand);
        let first = before.commitments.keys().next().cloned();
        let mut edits = vec![];
        if let Some(key) = &first {
            edits.push(with(&before, key, Some(implemented())));
            edits.push(with(&before, key, None));
        }
        for key in ["a-new-recommendation", "zz-after-the-rest"] {
            edits.push(with(&before, key, Some(implemented())));
        }
        // The most lines an edit may take away: the edited entry's.
        let layout = Layout::of(text).expect("a canonical file");
        let edited_lines = first
            .as_deref()
            .and_then(|key| layout.entry(key))
            .map_or(0, |e| text[e.key_start..e.value_end].lines().count());
        for after in edits {
            let spliced = actor_text(Some(hand.as_bytes()), &after);
            assert_eq!(spliced.rewritten, None, "{path}");
            assert_eq!(load(&spliced.text), after, "{path}");
            let kept = |text: &str| text.matches("// kept").count();
            assert!(
                kept(&spliced.text) + edited_lines >= kept(&hand),
                "{path}: only the edited commitment's lines may go"
            );
            assert!(
                spliced.text.split("\r\n").all(|line| !line.contains('\n')),
                "{path}: CRLF throughout"
            );
        }
        tried += 1;
    }
    assert!(tried > 0, "the shipped dataset has actors");
}
