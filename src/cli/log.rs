//! `reconvene log [ACTOR [REC]] [--since DATE|REV] [--author A] [--format text|json]`:
//! the record's history field by field, newest first.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use super::args::{GlobalArgs, LogArgs, LogFormat};
use super::resolve::{self, Env};
use super::text::{escape_json_controls, sanitize};
use crate::model::{Dataset, summarize_changes};
use crate::store::history::{History, LogQuery, RecordedCommit, Since};

/// Runs `log`: prints each commit that changed what was asked about.
pub fn run(args: &LogArgs, global: &GlobalArgs, env: &Env) -> anyhow::Result<ExitCode> {
    let opened = resolve::open_headless(global, env)?;
    let location = &opened.location;
    let mut history = History::open(location).context("cannot read the record's history")?;
    // Milestone ids are accepted wherever a date is; the current dataset
    // names them. A dataset that does not load has none to offer.
    let current = crate::store::load_dataset(&location.dataset_dir).ok();
    let since = match &args.since {
        Some(text) => Some(since(text, current.as_ref(), &history)?),
        None => None,
    };
    let query = LogQuery {
        actor: args.actor.clone(),
        recommendation: args.recommendation.clone(),
        author: args.author.clone(),
        since,
    };
    if let Some(unknown) = unknown_id(&query, current.as_ref(), &mut history)? {
        super::output::stderr(&format!("reconvene: {}\n", sanitize(&unknown)));
        return Ok(ExitCode::from(super::EXIT_INVALID));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut count = 0usize;
    let mut failed = None;
    if args.format == LogFormat::Json {
        out.write_all(b"[")?;
    }
    history.walk(&query, |commit| {
        let written = match args.format {
            LogFormat::Text => write_text(&mut out, &commit),
            LogFormat::Json => write_json(&mut out, &commit, &mut count),
        };
        for problem in &commit.problems {
            super::output::stderr(&format!(
                "reconvene: warning: at {}: {}\n",
                commit.id.short(),
                sanitize(&problem.to_string())
            ));
        }
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(error) => {
                failed = Some(error);
                ControlFlow::Break(())
            }
        }
    })?;
    if let Some(error) = failed {
        // A reader that stopped early (`| head`) is not an error.
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(error).context("cannot write the log");
    }
    if args.format == LogFormat::Json {
        out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
    }
    match out.flush() {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write the log")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Why the actor or recommendation asked about names nothing, as `set`
/// says it ("unknown actor `x`; closest ..."): `None` when today's dataset
/// knows it, or when some commit of the record changed it (an actor since
/// removed or renamed is still asked about by its old id).
fn unknown_id(
    query: &LogQuery,
    current: Option<&Dataset>,
    history: &mut History,
) -> anyhow::Result<Option<String>> {
    let known_today = |dataset: &Dataset| {
        let actor = query
            .actor
            .as_ref()
            .is_none_or(|id| dataset.actors.iter().any(|a| &a.id == id));
        let recommendation = query
            .recommendation
            .as_ref()
            .is_none_or(|id| dataset.recommendations.iter().any(|r| &r.id == id));
        (actor, recommendation)
    };
    let (actor, recommendation) = current.map_or((false, false), known_today);
    if actor && recommendation {
        return Ok(None);
    }
    if query.actor.is_none() && query.recommendation.is_none() {
        return Ok(None);
    }
    // Not in today's dataset: any commit that changed it makes it known.
    let mut past = |asked: LogQuery| -> anyhow::Result<bool> {
        let mut seen = false;
        history
            .walk(&asked, |commit| {
                // A file left unreadable is listed whatever was asked about:
                // only a change that names the id counts.
                if commit.changes.is_empty() {
                    return ControlFlow::Continue(());
                }
                seen = true;
                ControlFlow::Break(())
            })
            .context("cannot read the record's history")?;
        Ok(seen)
    };
    if !actor && let Some(id) = &query.actor {
        let asked = LogQuery {
            actor: Some(id.clone()),
            ..LogQuery::default()
        };
        if !past(asked)? {
            let ids: Vec<String> = current
                .map(|d| d.actors.iter().map(|a| a.id.clone()).collect())
                .unwrap_or_default();
            return Ok(Some(super::set::unknown_actor(id, &ids)));
        }
    }
    if !recommendation && let Some(id) = &query.recommendation {
        let asked = LogQuery {
            recommendation: Some(id.clone()),
            ..LogQuery::default()
        };
        if !past(asked)? {
            let ids: Vec<&str> = current
                .map(|d| d.recommendations.iter().map(|r| r.id.as_str()).collect())
                .unwrap_or_default();
            return Ok(Some(format!(
                "unknown recommendation `{id}`; valid: {}",
                ids.join(", ")
            )));
        }
    }
    Ok(None)
}

/// `--since`: a milestone's id, a date, or a revision.
fn since(text: &str, current: Option<&Dataset>, history: &History) -> anyhow::Result<Since> {
    if let Some(milestone) =
        current.and_then(|d| d.manifest.milestones.iter().find(|m| m.id == text))
    {
        return Ok(Since::Day(milestone.date.0));
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(Since::Day(day));
    }
    let commit = history
        .resolve(text)
        .with_context(|| format!("--since {}", sanitize(text)))?;
    Ok(Since::Commit(crate::store::edit::commit_id(commit)))
}

fn write_text(out: &mut impl Write, commit: &RecordedCommit) -> std::io::Result<()> {
    let merge = if commit.parents > 1 {
        " · merge (against its first parent)"
    } else {
        ""
    };
    writeln!(
        out,
        "{} {} {} <{}>{merge}",
        commit.id.short(),
        commit.time.format("%Y-%m-%d %H:%M %:z"),
        sanitize(&commit.author_name),
        sanitize(&commit.author_email),
    )?;
    if !commit.subject.is_empty() {
        writeln!(out, "    {}", sanitize(&commit.subject))?;
    }
    for line in summarize_changes(&commit.changes) {
        writeln!(out, "  · {}", sanitize(&line))?;
    }
    for problem in &commit.problems {
        writeln!(out, "  ! invalid: {}", sanitize(&problem.to_string()))?;
    }
    writeln!(out)
}

/// One JSON entry per field change (PRODUCT.md's `log --format json`).
#[derive(Serialize)]
struct Entry<'a> {
    commit: &'a str,
    date: String,
    author_name: &'a str,
    author_email: &'a str,
    actor: &'a str,
    recommendation: Option<&'a str>,
    field: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    /// For `field: "invalid"`: why the file this commit left could not be
    /// read (`PATH:LINE:COL: message`), so no field of it was compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

fn write_json(
    out: &mut impl Write,
    commit: &RecordedCommit,
    count: &mut usize,
) -> std::io::Result<()> {
    for change in &commit.changes {
        let entry = Entry {
            commit: commit.id.as_str(),
            date: commit.time.to_rfc3339(),
            author_name: &commit.author_name,
            author_email: &commit.author_email,
            actor: &change.actor,
            recommendation: change.recommendation.as_deref(),
            field: change.field.name(),
            old: change.old.as_deref(),
            new: change.new.as_deref(),
            problem: None,
        };
        write_entry(out, &entry, count)?;
    }
    // A file this commit left unreadable: one entry each, saying why, so a
    // script sees the commit as the text log and the report do.
    for problem in &commit.problems {
        let entry = Entry {
            commit: commit.id.as_str(),
            date: commit.time.to_rfc3339(),
            author_name: &commit.author_name,
            author_email: &commit.author_email,
            actor: &problem.path,
            recommendation: None,
            field: "invalid",
            old: None,
            new: None,
            problem: Some(problem.to_string()),
        };
        write_entry(out, &entry, count)?;
    }
    Ok(())
}

fn write_entry(out: &mut impl Write, entry: &Entry, count: &mut usize) -> std::io::Result<()> {
    let text = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    let separator = if *count == 0 { "\n  " } else { ",\n  " };
    write!(out, "{separator}{}", escape_json_controls(text))?;
    *count += 1;
    Ok(())
}
