//! `reconvene set`, through `cli::set::run_with` (the binary's wiring is
//! elsewhere): what is printed, the exit code, and what is committed.

mod edit_support;

use std::process::ExitCode;

use clap::Parser;
use edit_support::*;
use reconvene::cli::set::{SetArgs, run_with};
use reconvene::model::{PartialDate, Provenance, Status};
use reconvene::store::DatasetLocation;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    set: SetArgs,
}

struct Outcome {
    code: ExitCode,
    out: String,
    err: String,
}

fn set(location: &DatasetLocation, args: &[&str]) -> Outcome {
    let cli = Cli::try_parse_from(std::iter::once("set").chain(args.iter().copied())).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(&cli.set, location, &alice(), &mut out, &mut err).unwrap();
    Outcome {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

#[test]
fn set_commits_the_change_and_prints_the_full_commit_id() {
    let (_dir, location) = fixture();
    let result = set(
        &location,
        &[
            "united-states",
            "blacklist",
            "implemented",
            "--note",
            "In force since November 2021",
            "--evidence-title",
            "Commerce adds NSO Group to the Entity List",
            "--evidence-url",
            "https://www.commerce.gov/news/press-releases/2021/11/x",
            "--evidence-date",
            "2021-11-03",
        ],
    );
    assert_eq!(result.code, ExitCode::SUCCESS, "{}", result.err);
    assert_eq!(result.out, format!("{}\n", tip(&location)));
    assert_eq!(
        result.err,
        format!(
            "Committed united-states · blacklist to {}\n",
            location.dataset_dir.display()
        ),
        "says where it wrote, and nothing else"
    );
    let commitment = actor_on_disk(&location, "united-states").commitments["blacklist"].clone();
    assert_eq!(commitment.status, Status::Implemented);
    assert_eq!(commitment.note, "In force since November 2021");
    assert_eq!(commitment.evidence.len(), 2);
    let added = &commitment.evidence[1];
    assert_eq!(added.source, "commerce.gov");
    assert_eq!(added.date, Some(PartialDate::parse("2021-11-03").unwrap()));
    assert_eq!(added.provenance, Provenance::Independent);
    assert_eq!(
        commitment.assessed.map(|d| d.0),
        Some(chrono::Local::now().date_naive())
    );
    let repo = repo(&location);
    let commit = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(
        commit.message().unwrap(),
        "United States · blacklist: Initiated → Implemented, note changed, evidence added\n\n\
         Actor: united-states\nRecommendation: blacklist\n"
    );
    assert_eq!(commit.author().email().unwrap(), "alice@example.org");
}

#[test]
fn if_status_refuses_when_the_current_status_differs_and_writes_nothing() {
    let (_dir, location) = fixture();
    let before = tip(&location);
    let result = set(
        &location,
        &[
            "france",
            "blacklist",
            "Implemented",
            "--if-status",
            "Endorsed",
        ],
    );
    assert_eq!(result.code, ExitCode::from(1));
    assert_eq!(result.out, "");
    assert_eq!(
        result.err,
        "reconvene: refused: france · blacklist is Initiated, not Endorsed (--if-status); nothing written\n"
    );
    assert_eq!(tip(&location), before);

    let result = set(
        &location,
        &[
            "france",
            "blacklist",
            "Implemented",
            "--if-status",
            "initiated",
            "-m",
            "Checked",
        ],
    );
    assert_eq!(result.code, ExitCode::SUCCESS, "{}", result.err);
    let repo = repo(&location);
    let commit = repo.head().unwrap().peel_to_commit().unwrap();
    assert!(
        commit
            .message()
            .unwrap()
            .starts_with("Checked\n\nActor: france\n")
    );
}

#[test]
fn unknown_names_exit_1_naming_the_valid_choices() {
    let (_dir, location) = fixture();
    let before = tip(&location);
    let result = set(&location, &["france", "blacklist", "done"]);
    assert_eq!(result.code, ExitCode::from(1));
    assert_eq!(
        result.err,
        "reconvene: unknown status `done`; valid: NoEvidence, Endorsed, Initiated, Substantial, Implemented, Reversed, NotApplicable\n"
    );
    let result = set(&location, &["france", "moon", "Implemented"]);
    assert_eq!(result.code, ExitCode::from(1));
    assert_eq!(
        result.err,
        "reconvene: unknown recommendation `moon`; valid: blacklist, oversight, export-safeguards\n"
    );
    let result = set(&location, &["frence", "blacklist", "Implemented"]);
    assert_eq!(result.code, ExitCode::from(1));
    assert_eq!(
        result.err,
        "reconvene: unknown actor `frence`; valid: france, united-kingdom, united-states\n"
    );
    assert_eq!(tip(&location), before);
}

#[test]
fn with_many_actors_a_mistyped_id_gets_the_closest_few() {
    let (_dir, location) = fixture();
    for n in 0..20 {
        let actor = edit_support::actor(&format!("ministry-{n}"), &format!("Ministry {n}"));
        reconvene::store::edit::save_actor(&location, &bob(), &actor, "").unwrap();
    }
    let result = set(&location, &["untied-states", "blacklist", "Implemented"]);
    assert_eq!(result.code, ExitCode::from(1));
    assert!(
        result.err.starts_with(
            "reconvene: unknown actor `untied-states`; closest of 23 actors: united-states, "
        ),
        "{}",
        result.err
    );
}

#[test]
fn evidence_without_a_source_or_with_a_bad_date_is_a_usage_error() {
    let (_dir, location) = fixture();
    let before = tip(&location);
    let result = set(
        &location,
        &[
            "france",
            "blacklist",
            "Implemented",
            "--evidence-title",
            "Decree",
        ],
    );
    assert_eq!(result.code, ExitCode::from(2));
    assert_eq!(
        result.err,
        "reconvene: --evidence-source is needed when there is no --evidence-url to name the source\n"
    );
    let result = set(
        &location,
        &[
            "france",
            "blacklist",
            "Implemented",
            "--evidence-title",
            "Decree",
            "--evidence-source",
            "Journal officiel",
            "--evidence-date",
            "2023-02-30",
        ],
    );
    assert_eq!(result.code, ExitCode::from(2));
    assert_eq!(
        result.err,
        "reconvene: --evidence-date: `2023-02-30` is not a day of the calendar\n"
    );
    assert_eq!(tip(&location), before);
}

#[test]
fn a_dirty_actor_file_is_refused_with_its_diff() {
    let (_dir, location) = fixture();
    let path = actor_file(&location, "france");
    let text = std::fs::read_to_string(&path).unwrap() + "// hand edit\n";
    std::fs::write(&path, &text).unwrap();
    let result = set(&location, &["france", "blacklist", "Implemented"]);
    assert_eq!(result.code, ExitCode::from(1));
    assert!(
        result.err.contains("has uncommitted changes"),
        "{}",
        result.err
    );
    assert!(result.err.contains("+// hand edit"), "{}", result.err);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
