//! `reconvene status` in its three formats, as a script would read them.

mod cli_support;

use cli_support::{Sandbox, arg, parse_csv};
use unicode_width::UnicodeWidthStr;

const STATUSES: [&str; 7] = [
    "NoEvidence",
    "Endorsed",
    "Initiated",
    "Substantial",
    "Implemented",
    "Reversed",
    "NotApplicable",
];

fn status_json(sandbox: &Sandbox, dir: &std::path::Path) -> serde_json::Value {
    let run = sandbox.run(&["status", "--repo", arg(dir), "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

#[test]
fn json_counts_add_up_to_the_overall_figure() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let value = status_json(&sandbox, &dir);
    let dataset = reconvene::store::load_dataset(&dir).expect("valid");
    assert_eq!(value["title"], dataset.manifest.title.as_str());
    let actors = value["actors"].as_array().expect("an actors array");
    assert_eq!(actors.len(), dataset.actors.len());
    for status in STATUSES {
        let sum: u64 = actors
            .iter()
            .map(|a| a["counts"][status].as_u64().expect("a count"))
            .sum();
        assert_eq!(value["overall"]["counts"][status], sum, "{status}");
    }
    let mut applicable = 0;
    for actor in actors {
        let counted: u64 = STATUSES
            .iter()
            .map(|s| actor["counts"][s].as_u64().expect("a count"))
            .sum();
        let not_applicable = actor["counts"]["NotApplicable"].as_u64().expect("count");
        assert_eq!(actor["applicable"], counted - not_applicable, "{actor}");
        applicable += actor["applicable"].as_u64().expect("a count");
        for field in ["id", "name", "kind"] {
            assert!(actor[field].is_string(), "{field} in {actor}");
        }
    }
    assert_eq!(value["overall"]["applicable"], applicable);
    let percent = value["overall"]["percent"].as_u64().expect("a percentage");
    assert!(percent <= 100);
}

#[test]
fn csv_has_a_header_a_row_per_actor_and_an_overall_row() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let actors = status_json(&sandbox, &dir)["actors"]
        .as_array()
        .expect("actors")
        .len();
    let run = sandbox.run(&["status", "--format", "csv", "--repo", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");
    let records = parse_csv(&run.stdout);
    assert_eq!(records.len(), actors + 2, "{}", run.stdout);
    assert_eq!(records[0][..3], ["id", "name", "kind"]);
    assert_eq!(records[0][3..10], STATUSES);
    let width = records[0].len();
    assert!(records.iter().all(|r| r.len() == width), "ragged rows");
    let overall = records.last().expect("an overall row");
    assert_eq!(overall[0], "overall");
    // Each status column's overall equals the sum of the actors' rows.
    for column in 3..10 {
        let sum: u64 = records[1..=actors]
            .iter()
            .map(|r| r[column].parse::<u64>().expect("a count"))
            .sum();
        assert_eq!(overall[column], sum.to_string(), "{}", records[0][column]);
    }
}

#[test]
fn the_table_reads_at_80_columns_and_ends_with_the_overall_line() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let value = status_json(&sandbox, &dir);
    let run = sandbox.run(&["status", "--repo", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    for line in &lines {
        assert!(line.width() < 80, "too wide for 80 columns: {line:?}");
    }
    let actors = value["actors"].as_array().expect("actors").len();
    // Title, heading, the actors, overall.
    assert_eq!(lines.len(), actors + 3, "{}", run.stdout);
    let overall = lines.last().expect("an overall line");
    assert!(overall.starts_with("Overall"), "{overall}");
    let percent = value["overall"]["percent"].as_u64().expect("a percentage");
    assert!(overall.ends_with(&format!(" {percent}%")), "{overall}");
}

#[test]
fn invalid_data_prints_the_problems_on_stderr_and_exits_1() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    std::fs::write(
        dir.join("actors/u/united-states.ron"),
        "(id: \"united-states\",",
    )
    .expect("write");
    let run = sandbox.run(&["status", "--repo", arg(&dir), "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("actors/u/united-states.ron:"),
        "{}",
        run.stderr
    );
}

/// Adds a milestone to the dataset's manifest in the work tree (today's
/// dataset is where milestone ids are looked up).
fn add_milestone(dir: &std::path::Path, id: &str, date: &str) {
    let path = dir.join("reconvene.ron");
    let text = std::fs::read_to_string(&path).expect("the manifest");
    let entry =
        format!("milestones: [\n        (id: \"{id}\", title: \"{id}\", date: \"{date}\"),");
    assert!(text.contains("milestones: ["), "{text}");
    std::fs::write(&path, text.replacen("milestones: [", &entry, 1)).expect("write");
}

fn head(dir: &std::path::Path) -> String {
    let repo = git2::Repository::open(dir).expect("a repository");
    let commit = repo.head().and_then(|h| h.peel_to_commit());
    commit.expect("a commit at HEAD").id().to_string()
}

#[test]
fn recorded_takes_a_milestone_id_as_it_takes_a_date() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    add_milestone(&dir, "far-ahead", "2999-01-01");
    let run = sandbox.run(&[
        "status",
        "--recorded",
        "far-ahead",
        "--format",
        "json",
        "--repo",
        arg(&dir),
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value["recorded"], head(&dir).as_str(), "{}", run.stdout);

    // The Forum came before this record began: the clear error, not "neither
    // a date nor a commit".
    let run = sandbox.run(&[
        "status",
        "--recorded",
        "paris-peace-forum-2024",
        "--repo",
        arg(&dir),
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("2024-11-11 is before the record began"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_format_says_which_point_it_shows() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let run = sandbox.run(&[
        "status",
        "--as-of",
        "paris-peace-forum-2024",
        "--recorded",
        "HEAD",
        "--format",
        "json",
        "--repo",
        arg(&dir),
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value["as_of"], "2024-11-11");
    assert_eq!(value["milestone"], "paris-peace-forum-2024");
    assert_eq!(value["after_today"], false);
    assert_eq!(value["recorded"], head(&dir).as_str());

    // Today's record with today's evidence says so by naming no point.
    let today = status_json(&sandbox, &dir);
    assert_eq!(today["as_of"], serde_json::Value::Null);
    assert_eq!(today["recorded"], serde_json::Value::Null);

    let run = sandbox.run(&[
        "status",
        "--as-of",
        "2024-11-11",
        "--format",
        "csv",
        "--repo",
        arg(&dir),
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let records = parse_csv(&run.stdout);
    let header = &records[0];
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (as_of, recorded) = (column("as_of"), column("recorded"));
    for record in &records[1..] {
        assert_eq!((&*record[as_of], &*record[recorded]), ("2024-11-11", ""));
    }
}

#[test]
fn a_day_after_today_is_not_called_a_past_view() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let run = sandbox.run(&["status", "--as-of", "2999-01-01", "--repo", arg(&dir)]);
    assert_eq!(run.code, 0, "{run:?}");
    let first = run.stdout.lines().next().unwrap_or_default();
    assert!(!first.contains("Past view"), "{first}");
    assert!(first.contains("as of 2999-01-01 (after today"), "{first}");
    let json = sandbox.run(&[
        "status",
        "--as-of",
        "2999-01-01",
        "--format",
        "json",
        "--repo",
        arg(&dir),
    ]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["after_today"], true);
    // It reads today's evidence: the same figures as today.
    assert_eq!(value["overall"], status_json(&sandbox, &dir)["overall"]);
}
