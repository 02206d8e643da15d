//! The loader on real files: what a user sees for a valid dataset and for
//! each kind of broken one.

use std::fs;
use std::path::Path;

use reconvene::model::ActorKind;
use reconvene::store::{Problem, load_dataset, load_files, parse_file};

#[path = "loader/init.rs"]
mod init;
#[path = "loader/location.rs"]
mod location;

// A small valid dataset (tests/fixtures/valid); each test breaks a copy.
const MANIFEST: &str = include_str!("fixtures/valid/reconvene.ron");
const RECOMMENDATIONS: &str = include_str!("fixtures/valid/recommendations.ron");
const UNITED_STATES: &str = include_str!("fixtures/valid/actors/u/united-states.ron");
const MICROSOFT: &str = include_str!("fixtures/valid/actors/m/microsoft.ron");
const FRANCE: &str = include_str!("fixtures/valid/actors/f/france.ron");

/// A temporary dataset folder holding `files`.
fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

fn write(dir: &Path, path: &str, bytes: &[u8]) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    fs::write(path, bytes).expect("the file");
}

/// The valid dataset with `changes` applied (a file replaced or added).
fn valid_with(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let mut files = vec![
        ("reconvene.ron", MANIFEST),
        ("recommendations.ron", RECOMMENDATIONS),
        ("actors/u/united-states.ron", UNITED_STATES),
        ("actors/m/microsoft.ron", MICROSOFT),
        ("actors/f/france.ron", FRANCE),
    ];
    for (path, text) in changes {
        files.retain(|(p, _)| p != path);
        files.push((path, text));
    }
    dataset(&files)
}

/// The problems a load reports, as `PATH:LINE:COL: message` lines.
fn problems(dir: &Path) -> Vec<String> {
    match load_dataset(dir) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.0.iter().map(Problem::to_string).collect(),
    }
}

#[test]
fn a_valid_dataset_loads_with_its_actors_in_the_dashboards_order() {
    let dir = valid_with(&[]);
    let dataset = load_dataset(dir.path()).expect("a valid dataset");
    let ids: Vec<&str> = dataset.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["france", "united-states", "microsoft"]);
    assert_eq!(dataset.actors[2].kind, ActorKind::Industry);
    assert_eq!(dataset.recommendations.len(), 2);
    assert_eq!(dataset.recommendations[0].id, "blacklist");
    assert_eq!(dataset.commitment_count(), 2);
    assert_eq!(
        dataset.manifest.reconvening().map(|m| m.id.as_str()),
        Some("forum-2024")
    );
    let note = &dataset.actors[1].commitments["blacklist"].note;
    assert_eq!(note, "Two lines:\nsecond.");
}

#[test]
fn the_fixture_folder_itself_is_a_valid_dataset() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let dataset = load_dataset(&folder).expect("valid");
    assert_eq!(dataset.actors.len(), 3);
}

#[test]
fn the_same_files_load_the_same_from_memory() {
    let files = [
        ("reconvene.ron", MANIFEST),
        ("recommendations.ron", RECOMMENDATIONS),
        ("actors/u/united-states.ron", UNITED_STATES),
        ("README.md", "not part of the data"),
    ];
    let from_memory = load_files(files.iter().map(|(p, t)| (*p, t.as_bytes())));
    let dir = dataset(&files);
    assert_eq!(from_memory, load_dataset(dir.path()));
    assert_eq!(from_memory.map(|d| d.actors.len()), Ok(1));
}

#[test]
fn a_syntax_error_is_reported_at_its_line_and_column() {
    let broken = FRANCE.replace("kind: Government,", "kind: Government");
    let dir = valid_with(&[("actors/f/france.ron", &broken)]);
    assert_eq!(
        problems(dir.path()),
        ["actors/f/france.ron:6:5: expected comma"]
    );
}

#[test]
fn an_unknown_status_lists_the_valid_ones() {
    let broken = MICROSOFT.replace("Substantial", "Done");
    let dir = valid_with(&[("actors/m/microsoft.ron", &broken)]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/m/microsoft.ron:8:21: unknown status `Done`; expected one of NoEvidence, Endorsed, Initiated, Substantial, Implemented, Reversed, NotApplicable"
        ]
    );
}

#[test]
fn an_unknown_kind_role_and_stakeholder_list_the_valid_ones() {
    let kind = FRANCE.replace("Government", "State");
    let role = UNITED_STATES.replace(
        "    kind: Government,\n",
        "    kind: Government,\n    role: Chair,\n",
    );
    let stakeholder = RECOMMENDATIONS.replace("Industry", "Business");
    let dir = valid_with(&[
        ("actors/f/france.ron", &kind),
        ("actors/u/united-states.ron", &role),
        ("recommendations.ron", &stakeholder),
    ]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/f/france.ron:5:11: unknown actor kind `State`; expected one of Government, Intergovernmental, Industry, CivilSociety, Academia",
            "actors/u/united-states.ron:6:11: unknown role `Chair`; expected one of CoChair, Member, Observer",
            "recommendations.ron:17:13: unknown stakeholder `Business`; expected one of Governments, Industry, CivilSociety",
        ]
    );
}

#[test]
fn an_unknown_field_and_a_missing_field_are_named() {
    let unknown = FRANCE.replace("role: Member,", "rank: Member,");
    let missing = MICROSOFT.replace("    name: \"Microsoft\",\n", "");
    let dir = valid_with(&[
        ("actors/f/france.ron", &unknown),
        ("actors/m/microsoft.ron", &missing),
    ]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/f/france.ron:6:5: unknown field `rank` in actor; expected one of id, name, aliases, kind, country, role, commitments",
            "actors/m/microsoft.ron:10:1: missing field `name` in actor",
        ]
    );
}

#[test]
fn duplicate_ids_point_at_the_second() {
    let copy = UNITED_STATES.to_string();
    let recommendations = RECOMMENDATIONS.replace("\"publish-findings\"", "\"blacklist\"");
    let microsoft = MICROSOFT.replace("publish-findings", "blacklist");
    let dir = valid_with(&[
        ("actors/x/united-states.ron", &copy),
        ("recommendations.ron", &recommendations),
        ("actors/m/microsoft.ron", &microsoft),
    ]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/x/united-states.ron:3:9: duplicate actor id `united-states`; actors/u/united-states.ron already has it",
            "recommendations.ron:13:13: duplicate recommendation id `blacklist` (first at line 4)",
        ]
    );
}

#[test]
fn a_file_named_otherwise_than_its_id_is_reported() {
    let dir = valid_with(&[]);
    fs::rename(
        dir.path().join("actors/u/united-states.ron"),
        dir.path().join("actors/u/usa.ron"),
    )
    .expect("rename");
    assert_eq!(
        problems(dir.path()),
        [
            "actors/u/usa.ron:3:9: the file is named `usa.ron` but the id is `united-states`; rename the file to actors/u/united-states.ron or change the id"
        ]
    );
}

#[test]
fn ids_that_are_not_slugs_are_reported() {
    let actor = FRANCE.replace("\"france\"", "\"France\"");
    let recommendations = RECOMMENDATIONS.replace("\"blacklist\"", "\"black list\"");
    let dir = dataset(&[
        ("reconvene.ron", MANIFEST),
        ("recommendations.ron", &recommendations),
        ("actors/f/France.ron", &actor),
    ]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/f/France.ron:3:9: actor id `France` is not a slug (lowercase letters a-z, digits and single dashes, like `united-states`)",
            "recommendations.ron:4:13: recommendation id `black list` is not a slug (lowercase letters a-z, digits and single dashes, like `united-states`)",
        ]
    );
}

#[test]
fn a_commitment_to_an_unknown_recommendation_lists_the_known_ones() {
    let broken = MICROSOFT.replace("\"publish-findings\"", "\"publish\"");
    let dir = valid_with(&[("actors/m/microsoft.ron", &broken)]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/m/microsoft.ron:7:9: unknown recommendation `publish`; expected one of blacklist, publish-findings"
        ]
    );
}

#[test]
fn a_commitment_given_twice_is_reported() {
    let broken = MICROSOFT.replace(
        "    },\n)",
        "        \"publish-findings\": (\n            status: Endorsed,\n        ),\n    },\n)",
    );
    let dir = valid_with(&[("actors/m/microsoft.ron", &broken)]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/m/microsoft.ron:10:9: the commitment on `publish-findings` is given twice; only one can be kept"
        ]
    );
}

#[test]
fn dates_that_do_not_parse_are_located() {
    let manifest = MANIFEST.replace("2024-11-11", "2024-11-31");
    let evidence = UNITED_STATES.replace("2021-11-03", "2021-13");
    let dir = valid_with(&[
        ("reconvene.ron", &manifest),
        ("actors/u/united-states.ron", &evidence),
    ]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/u/united-states.ron:14:28: `2021-13` has no month 13",
            "reconvene.ron:18:20: `2024-11-31` is not a date (expected YYYY-MM-DD)",
        ]
    );
}

#[test]
fn only_one_milestone_may_be_the_reconvening() {
    let manifest = MANIFEST.replace(
        "            date: \"2023-11-10\",\n        ),",
        "            date: \"2023-11-10\",\n            reconvening: true,\n        ),",
    );
    let dir = valid_with(&[("reconvene.ron", &manifest)]);
    assert_eq!(
        problems(dir.path()),
        [
            "reconvene.ron:21:26: more than one milestone is marked as the reconvening; `blueprint` already is"
        ]
    );
}

#[test]
fn control_characters_are_refused_except_newlines_and_tabs_in_notes() {
    let escape = FRANCE.replace("\"France\",", "\"Fr\\u{1b}[2Jance\",");
    let raw_bell = MICROSOFT.replace("\"Microsoft\"", "\"Micro\u{7}soft\"");
    let newline_in_title = UNITED_STATES.replace("\"Entity List additions\"", "\"Entity\\nList\"");
    let dir = valid_with(&[
        ("actors/f/france.ron", &escape),
        ("actors/m/microsoft.ron", &raw_bell),
        ("actors/u/united-states.ron", &newline_in_title),
    ]);
    let tail =
        "only notes may hold newlines and tabs, and nothing may hold other control characters";
    assert_eq!(
        problems(dir.path()),
        [
            format!("actors/f/france.ron:4:14: control character U+001B in `name`; {tail}"),
            format!("actors/m/microsoft.ron:4:17: control character U+0007 in `name`; {tail}"),
            format!(
                "actors/u/united-states.ron:12:35: control character U+000A in `title`; {tail}"
            ),
        ]
    );
}

#[test]
fn missing_top_files_are_reported_at_their_path() {
    let dir = dataset(&[("actors/f/france.ron", FRANCE)]);
    assert_eq!(
        problems(dir.path()),
        [
            "recommendations.ron:1:1: file not found; every dataset needs recommendations.ron",
            "reconvene.ron:1:1: file not found; every dataset needs reconvene.ron",
        ]
    );
}

#[test]
fn several_broken_files_are_all_reported_in_one_load() {
    let dir = valid_with(&[
        ("actors/f/france.ron", "(id: \"france\""),
        (
            "actors/m/microsoft.ron",
            &MICROSOFT.replace("Substantial", "Done"),
        ),
        (
            "actors/u/united-states.ron",
            &UNITED_STATES.replace("\"blacklist\":", "\"nope\":"),
        ),
        ("recommendations.ron", "["),
    ]);
    let found = problems(dir.path());
    let paths: Vec<&str> = found
        .iter()
        .map(|p| p.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(
        paths,
        [
            "actors/f/france.ron",
            "actors/m/microsoft.ron",
            "recommendations.ron"
        ],
        "{found:?}"
    );
    // With no recommendations to check against, a commitment is not blamed.
    assert_eq!(
        found[0],
        "actors/f/france.ron:1:14: unexpected end of file (is it truncated?); expected comma"
    );
}

#[test]
fn crlf_a_bom_comments_and_trailing_commas_are_valid() {
    let text = format!(
        "\u{feff}// France, a member.\r\n/* block /* nested */ */\r\n{}",
        FRANCE
            .replace("role: Member,", "role: Member, // as printed")
            .replace('\n', "\r\n")
    );
    let dir = valid_with(&[("actors/f/france.ron", &text)]);
    let dataset = load_dataset(dir.path()).expect("valid");
    assert_eq!(
        dataset.actor("france").map(|a| a.name.as_str()),
        Some("France")
    );
}

#[test]
fn positions_are_right_after_a_bom_and_crlf() {
    let text = format!(
        "\u{feff}{}",
        FRANCE.replace("Member", "Chair").replace('\n', "\r\n")
    );
    let dir = valid_with(&[("actors/f/france.ron", &text)]);
    let found = problems(dir.path());
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("actors/f/france.ron:6:11: unknown role `Chair`"),
        "{found:?}"
    );
}

#[test]
fn an_actor_may_live_at_any_depth_under_actors() {
    let x = FRANCE.replace("france", "x").replace("France", "X");
    let dir = valid_with(&[("actors/deep/er/x.ron", &x)]);
    let dataset = load_dataset(dir.path()).expect("valid");
    assert!(dataset.actor("x").is_some());
    assert_eq!(dataset.actors.len(), 4);
}

#[test]
fn a_nesting_bomb_is_a_problem_not_a_stack_overflow() {
    let bomb = "[".repeat(100_000);
    let in_a_field = format!("(id: \"x\", name: \"X\", kind: Government, country: {bomb}");
    let in_a_note = format!(
        "(id: \"x\", name: \"X\", kind: Government, commitments: {{\"blacklist\": (status: Endorsed, note: {bomb}"
    );
    let dir = valid_with(&[
        ("actors/b/bomb.ron", &bomb),
        ("actors/x/x.ron", &in_a_field),
        ("actors/y/y.ron", &in_a_note),
        ("recommendations.ron", &bomb),
    ]);
    assert_eq!(
        problems(dir.path()),
        [
            "actors/b/bomb.ron:1:1: expected opening `(` of actor",
            "actors/x/x.ron:1:49: expected string",
            "actors/y/y.ron:1:92: expected string",
            "recommendations.ron:1:2: expected opening `(` of recommendation",
        ]
    );
}

#[test]
fn nested_options_are_refused_at_the_first_extra_level() {
    let deep = format!(
        "(id: \"x\", name: \"X\", kind: Government, country: {}\"x\"{})",
        "Some(".repeat(100_000),
        ")".repeat(100_000)
    );
    let dir = valid_with(&[("actors/x/x.ron", &deep)]);
    assert_eq!(
        problems(dir.path()),
        ["actors/x/x.ron:1:54: expected string"]
    );
}

#[test]
fn the_recursion_limit_stays_on_for_values_that_nest_without_end() {
    // The model's types refuse a bomb at its first bracket; a type that
    // accepts any nesting shows that ron's limit still stops it, on this
    // test thread's 2 MiB stack, in a debug build.
    let bomb = "[".repeat(100_000);
    let result = parse_file::<ron::Value>("bomb.ron", bomb.as_bytes());
    let found: Vec<String> = result
        .err()
        .map(|p| p.0.iter().map(Problem::to_string).collect())
        .unwrap_or_default();
    assert_eq!(
        found,
        ["bomb.ron:1:65: nested too deeply (more than 128 levels)"]
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = valid_with(&[]);
    let file = fs::File::create(dir.path().join("actors/f/huge.ron")).expect("file");
    file.set_len(50_000_000).expect("a sparse 50 MB file");
    assert_eq!(
        problems(dir.path()),
        ["actors/f/huge.ron:1:1: file is 50.0 MB; the limit is 4 MiB"]
    );
}

#[test]
fn invalid_utf8_is_located() {
    let dir = valid_with(&[]);
    let mut bytes = FRANCE.as_bytes().to_vec();
    let at = FRANCE.find("France\"").expect("the name") + 2;
    bytes[at] = 0xff;
    bytes.splice(0..0, "\u{feff}".bytes());
    write(dir.path(), "actors/f/france.ron", &bytes);
    assert_eq!(
        problems(dir.path()),
        ["actors/f/france.ron:4:14: not valid UTF-8"]
    );
    // The byte-order mark takes no column.
    write(dir.path(), "actors/f/france.ron", b"\xef\xbb\xbf(\xff");
    assert_eq!(
        problems(dir.path()),
        ["actors/f/france.ron:1:2: not valid UTF-8"]
    );
}

#[test]
fn text_after_the_value_is_not_taken_for_a_truncation() {
    let dir = valid_with(&[("actors/f/france.ron", &format!("{FRANCE})"))]);
    assert_eq!(
        problems(dir.path()),
        ["actors/f/france.ron:8:1: unexpected text after the end of the value"]
    );
}

#[test]
fn a_truncated_file_is_a_problem() {
    // Cut inside a string, as a copy that stopped mid-file would.
    let inside_a_title = UNITED_STATES.find("Entity List additions").unwrap_or(0) + 6;
    let truncated = &UNITED_STATES[..inside_a_title];
    let dir = valid_with(&[("actors/u/united-states.ron", truncated)]);
    assert_eq!(
        problems(dir.path()),
        ["actors/u/united-states.ron:12:28: this string is never closed (is the file truncated?)"]
    );
    let cut_after_a_field = &UNITED_STATES[..UNITED_STATES.find("    kind").unwrap_or(0)];
    let dir = valid_with(&[("actors/u/united-states.ron", cut_after_a_field)]);
    assert_eq!(
        problems(dir.path()),
        ["actors/u/united-states.ron:4:27: unexpected end of file (is it truncated?)"]
    );
}

#[test]
fn something_that_is_not_a_regular_file_is_a_problem() {
    let dir = valid_with(&[]);
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("actors/f/pipe.ron"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    assert_eq!(
        problems(dir.path()),
        [
            "actors/f/pipe.ron:1:1: not a regular file (a FIFO, socket or device); an actor file must be a regular file"
        ]
    );
}

#[test]
fn an_unreadable_file_is_a_problem() {
    use std::os::unix::fs::PermissionsExt;
    let dir = valid_with(&[]);
    let path = dir.path().join("actors/f/france.ron");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop a read.
        return;
    }
    let found = problems(dir.path());
    assert_eq!(
        found,
        ["actors/f/france.ron:1:1: cannot read: Permission denied (os error 13)"]
    );
}

#[test]
fn hidden_files_under_actors_are_an_editors_not_data() {
    let dir = valid_with(&[("actors/u/.united-states.ron.swp", "\u{0}")]);
    std::os::unix::fs::symlink(
        "user@host.1234:1700000000",
        dir.path().join("actors/u/.#united-states.ron"),
    )
    .expect("a lock link");
    assert_eq!(problems(dir.path()), Vec::<String>::new());
}

#[test]
fn file_names_are_shown_without_their_control_characters() {
    use std::os::unix::ffi::OsStrExt;
    let dir = valid_with(&[("actors/x/\u{1b}[2J.ron", FRANCE)]);
    let not_utf8 = std::ffi::OsStr::from_bytes(b"actors/x/\xff.ron");
    fs::write(dir.path().join(not_utf8), FRANCE).expect("a file");
    assert_eq!(
        problems(dir.path()),
        [
            "actors/x/\\u{1b}[2J.ron:3:9: the file is named `\\u{1b}[2J.ron` but the id is `france`; rename the file to actors/f/france.ron or change the id",
            "actors/x/\\u{1b}[2J.ron:3:9: duplicate actor id `france`; actors/f/france.ron already has it",
            "actors/x/\u{fffd}.ron:1:1: the file name is not valid UTF-8; rename it",
        ]
    );
}

#[test]
fn a_large_dataset_is_read_on_every_core_with_every_problem_found() {
    let dir = valid_with(&[]);
    let mut broken = Vec::new();
    for n in 0..300 {
        let id = format!("state-{n:03}");
        let mut text = FRANCE.replace("france", &id).replace("France", &id);
        if n % 37 == 0 {
            text = text.replace("Member", "Chair");
            broken.push(format!(
                "actors/s/{id}.ron:6:11: unknown role `Chair`; expected one of CoChair, Member, Observer"
            ));
        }
        write(dir.path(), &format!("actors/s/{id}.ron"), text.as_bytes());
    }
    assert_eq!(problems(dir.path()), broken);
    for text in &broken {
        let path = text.split(':').next().unwrap_or("");
        fs::remove_file(dir.path().join(path)).expect("remove");
    }
    let dataset = load_dataset(dir.path()).expect("valid once the broken ones are gone");
    assert_eq!(dataset.actors.len(), 3 + 300 - broken.len());
    let order: Vec<(ActorKind, String)> = dataset
        .actors
        .iter()
        .map(|a| (a.kind, a.name.to_lowercase()))
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
}
