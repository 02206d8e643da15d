//! `reconvene status --filter F` and `reconvene --filter F`: the same
//! syntax as the dashboard's `f`, the same actors as the screen, and a bad
//! term refused with exit 2 and a line naming it.

mod cli_support;

use chrono::NaiveDate;
use cli_support::{Sandbox, arg};
use reconvene::app::{KeyMap, Row, State};

/// The ids `status --filter F --format json` lists.
fn status_ids(sandbox: &Sandbox, repo: &std::path::Path, filter: &str) -> Vec<String> {
    let run = sandbox.run(&[
        "status",
        "--repo",
        arg(repo),
        "--filter",
        filter,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    json["actors"]
        .as_array()
        .expect("an actors array")
        .iter()
        .map(|a| a["id"].as_str().expect("an id").to_string())
        .collect()
}

/// The ids the dashboard lists under the same filter, on the same repository.
fn screen_ids(repo: &std::path::Path, filter: &str) -> Vec<String> {
    let dataset = reconvene::store::load_dataset(repo).expect("the shipped dataset loads");
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let mut state = State::new(Ok(dataset), today, KeyMap::default());
    state.apply_filter(filter).expect("a valid filter");
    let board = state.data().expect("loaded");
    board
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Actor(i) => Some(board.dataset.actors[*i].id.clone()),
            Row::Heading(_) => None,
        })
        .collect()
}

#[test]
fn status_and_the_screen_list_the_same_actors_for_the_same_filter() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("paris-call");
    for filter in [
        "kind:government status:vendor-verification=NoEvidence",
        "kind:industry",
        "role:co-chair",
        "status:blacklist=Implemented,Substantial",
        "tracked kind:intergovernmental",
        "text:\"tech accord\"",
    ] {
        let from_status = status_ids(&sandbox, &repo, filter);
        assert!(!from_status.is_empty(), "{filter} lists someone");
        assert_eq!(from_status, screen_ids(&repo, filter), "{filter}");
    }
    let all = status_ids(&sandbox, &repo, "");
    let governments = status_ids(&sandbox, &repo, "kind:government");
    assert!(governments.len() < all.len());
}

#[test]
fn the_table_says_what_it_was_filtered_by_and_tracked_keeps_seven_columns() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("paris-call");
    let run = sandbox.run(&[
        "status",
        "--repo",
        arg(&repo),
        "--filter",
        "kind:government",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let first = run.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Filter: kind:government (") && first.ends_with(" actors)"),
        "{first}"
    );
    let rows = run
        .stdout
        .lines()
        .skip(3)
        .filter(|l| !l.starts_with("Overall"));
    assert!(
        rows.clone().all(|l| l.contains("Government")),
        "{}",
        run.stdout
    );

    // `tracked`: each government's counts cover the seven tracked columns.
    let csv = |filter: &str| {
        let run = sandbox.run(&[
            "status",
            "--repo",
            arg(&repo),
            "--filter",
            filter,
            "--format",
            "csv",
        ]);
        assert_eq!(run.code, 0, "{run:?}");
        cli_support::parse_csv(&run.stdout)
    };
    let tracked = csv("kind:government tracked");
    let australia = tracked
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("australia"))
        .expect("Australia is a government");
    let graded: usize = australia[3..10]
        .iter()
        .map(|n| n.parse::<usize>().expect("a count"))
        .sum();
    assert_eq!(graded, 7, "{australia:?}");
}

#[test]
fn the_filter_before_the_command_reads_as_status_filter() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("paris-call");
    let before = sandbox.run(&["--filter", "kind:academia", "status", "--repo", arg(&repo)]);
    let after = sandbox.run(&["status", "--repo", arg(&repo), "--filter", "kind:academia"]);
    assert_eq!(before.code, 0, "{before:?}");
    assert_eq!(before.stdout, after.stdout);
}

#[test]
fn a_bad_term_exits_2_naming_the_term_and_what_is_allowed() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("paris-call");
    let run = sandbox.run(&[
        "status",
        "--repo",
        arg(&repo),
        "--filter",
        "kind:government colour:red",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "reconvene: --filter: filter term \"colour:red\": no filter \"colour\"; terms are \
         kind:KIND, role:ROLE, status:REC=STATUS, tracked, text:WORD or a bare word\n"
    );
    assert!(
        run.stdout.is_empty(),
        "nothing half printed: {}",
        run.stdout
    );

    let run = sandbox.run(&[
        "status",
        "--repo",
        arg(&repo),
        "--filter",
        "status:nothing=NoEvidence",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no recommendation \"nothing\"; recommendations are 1-12 or acceptable-use,"),
        "{}",
        run.stderr
    );

    // The dashboard refuses it before it takes the screen, on the shell.
    let run = sandbox.run(&["--repo", arg(&repo), "--filter", "kind:robot"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with(
            "reconvene: --filter: filter term \"kind:robot\": no such kind; kinds are"
        ),
        "{}",
        run.stderr
    );

    let run = sandbox.run(&[
        "--filter",
        "kind:government",
        "validate",
        "--repo",
        arg(&repo),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "reconvene: --filter applies to the dashboard and to status only (see --help)\n"
    );
}
