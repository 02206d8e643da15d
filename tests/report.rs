//! `reconvene report` on a repository built here commit by commit with the
//! real git at fixed dates: each format parsed by a real parser of that
//! format (csv, serde_json, an HTML5 parser, a CommonMark parser) and its
//! contents checked; hostile text escaped; the same bytes every run; the
//! record read at an older commit; a date before the record a clear error.

mod cli_support;
mod edit_support;
mod terminal_support;

use std::path::Path;

use chrono::NaiveDate;
use cli_support::{Run, Sandbox, arg};
use edit_support::{actor, git_as, manifest, recommendations, write};
use reconvene::model::{Actor, Day, Evidence, Milestone, PartialDate, Provenance, Status};
use reconvene::store::{actor_to_ron, manifest_to_ron, recommendations_to_ron};

fn commit(root: &Path, who: (&str, &str), date: &str, message: &str) -> String {
    git_as(root, who, date, &["add", "-A"]);
    git_as(root, who, date, &["commit", "-q", "-m", message]);
    git_as(root, who, date, &["rev-parse", "HEAD"])
}

const CAROL: (&str, &str) = ("Carol Shell", "carol@example.org");
const ALICE: (&str, &str) = ("Alice Coordinator", "alice@example.org");
const BOB: (&str, &str) = ("Bob Reviewer", "bob@example.org");

const HOSTILE_NOTE: &str = "Sanctions in force <script>alert('x')</script> | *not* a table";

/// The repository of the story and its commits, by name.
struct Story {
    sandbox: Sandbox,
    dataset: std::path::PathBuf,
    graded: String,
    reversed: String,
}

fn day(text: &str) -> Day {
    Day(NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date"))
}

fn evidence(title: &str, date: &str, url: Option<&str>, supports: Status) -> Evidence {
    Evidence {
        title: title.into(),
        source: "US Department of the Treasury".into(),
        date: PartialDate::parse(date).ok(),
        url: url.map(Into::into),
        provenance: Provenance::SelfReported,
        supports,
    }
}

fn put(dataset: &Path, actor: &Actor) {
    write(
        &dataset.join(Actor::path_for(&actor.id)),
        &actor_to_ron(actor),
    );
}

/// Imported on 2024-01-10; the Forum (the reconvening) on 2024-11-11;
/// Alice records the US sanctions (dated 2024-12-05) on 2025-01-15, with a
/// hostile note and a `javascript:` link; Bob records the UK's withdrawal
/// (dated 2025-05-20) on 2025-06-01.
fn story() -> Story {
    let sandbox = Sandbox::new();
    let root = sandbox.path("repo");
    std::fs::create_dir_all(&root).expect("a folder");
    git_as(&root, CAROL, "2024-01-10", &["init", "-q", "-b", "main"]);
    let dataset = root.join("data");
    let mut group = manifest();
    group.milestones = vec![
        Milestone {
            id: "summit".into(),
            title: "Summit for Democracy".into(),
            date: day("2024-03-18"),
            end: None,
            place: None,
            reconvening: false,
            outcome: None,
        },
        Milestone {
            id: "forum".into(),
            title: "Paris Peace Forum".into(),
            date: day("2024-11-11"),
            end: None,
            place: None,
            reconvening: true,
            outcome: None,
        },
    ];
    write(&dataset.join("reconvene.ron"), &manifest_to_ron(&group));
    write(
        &dataset.join("recommendations.ron"),
        &recommendations_to_ron(&recommendations()),
    );
    let mut us = actor("united-states", "United States");
    let france = actor("france", "France");
    let mut uk = actor("united-kingdom", "United Kingdom");
    for a in [&us, &france, &uk] {
        put(&dataset, a);
    }
    commit(&root, CAROL, "2024-01-10", "Import");

    if let Some(c) = us.commitments.get_mut("blacklist") {
        c.status = Status::Implemented;
        c.note = HOSTILE_NOTE.into();
        c.assessed = Some(day("2025-01-15"));
        c.evidence.push(evidence(
            "Treasury sanctions on the Intellexa consortium",
            "2024-12-05",
            Some("https://home.treasury.gov/news/press-releases/jy2155"),
            Status::Implemented,
        ));
        c.evidence.push(evidence(
            "Hostile link",
            "2024-12-06",
            Some("javascript:alert(1)"),
            Status::Implemented,
        ));
    }
    put(&dataset, &us);
    let graded = commit(&root, ALICE, "2025-01-15", "Grade the US sanctions");

    if let Some(c) = uk.commitments.get_mut("blacklist") {
        c.status = Status::Reversed;
        c.assessed = Some(day("2025-06-01"));
        c.evidence.push(evidence(
            "Withdrawal of the listing policy",
            "2025-05-20",
            None,
            Status::Reversed,
        ));
    }
    put(&dataset, &uk);
    let reversed = commit(&root, BOB, "2025-06-01", "Record the UK withdrawal");
    Story {
        sandbox,
        dataset,
        graded,
        reversed,
    }
}

impl Story {
    fn report(&self, extra: &[&str]) -> Run {
        let mut args = vec![
            "report",
            "--repo",
            arg(&self.dataset),
            "--since",
            "forum",
            "--as-of",
            "2025-12-31",
        ];
        args.extend_from_slice(extra);
        self.sandbox.run(&args)
    }

    fn ok(&self, extra: &[&str]) -> String {
        let run = self.report(extra);
        assert_eq!(run.code, 0, "{run:?}");
        run.stdout
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("the report is JSON")
}

#[test]
fn the_json_report_holds_the_stamp_the_headline_the_moves_and_the_record_changes() {
    let story = story();
    let report = json(&story.ok(&["--format", "json"]));
    let stamp = &report["stamp"];
    assert_eq!(stamp["title"], "Test group");
    assert_eq!(stamp["commit"]["id"], story.reversed.as_str());
    assert_eq!(stamp["commit"]["date"], "2025-06-01T12:00:00Z");
    assert_eq!(stamp["from"]["date"], "2024-11-11");
    assert_eq!(stamp["from"]["milestone"], "forum");
    assert_eq!(stamp["to"]["date"], "2025-12-31");
    assert_eq!(stamp["to"]["milestone"], serde_json::Value::Null);
    assert!(
        stamp["generator"]
            .as_str()
            .is_some_and(|g| g.starts_with("reconvene "))
    );

    let headline = &report["headline"];
    assert_eq!(headline["moved_up"], 1);
    assert_eq!(headline["moved_down"], 0);
    assert_eq!(headline["reversed"], 1);
    // Three governments on three recommendations, graded from their
    // evidence: blacklist Initiated (0.5) each at the Forum, nothing else
    // (oversight's Endorsed rests on no evidence): 1.5 / 9 = 17%.
    assert_eq!(headline["overall"]["from"]["percent"], 17);
    // Then the US implements (1.0) and the UK reverses (0): 1.5 / 9 again.
    assert_eq!(headline["overall"]["to"]["percent"], 17);
    assert_eq!(headline["overall"]["to"]["counts"]["Implemented"], 1);
    assert_eq!(headline["overall"]["to"]["counts"]["Reversed"], 1);

    let moves = report["moves"].as_array().expect("moves");
    assert_eq!(moves.len(), 2);
    let us = moves
        .iter()
        .find(|m| m["actor"] == "united-states")
        .expect("the US moved");
    assert_eq!(us["recommendation"], "blacklist");
    assert_eq!(us["from"], "Initiated");
    assert_eq!(us["to"], "Implemented");
    assert_eq!(us["direction"], "up");
    let titles: Vec<&str> = us["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Treasury sanctions on the Intellexa consortium",
            "Hostile link"
        ]
    );
    let uk = moves
        .iter()
        .find(|m| m["actor"] == "united-kingdom")
        .expect("the UK moved");
    assert_eq!(uk["direction"], "reversed");

    // The second clock: the two commits after the Forum, by whom.
    let changes = report["record_changes"].as_array().expect("changes");
    let who: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["commit"].as_str().unwrap_or_default(),
                c["author_name"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            (story.reversed.as_str(), "Bob Reviewer"),
            (story.graded.as_str(), "Alice Coordinator")
        ]
    );
    assert_eq!(
        changes[1]["lines"][0],
        "United States · blacklist: Initiated → Implemented; note changed; \
         assessed set to 2025-01-15; evidence added: \"Treasury sanctions on the Intellexa \
         consortium\" (2024-12-05); evidence added: \"Hostile link\" (2024-12-06)"
    );

    // Silent: the previous milestone before 2025-12-31 is the Forum; France
    // has nothing dated after it. Nobody assessed France's cells at all.
    let silent = &report["silent"];
    assert_eq!(silent["since_milestone"], "forum");
    let quiet: Vec<&str> = silent["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .filter_map(|a| a["actor"].as_str())
        .collect();
    assert_eq!(quiet, ["france"]);
    assert_eq!(silent["stale_days"], 365);
    assert_eq!(silent["stale_before"], "2024-12-31");
    let stale: Vec<(&str, &str)> = silent["stale"]
        .as_array()
        .expect("stale")
        .iter()
        .map(|s| {
            (
                s["actor"].as_str().unwrap_or_default(),
                s["recommendation"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(stale.contains(&("france", "blacklist")), "{stale:?}");
    assert!(
        !stale.contains(&("united-states", "blacklist")),
        "{stale:?}"
    );

    // The tracker counts the three governments on each tracked recommendation.
    let tracker = report["tracker"].as_array().expect("tracker");
    assert_eq!(tracker.len(), 3);
    assert_eq!(tracker[0]["recommendation"], "blacklist");
    assert_eq!(tracker[0]["counts"]["Implemented"], 1);
    assert_eq!(tracker[0]["counts"]["Reversed"], 1);
    assert_eq!(tracker[0]["counts"]["Initiated"], 1);
}

#[test]
fn the_csv_report_has_one_row_per_commitment_with_both_grades_and_its_latest_evidence() {
    let story = story();
    let text = story.ok(&["--format", "csv"]);
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "actor_id",
            "actor_name",
            "kind",
            "recommendation_id",
            "recommendation_title",
            "grade_from",
            "grade_to",
            "assessed",
            "evidence_count",
            "latest_evidence_date",
            "latest_evidence_title",
            "note"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 9, "three governments × three recommendations");
    let us = rows
        .iter()
        .find(|r| r.get(0) == Some("united-states") && r.get(3) == Some("blacklist"))
        .expect("the US blacklist row");
    assert_eq!(us.get(1), Some("United States"));
    assert_eq!(us.get(2), Some("Government"));
    assert_eq!(us.get(4), Some("Title of blacklist"));
    assert_eq!(us.get(5), Some("Initiated"));
    assert_eq!(us.get(6), Some("Implemented"));
    assert_eq!(us.get(7), Some("2025-01-15"));
    assert_eq!(us.get(8), Some("3"));
    assert_eq!(us.get(9), Some("2024-12-06"));
    assert_eq!(us.get(10), Some("Hostile link"));
    assert_eq!(us.get(11), Some(HOSTILE_NOTE));
    let uk = rows
        .iter()
        .find(|r| r.get(0) == Some("united-kingdom") && r.get(3) == Some("blacklist"))
        .expect("the UK blacklist row");
    assert_eq!(
        (uk.get(5), uk.get(6)),
        (Some("Initiated"), Some("Reversed"))
    );
    let france = rows
        .iter()
        .find(|r| r.get(0) == Some("france") && r.get(3) == Some("export-safeguards"))
        .expect("a cell with nothing recorded still has its row");
    assert_eq!(
        (france.get(5), france.get(6), france.get(8)),
        (Some("NoEvidence"), Some("NoEvidence"), Some("0"))
    );
}

#[test]
fn the_html_report_is_one_safe_file_with_its_tables_and_stamp() {
    use scraper::{Html, Selector};
    let story = story();
    let text = story.ok(&["--format", "html"]);
    let page = Html::parse_document(&text);
    let select = |css: &str| Selector::parse(css).expect("a selector");

    let stamp: String = page
        .select(&select("#stamp"))
        .next()
        .expect("a stamp")
        .text()
        .collect();
    assert!(stamp.contains(&story.reversed), "{stamp}");
    assert!(stamp.contains("2024-11-11 (forum) → 2025-12-31"), "{stamp}");

    // The matrix: a header per recommendation, a row per actor, every cell
    // saying its status in words as well as by a symbol.
    let matrix = page
        .select(&select("table.matrix"))
        .next()
        .expect("the matrix");
    let columns = matrix.select(&select("thead th[scope=col]")).count();
    assert_eq!(columns, 2 + 3);
    let rows: Vec<String> = matrix
        .select(&select("tbody th[scope=row]"))
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(rows, ["France", "United Kingdom", "United States"]);
    let groups: Vec<String> = matrix
        .select(&select("tbody th[scope=rowgroup]"))
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(groups, ["Governments"]);
    let us_row: String = matrix
        .select(&select("tbody tr"))
        .map(|tr| tr.text().collect::<String>())
        .find(|text| text.starts_with("United States"))
        .expect("the US row");
    // The symbol for the eye, the word for a screen reader (and a copy).
    assert!(us_row.contains("●Implemented"), "{us_row}");

    // Hostile text is text: no script element, the note shown as written.
    assert_eq!(page.select(&select("script")).count(), 0);
    let notes: Vec<String> = page
        .select(&select("p.note"))
        .map(|p| p.text().collect())
        .collect();
    assert!(notes.iter().any(|n| n == HOSTILE_NOTE), "{notes:?}");

    // Only http(s) links; the javascript: one is its title as plain text.
    let hrefs: Vec<&str> = page
        .select(&select("[href]"))
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"https://home.treasury.gov/news/press-releases/jy2155"));
    assert!(hrefs.iter().all(|h| h.starts_with("https://")), "{hrefs:?}");
    assert!(
        page.select(&select("li"))
            .any(|li| li.text().collect::<String>().starts_with("Hostile link — "))
    );
    // Nothing is fetched from elsewhere: no src at all, no stylesheet link.
    assert_eq!(
        page.select(&select("[src], link, iframe, object")).count(),
        0
    );
    // The chart is inline: a line for all actors and one for governments.
    let lines: Vec<String> = page
        .select(&select("svg polyline title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(lines, ["All actors", "Governments"]);
}

#[test]
fn the_markdown_report_has_its_headings_and_tables_and_no_raw_html() {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let story = story();
    let text = story.ok(&[]);
    let mut headings = Vec::new();
    let mut in_heading: Option<HeadingLevel> = None;
    let mut heading = String::new();
    let mut tables = 0;
    let mut links = Vec::new();
    let mut body = String::new();
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some(level),
            Event::End(TagEnd::Heading(level)) => {
                headings.push((level, std::mem::take(&mut heading)));
                in_heading = None;
            }
            Event::Text(t) | Event::Code(t) => {
                if in_heading.is_some() {
                    heading.push_str(&t);
                }
                body.push_str(&t);
            }
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("raw HTML reached the Markdown: {html:?}")
            }
            _ => {}
        }
    }
    let h2: Vec<&str> = headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        h2,
        [
            "Headline",
            "Matrix as of 2025-12-31",
            "Government tracker",
            "What moved, 2024-11-11 → 2025-12-31",
            "What the record says changed",
            "Who is silent",
            "Warnings",
            "Actors"
        ]
    );
    assert_eq!(
        headings.first(),
        Some(&(
            HeadingLevel::H1,
            "Test group: reconvening report".to_string()
        ))
    );
    assert!(
        headings.iter().any(|(l, t)| *l == HeadingLevel::H4
            && t == "1. Title of blacklist: ● Implemented (was ◔ Initiated on 2024-11-11)"),
        "{headings:?}"
    );
    assert_eq!(tables, 4, "stamp, headline, matrix, tracker");
    assert_eq!(
        links, ["https://home.treasury.gov/news/press-releases/jy2155"; 2],
        "once in what moved, once in the actor's section, and no javascript: link"
    );
    // The note reads as written, markup and all.
    assert!(body.contains(HOSTILE_NOTE), "{body}");
}

#[test]
fn two_runs_give_the_same_bytes_in_every_format_and_o_writes_them_to_a_file() {
    let story = story();
    // A folder that does not exist is a mistyped path: an error, and no
    // folder is made for it.
    let stray = story.sandbox.path("out/report.md");
    let run = story.report(&["--format", "md", "-o", arg(&stray)]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("cannot write the report to") && run.stderr.contains("no such folder"),
        "{run:?}"
    );
    assert!(!story.sandbox.path("out").exists(), "no folder was made");
    std::fs::create_dir(story.sandbox.path("out")).expect("the folder");
    for format in ["md", "html", "csv", "json"] {
        let first = story.ok(&["--format", format]);
        let second = story.ok(&["--format", format]);
        assert_eq!(first, second, "{format}");
        let file = story.sandbox.path(&format!("out/report.{format}"));
        let run = story.report(&["--format", format, "-o", arg(&file)]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(run.stdout.contains(arg(&file)), "says where: {run:?}");
        assert_eq!(std::fs::read_to_string(&file).expect("written"), first);
    }
    let folder = std::fs::read_dir(story.sandbox.path("out")).expect("the folder");
    assert_eq!(folder.count(), 4, "no temporary file left beside them");
}

#[test]
fn recorded_at_an_older_commit_gives_that_commits_report() {
    let story = story();
    for point in [story.graded.as_str(), "2025-02-01"] {
        let report = json(&story.ok(&["--format", "json", "--recorded", point]));
        assert_eq!(report["stamp"]["commit"]["id"], story.graded.as_str());
        assert_eq!(report["headline"]["moved_up"], 1);
        assert_eq!(report["headline"]["reversed"], 0, "Bob's commit came later");
        let changes: Vec<&str> = report["record_changes"]
            .as_array()
            .expect("changes")
            .iter()
            .filter_map(|c| c["author_name"].as_str())
            .collect();
        assert_eq!(changes, ["Alice Coordinator"]);
    }
}

#[test]
fn bad_points_are_clear_errors() {
    let story = story();
    let before = story.report(&["--recorded", "2023-06-01"]);
    assert_eq!(before.code, 2, "{before:?}");
    assert!(
        before
            .stderr
            .contains("2023-06-01 is before the record began"),
        "{before:?}"
    );
    assert!(before.stdout.is_empty());

    let unknown = story.sandbox.run(&[
        "report",
        "--repo",
        arg(&story.dataset),
        "--since",
        "no-such-meeting",
    ]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .starts_with("reconvene: --since no-such-meeting: neither a date"),
        "{unknown:?}"
    );
    assert!(unknown.stderr.contains("summit, forum"), "{unknown:?}");

    let backwards = story.sandbox.run(&[
        "report",
        "--repo",
        arg(&story.dataset),
        "--since",
        "2025-12-31",
        "--as-of",
        "forum",
    ]);
    assert_eq!(backwards.code, 2);
    assert!(backwards.stderr.contains("after it ends"), "{backwards:?}");
}

#[test]
fn html_to_a_terminal_asks_for_a_file_and_markdown_prints() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let story = story();
    let terminal = terminal_support::Terminal::start("report-html", &[]);
    let repo = terminal_support::quoted(&story.dataset);
    terminal.run(&format!(
        "clear; {} report --repo {repo} --as-of 2025-12-31 --format html; echo exit=$?",
        terminal_support::binary()
    ));
    // The typed command holds "exit=" too: wait for the line echo prints.
    let screen = terminal.wait_until("the exit code", |screen| {
        screen.lines().any(|line| line.starts_with("exit="))
    });
    assert!(screen.lines().any(|line| line == "exit=2"), "{screen}");
    assert!(
        screen.contains("reconvene: an HTML report is a file to open in a browser: give -o FILE"),
        "{screen}"
    );
    assert!(!screen.contains("<html"), "{screen}");
    terminal.run(&format!(
        "clear; {} report --repo {repo} --as-of 2025-12-31 | head -1; echo exit=$?",
        terminal_support::binary()
    ));
    let screen = terminal.wait_until("exit=0", |screen| {
        screen.lines().any(|line| line == "exit=0")
    });
    assert!(
        screen.contains("# Test group: reconvening report"),
        "{screen}"
    );
}

#[test]
fn a_long_period_lists_only_the_newest_commits_and_says_how_to_see_all() {
    use reconvene::cli::report::{Request, build};
    use reconvene::store::DatasetLocation;
    let story = story();
    let location = DatasetLocation::find(&story.dataset).expect("the dataset");
    let request = Request {
        as_of: Some("2025-12-31".into()),
        since: Some("forum".into()),
        recorded: None,
        today: NaiveDate::MIN,
        stale_days: 365,
        max_commits: 1,
    };
    let report = match build(&location, &request) {
        Ok(report) => report,
        Err(refusal) => panic!("{refusal:?}"),
    };
    let listed: Vec<&str> = report
        .record_changes
        .iter()
        .map(|c| c.commit.as_str())
        .collect();
    assert_eq!(listed, [story.reversed.as_str()], "the newest only");
    assert_eq!(
        report.record_changes_note.as_deref(),
        Some(
            "Only the newest 1 commits of the period are listed; \
             `reconvene log --since 2024-11-11` lists them all."
        )
    );
}

#[test]
fn the_html_chart_spans_what_the_tuis_chart_spans() {
    let sandbox = cli_support::Sandbox::new();
    let repo = sandbox.init("group");
    let run = sandbox.run(&[
        "report",
        "--repo",
        arg(&repo),
        "--as-of",
        "2026-12-01",
        "--format",
        "html",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    // The TUI's chart of the same dataset, up to the same day.
    let files = reconvene::store::embedded::FILES
        .iter()
        .map(|(p, t)| (*p, t.as_bytes()));
    let dataset = reconvene::store::load_files(files).expect("the shipped dataset loads");
    let until = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day");
    let (start, end) = dataset
        .progress_over_time(until)
        .story_span()
        .expect("a span");
    assert_eq!(
        start.to_string(),
        "2022-11-10",
        "a year before the blueprint"
    );
    let title = format!("<title id=\"chart-title\">Overall progress from {start} to {end}:");
    assert!(run.stdout.contains(&title), "{title} in the report");
}
