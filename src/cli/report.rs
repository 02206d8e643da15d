//! `reconvene report [--as-of DATE|MILESTONE] [--since DATE|MILESTONE]
//! [--recorded DATE|REV] [--format md|html|csv|json] [-o FILE]`: gathers the
//! record, the period and the record's commits in it, and hands them to the
//! pure [`crate::report`]. The clock is read here, and only when `--as-of`
//! is not given.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{NaiveDate, SecondsFormat, Utc};
use git2::Oid;

use super::args::{GlobalArgs, ReportArgs, ReportFormat};
use super::resolve::{self, Env};
use super::text::sanitize;
use super::{EXIT_INVALID, output};
use crate::model::{Dataset, summarize_changes};
use crate::report::{CommitStamp, Inputs, Point, RecordChange, Report};
use crate::store::DatasetLocation;
use crate::store::history::{History, HistoryError, LogQuery, Since};

/// How many of the period's commits a report lists at most: a briefing,
/// not the log (a large group's period holds thousands, each read field by
/// field, which would cost the report seconds).
pub const MAX_COMMITS: usize = 500;

/// What a report needs besides the record: the period and where to read.
#[derive(Debug, Clone)]
pub struct Request {
    /// `--as-of`: a date or milestone; `None`: `today`.
    pub as_of: Option<String>,
    /// `--since`: a date or milestone; `None`: the reconvening.
    pub since: Option<String>,
    /// `--recorded`: a date or revision; `None`: the branch's tip.
    pub recorded: Option<String>,
    /// The day the report is of when `--as-of` is not given.
    pub today: NaiveDate,
    /// Days after its last assessment a commitment is stale.
    pub stale_days: u32,
    /// How many of the period's commits to list at most ([`MAX_COMMITS`]).
    pub max_commits: usize,
}

/// Why a report could not be made.
#[derive(Debug)]
pub enum Refusal {
    /// The record at that commit is not valid (exit 1, problems listed).
    Invalid(String, crate::model::Problems),
    /// Anything else: a usage or environment error (exit 2).
    Error(anyhow::Error),
}

impl From<anyhow::Error> for Refusal {
    fn from(error: anyhow::Error) -> Self {
        Refusal::Error(error)
    }
}

/// Runs `report`.
pub fn run(args: &ReportArgs, global: &GlobalArgs, env: &Env) -> anyhow::Result<ExitCode> {
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    if to_terminal && args.format == ReportFormat::Html {
        bail!(
            "an HTML report is a file to open in a browser: give -o FILE (or redirect the output)"
        );
    }
    let opened = resolve::open_headless(global, env)?;
    let request = Request {
        as_of: args.as_of.clone(),
        since: args.since.clone(),
        recorded: args.recorded.clone(),
        today: Utc::now().date_naive(),
        stale_days: args.stale_after,
        max_commits: MAX_COMMITS,
    };
    let report = match build(&opened.location, &request) {
        Ok(report) => report,
        Err(Refusal::Invalid(at, problems)) => {
            output::stderr(&format!(
                "reconvene: the dataset as recorded at {} is not valid:\n",
                sanitize(&at)
            ));
            output::stderr(&output::problem_lines(&problems));
            return Ok(ExitCode::from(EXIT_INVALID));
        }
        Err(Refusal::Error(error)) => return Err(error),
    };
    let text = render(&report, args.format)?;
    match &args.output {
        Some(path) => {
            let path = absolute(path);
            crate::store::write_atomic(&path, text.as_bytes())
                .with_context(|| format!("cannot write the report to {}", path.display()))?;
            output::stdout(&format!(
                "Wrote the {} report ({} → {}) to {}\n",
                args.format.name(),
                report.stamp.from.date,
                report.stamp.to.date,
                sanitize(&path.display().to_string())
            ))?;
        }
        None => output::stdout(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `path` made absolute against the current folder, so that the message
/// saying where the report went names it whole.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The report in `format`.
pub fn render(report: &Report, format: ReportFormat) -> anyhow::Result<String> {
    Ok(match format {
        ReportFormat::Md => crate::report::markdown::render(report),
        ReportFormat::Html => crate::report::html::render(report),
        ReportFormat::Csv => crate::report::csv::render(report).context("writing the CSV")?,
        ReportFormat::Json => crate::report::json::render(report).context("writing the JSON")?,
    })
}

/// Gathers everything the report needs from the repository at `location`
/// and assembles it.
pub fn build(location: &DatasetLocation, request: &Request) -> Result<Report, Refusal> {
    let mut history = History::open(location).context("cannot read the record's history")?;
    let (commit, point) = match &request.recorded {
        Some(point) => {
            let commit = history
                .resolve(point)
                .with_context(|| format!("--recorded {}", sanitize(point)))?;
            (commit, point.clone())
        }
        None => (
            history.tip().context("cannot read the record")?,
            "the branch's tip".to_string(),
        ),
    };
    let record = match history.dataset_at(commit) {
        Ok(recorded) => recorded.dataset,
        Err(HistoryError::Invalid { problems, .. }) => {
            return Err(Refusal::Invalid(point, problems));
        }
        Err(error) => {
            return Err(anyhow::Error::new(error)
                .context(format!("cannot read the record at {}", sanitize(&point)))
                .into());
        }
    };
    let stamp = history
        .commit(commit)
        .context("cannot read the record's commit")?;
    let to = match &request.as_of {
        Some(text) => named_point(&record, text, "--as-of")?,
        None => Point {
            date: request.today,
            milestone: None,
        },
    };
    let from = match &request.since {
        Some(text) => named_point(&record, text, "--since")?,
        None => match record.manifest.reconvening() {
            Some(m) => Point {
                date: m.date.0,
                milestone: Some(m.id.clone()),
            },
            None => Point {
                date: record.manifest.blueprint.published.0,
                milestone: None,
            },
        },
    };
    if from.date > to.date {
        return Err(anyhow::anyhow!(
            "the period starts on {} after it ends on {}: give --since a day before --as-of",
            from.date,
            to.date
        )
        .into());
    }
    let (changes, changes_note) = record_changes(
        &mut history,
        location,
        commit,
        &from,
        &to,
        request.max_commits,
    )?;
    Ok(Report::assemble(Inputs {
        record: &record,
        commit: CommitStamp {
            id: stamp.id.as_str().to_string(),
            date: stamp
                .time
                .with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::Secs, true),
        },
        from,
        to,
        changes,
        changes_note,
        version: env!("CARGO_PKG_VERSION").to_string(),
        stale_days: request.stale_days,
    }))
}

/// The day `text` names in the record (a milestone's id or a date), kept
/// with the milestone's id when it was one.
fn named_point(record: &Dataset, text: &str, flag: &str) -> anyhow::Result<Point> {
    let Some(date) = record.day_named(text) else {
        let ids: Vec<&str> = record
            .manifest
            .milestones
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        bail!(
            "{flag} {}: neither a date (YYYY-MM-DD) nor a milestone of this dataset ({})",
            sanitize(text),
            ids.join(", ")
        );
    };
    let milestone = record
        .manifest
        .milestones
        .iter()
        .any(|m| m.id == text)
        .then(|| text.to_string());
    Ok(Point { date, milestone })
}

/// The record's commits made in the period (on or after the start's day,
/// up to the end of the report's day, UTC) that the record at `commit`
/// holds, newest first; and a note when some could not be listed.
fn record_changes(
    history: &mut History,
    location: &DatasetLocation,
    commit: Oid,
    from: &Point,
    to: &Point,
    max_commits: usize,
) -> anyhow::Result<(Vec<RecordChange>, Option<String>)> {
    let tip = history.tip().context("cannot read the record")?;
    // A report read at an older commit lists only what that commit's
    // record holds: its ancestors, not what was committed after it.
    let (ancestors, note) = if commit == tip {
        (None, None)
    } else {
        let repo = git2::Repository::open(&location.repo_root)
            .context("cannot read the record's history")?;
        let mut walk = repo.revwalk().context("cannot read the record's history")?;
        walk.push(commit)
            .context("cannot read the record's history")?;
        let ancestors: HashSet<Oid> = walk.filter_map(Result::ok).collect();
        let on_line = repo.graph_descendant_of(tip, commit).unwrap_or(false);
        let note = (!on_line).then(|| {
            let id = commit.to_string();
            format!(
                "Commit {} is not in the branch's history: only the commits it shares with \
                 the branch are listed.",
                id.get(..10).unwrap_or(&id)
            )
        });
        (Some(ancestors), note)
    };
    let query = LogQuery {
        since: Some(Since::Day(from.date)),
        ..LogQuery::default()
    };
    let mut changes = Vec::new();
    let mut more = false;
    history
        .walk(&query, |recorded| {
            if changes.len() == max_commits {
                more = true;
                return ControlFlow::Break(());
            }
            let day = recorded.time.with_timezone(&Utc).date_naive();
            let held = ancestors.as_ref().is_none_or(|set| {
                Oid::from_str(recorded.id.as_str()).is_ok_and(|id| set.contains(&id))
            });
            if day > to.date || !held {
                return ControlFlow::Continue(());
            }
            changes.push(RecordChange {
                commit: recorded.id.as_str().to_string(),
                date: recorded
                    .time
                    .with_timezone(&Utc)
                    .to_rfc3339_opts(SecondsFormat::Secs, true),
                author_name: recorded.author_name.clone(),
                author_email: recorded.author_email.clone(),
                subject: recorded.subject.clone(),
                lines: summarize_changes(&recorded.changes),
            });
            ControlFlow::Continue(())
        })
        .context("cannot read the record's history")?;
    let note = match (note, more) {
        (note, false) => note,
        (note, true) => Some(format!(
            "{}Only the newest {max_commits} commits of the period are listed; `reconvene log \
             --since {}` lists them all.",
            note.map(|n| format!("{n} ")).unwrap_or_default(),
            from.date
        )),
    };
    Ok((changes, note))
}
