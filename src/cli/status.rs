//! `reconvene status`: each actor's progress and the overall figure, as a
//! table for people or JSON/CSV for scripts.

use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use serde::ser::SerializeMap;

use super::args::{GlobalArgs, StatusArgs, StatusFormat};
use super::resolve::{self, Env};
use super::text::{cell, csv_field, escape_json_controls, sanitize, truncate};
use super::{EXIT_INVALID, output};
use crate::model::{ActorKind, Dataset, Filter, Progress, Status, StatusCounts};

/// Runs `status`: prints the dataset's progress in `args.format`; on invalid
/// data prints the problems to stderr and exits 1.
pub fn run(args: &StatusArgs, global: &GlobalArgs, env: &Env) -> anyhow::Result<ExitCode> {
    let opened = resolve::open_headless(global, env)?;
    let mut point = Point::default();
    let dataset = match &args.recorded {
        Some(asked) => match recorded(&opened.location, asked)? {
            (commit, Ok(dataset)) => {
                point.recorded = Some(commit);
                dataset
            }
            (_, Err(problems)) => {
                output::stderr(&format!(
                    "reconvene: the dataset as recorded at {} is not valid:\n",
                    sanitize(asked)
                ));
                output::stderr(&output::problem_lines(&problems));
                return Ok(ExitCode::from(EXIT_INVALID));
            }
        },
        None => match crate::store::load_dataset(&opened.location.dataset_dir) {
            Ok(dataset) => dataset,
            Err(problems) => {
                output::problems_to_stderr(&problems, &opened.location.dataset_dir);
                return Ok(ExitCode::from(EXIT_INVALID));
            }
        },
    };
    let mut past: Vec<String> = Vec::new();
    let dataset = match &args.as_of {
        Some(asked) => {
            let Some(day) = dataset.day_named(asked) else {
                anyhow::bail!(
                    "--as-of {}: neither a date (YYYY-MM-DD) nor a milestone of this dataset ({})",
                    sanitize(asked),
                    dataset
                        .manifest
                        .milestones
                        .iter()
                        .map(|m| m.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            };
            // A past view says which one it is, where a person reads it.
            let named = if *asked == day.to_string() {
                day.to_string()
            } else {
                point.milestone = Some(asked.clone());
                format!("{} ({day})", sanitize(asked))
            };
            point.as_of = Some(day);
            // A day still to come reads today's evidence: not a past view.
            point.after_today = day > chrono::Local::now().date_naive();
            if point.after_today {
                past.push(format!(
                    "as of {named} (after today: the evidence dated up to today)"
                ));
            } else {
                past.push(format!("as of {named}, evidence dated up to then"));
            }
            dataset.as_of(day)
        }
        None => dataset,
    };
    if let (Some(asked), Some(commit)) = (&args.recorded, &point.recorded) {
        let short = commit.get(..7).unwrap_or(commit);
        if asked.as_str() == short || asked == commit {
            past.push(format!("as recorded at {short}"));
        } else {
            past.push(format!("as recorded at {} ({short})", sanitize(asked)));
        }
    }
    let (dataset, filtered) = match &args.filter {
        Some(text) => {
            let filter = Filter::parse(text, &dataset.recommendations).context("--filter")?;
            let all = dataset.actors.len();
            let dataset = filtered(dataset, &filter);
            let line = format!(
                "Filter: {} ({} of {all} actors)\n",
                sanitize(filter.source()),
                dataset.actors.len()
            );
            (dataset, line)
        }
        None => (dataset, String::new()),
    };
    let text = match args.format {
        StatusFormat::Table if !past.is_empty() => {
            let label = if point.after_today && point.recorded.is_none() {
                "View"
            } else {
                "Past view"
            };
            format!(
                "{label}: {}\n{filtered}{}",
                past.join(", "),
                table(&dataset)
            )
        }
        StatusFormat::Table => format!("{filtered}{}", table(&dataset)),
        StatusFormat::Json => json(&dataset, &point)?,
        StatusFormat::Csv => csv(&dataset, &point),
    };
    output::stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The dataset cut to what `filter` lets through: its actors, and its
/// recommendations when it keeps the tracked ones only, so every figure
/// (each actor's and the overall one) is over what the screen would show.
pub fn filtered(mut dataset: Dataset, filter: &Filter) -> Dataset {
    let recommendations = &dataset.recommendations;
    let kept: Vec<bool> = dataset
        .actors
        .iter()
        .map(|a| filter.admits(a, recommendations))
        .collect();
    let mut keep = kept.into_iter();
    dataset.actors.retain(|_| keep.next().unwrap_or(false));
    dataset.recommendations.retain(|r| filter.shows(r));
    dataset
}

/// Which point a status shows, so a script reading it can tell: both `None`
/// for today's record read with today's evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Point {
    /// `--as-of`: the day on the first clock.
    pub as_of: Option<chrono::NaiveDate>,
    /// The milestone `--as-of` named, when it named one.
    pub milestone: Option<String>,
    /// Whether `as_of` is after today (so it reads today's evidence).
    pub after_today: bool,
    /// `--recorded`: the full id of the commit read.
    pub recorded: Option<String>,
}

/// The dataset as recorded at `point` (a date, a milestone or a revision),
/// with the commit's full id: `Err` inside when that version is invalid; an
/// unknown point or a date before the record began is an environment error.
fn recorded(
    location: &crate::store::DatasetLocation,
    point: &str,
) -> anyhow::Result<(String, Result<Dataset, crate::model::Problems>)> {
    use crate::store::history::{History, HistoryError};
    let context = || format!("--recorded {}", sanitize(point));
    let mut history = History::open(location).with_context(context)?;
    // A milestone's id works wherever a date does: the last commit at or
    // before the end of its day. Today's dataset names the milestones.
    let milestone = crate::store::load_dataset(&location.dataset_dir)
        .ok()
        .and_then(|today| {
            today
                .manifest
                .milestones
                .iter()
                .find(|m| m.id == point)
                .map(|m| m.date.0.to_string())
        });
    let commit = history
        .resolve(milestone.as_deref().unwrap_or(point))
        .with_context(context)?;
    let id = commit.to_string();
    match history.dataset_at(commit) {
        Ok(recorded) => Ok((id, Ok(recorded.dataset))),
        Err(HistoryError::Invalid { problems, .. }) => Ok((id, Err(problems))),
        Err(error) => Err(error).with_context(context),
    }
}

/// The table's widest line, so it reads in an 80-column terminal without wrapping.
pub const TABLE_WIDTH: usize = 79;
const NAME_COLUMNS: usize = 22;
const KIND_COLUMNS: usize = 10;

/// A short column heading for each status, in the scale's order.
fn heading(status: Status) -> &'static str {
    match status {
        Status::NoEvidence => "NoEv",
        Status::Endorsed => "Endo",
        Status::Initiated => "Init",
        Status::Substantial => "Subs",
        Status::Implemented => "Impl",
        Status::Reversed => "Rev",
        Status::NotApplicable => "N/A",
    }
}

fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Government => "Government",
        ActorKind::Intergovernmental => "Intergov.",
        ActorKind::Industry => "Industry",
        ActorKind::CivilSociety => "Civil soc.",
        ActorKind::Academia => "Academia",
    }
}

fn share_text(progress: &Progress) -> String {
    match progress.share() {
        Some(_) => format!("{}%", progress.percent()),
        None => "-".into(),
    }
}

fn table_row(name: &str, kind: &str, progress: &Progress) -> String {
    let mut line = format!("{} {}", cell(name, NAME_COLUMNS), cell(kind, KIND_COLUMNS));
    for (_, n) in progress.counts.iter() {
        line.push_str(&format!(" {n:>4}"));
    }
    line.push_str(&format!(
        " {:>4} {:>5}",
        progress.applicable,
        share_text(progress)
    ));
    line
}

/// The aligned table: the dataset's title, a heading row, one row per actor
/// (name cut to fit), and an `Overall` row. Every line fits in [`TABLE_WIDTH`].
pub fn table(dataset: &Dataset) -> String {
    let title = sanitize(&dataset.manifest.title);
    let mut out = format!("{}\n", truncate(&title, TABLE_WIDTH));
    let mut header = format!(
        "{} {}",
        cell("Actor", NAME_COLUMNS),
        cell("Kind", KIND_COLUMNS)
    );
    for status in Status::ALL {
        header.push_str(&format!(" {:>4}", heading(status)));
    }
    header.push_str(&format!(" {:>4} {:>5}", "Appl", "Share"));
    out.push_str(&header);
    out.push('\n');
    for actor in &dataset.actors {
        let progress = actor.progress(&dataset.recommendations);
        out.push_str(&table_row(&actor.name, kind_label(actor.kind), &progress));
        out.push('\n');
    }
    out.push_str(&table_row("Overall", "", &dataset.overall_progress()));
    out.push('\n');
    out
}

/// Status counts as a JSON object keyed by status name, in the scale's order.
struct CountsJson(StatusCounts);

impl Serialize for CountsJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Status::ALL.len()))?;
        for (status, n) in self.0.iter() {
            map.serialize_entry(status.name(), &n)?;
        }
        map.end()
    }
}

/// One progress figure in the JSON output. Field names are part of the
/// command-line contract: scripts read them.
#[derive(Serialize)]
struct ProgressJson {
    counts: CountsJson,
    applicable: usize,
    /// 0.0–1.0, `null` when nothing applies.
    share: Option<f64>,
    /// The share as a whole percentage, `null` when nothing applies.
    percent: Option<u16>,
}

impl From<&Progress> for ProgressJson {
    fn from(progress: &Progress) -> Self {
        ProgressJson {
            counts: CountsJson(progress.counts),
            applicable: progress.applicable,
            share: progress.share(),
            percent: progress.share().map(|_| progress.percent()),
        }
    }
}

#[derive(Serialize)]
struct ActorJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    #[serde(flatten)]
    progress: ProgressJson,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    title: &'a str,
    /// The first clock's day, `null` for today's evidence.
    as_of: Option<String>,
    /// The milestone that named `as_of`, if one did.
    milestone: Option<&'a str>,
    /// Whether `as_of` is after today (today's evidence, then).
    after_today: bool,
    /// The commit the record was read at, `null` for the work tree's files.
    recorded: Option<&'a str>,
    overall: ProgressJson,
    actors: Vec<ActorJson<'a>>,
}

/// `{"title", "as_of", "milestone", "after_today", "recorded", "overall":
/// {counts, applicable, share, percent}, "actors": [{id, name, kind, counts,
/// applicable, share, percent}]}`, pretty-printed.
pub fn json(dataset: &Dataset, point: &Point) -> anyhow::Result<String> {
    let report = StatusJson {
        title: &dataset.manifest.title,
        as_of: point.as_of.map(|day| day.to_string()),
        milestone: point.milestone.as_deref(),
        after_today: point.after_today,
        recorded: point.recorded.as_deref(),
        overall: ProgressJson::from(&dataset.overall_progress()),
        actors: dataset
            .actors
            .iter()
            .map(|actor| ActorJson {
                id: &actor.id,
                name: &actor.name,
                kind: actor.kind.name(),
                progress: ProgressJson::from(&actor.progress(&dataset.recommendations)),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report)?;
    text.push('\n');
    Ok(escape_json_controls(text))
}

fn csv_row(fields: &[&str], progress: &Progress, point: &Point) -> String {
    let mut row: Vec<String> = fields.iter().map(|f| csv_field(f).into_owned()).collect();
    row.extend(progress.counts.iter().map(|(_, n)| n.to_string()));
    row.push(progress.applicable.to_string());
    row.push(match progress.share() {
        Some(_) => progress.percent().to_string(),
        None => String::new(),
    });
    row.push(point.as_of.map(|day| day.to_string()).unwrap_or_default());
    row.push(point.recorded.clone().unwrap_or_default());
    row.join(",")
}

/// A header row, one row per actor, and an `overall` row (empty kind);
/// `percent` is empty when nothing applies; every row ends with the point
/// it shows (`as_of`, `recorded`: empty for today).
pub fn csv(dataset: &Dataset, point: &Point) -> String {
    let mut header = vec!["id", "name", "kind"];
    header.extend(Status::ALL.map(Status::name));
    header.extend(["applicable", "percent", "as_of", "recorded"]);
    let mut out = header.join(",");
    out.push('\n');
    for actor in &dataset.actors {
        let progress = actor.progress(&dataset.recommendations);
        out.push_str(&csv_row(
            &[&actor.id, &actor.name, actor.kind.name()],
            &progress,
            point,
        ));
        out.push('\n');
    }
    out.push_str(&csv_row(
        &["overall", "Overall", ""],
        &dataset.overall_progress(),
        point,
    ));
    out.push('\n');
    out
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
