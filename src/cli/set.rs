//! `reconvene set ACTOR REC STATUS`: one commitment edited and committed
//! headless, for scripts and bulk edits. Prints the new commit's id.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::text::sanitize;
use crate::model::{Commitment, Day, Evidence, PartialDate, Provenance, Status};
use crate::store::DatasetLocation;
use crate::store::edit::{self, EditError, summarize};
use crate::store::identity::Identity;

/// The arguments of `set`.
#[derive(Debug, Clone, clap::Args)]
pub struct SetArgs {
    /// The actor's id, e.g. `united-states`.
    pub actor: String,
    /// The recommendation's id, e.g. `blacklist`.
    pub recommendation: String,
    /// The new status: NoEvidence, Endorsed, Initiated, Substantial,
    /// Implemented, Reversed or NotApplicable.
    pub status: String,
    /// Replaces the commitment's note.
    #[arg(long)]
    pub note: Option<String>,
    /// Adds a piece of evidence with this title.
    #[arg(long)]
    pub evidence_title: Option<String>,
    /// The evidence's URL.
    #[arg(long, requires = "evidence_title")]
    pub evidence_url: Option<String>,
    /// The evidence's date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, requires = "evidence_title")]
    pub evidence_date: Option<String>,
    /// Who published the evidence (default: the URL's host).
    #[arg(long, requires = "evidence_title")]
    pub evidence_source: Option<String>,
    /// The evidence was published by the actor itself (default: independent).
    #[arg(long, requires = "evidence_title")]
    pub self_reported: bool,
    /// The grade the evidence supports on its own (default: the status being set).
    #[arg(long, requires = "evidence_title", value_name = "STATUS")]
    pub evidence_supports: Option<String>,
    /// Refuse (exit 1, nothing written) unless the current status is this.
    #[arg(long, value_name = "STATUS")]
    pub if_status: Option<String>,
    /// The commit message (default: a description of the change).
    #[arg(short, long)]
    pub message: Option<String>,
}

/// Runs `set`, printing the commit id on stdout and problems on stderr.
pub fn run(
    args: &SetArgs,
    location: &DatasetLocation,
    identity: &Identity,
) -> anyhow::Result<ExitCode> {
    run_with(
        args,
        location,
        identity,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}

/// [`run`] writing to the given streams (the tests read them).
pub fn run_with(
    args: &SetArgs,
    location: &DatasetLocation,
    identity: &Identity,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    match set(args, location, identity, out, err)? {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Refusal { code, message }) => {
            // Ids and notes from the command line reach the message as
            // typed: no control sequence of theirs may reach the terminal.
            let lines: Vec<_> = message.trim_end().lines().map(sanitize).collect();
            writeln!(err, "reconvene: {}", lines.join("\n")).context("writing to stderr")?;
            Ok(ExitCode::from(code))
        }
    }
}

/// Why `set` did nothing, and its exit code.
struct Refusal {
    code: u8,
    message: String,
}

fn refused(message: String) -> Refusal {
    Refusal { code: 1, message }
}

fn usage(message: String) -> Refusal {
    Refusal { code: 2, message }
}

fn parse_status(text: &str, what: &str) -> Result<Status, Refusal> {
    Status::parse(text).ok_or_else(|| {
        refused(format!(
            "unknown {what} `{text}`; valid: {}",
            Status::valid_names()
        ))
    })
}

/// The exit code of a refused or failed save: the environment (git, files)
/// is 2, everything the user can resolve in the data or the repository is 1.
fn from_edit_error(error: EditError) -> Refusal {
    match error {
        // The environment is in the way, not the edit: exit 2, as for
        // any other environment error (PRODUCT.md).
        EditError::Git(_)
        | EditError::Io { .. }
        | EditError::LockTimeout { .. }
        | EditError::StaleGitLock { .. }
        | EditError::NotOwned { .. }
        | EditError::ReadOnly { .. } => usage(error.to_string()),
        EditError::Conflict(conflict) => refused(format!(
            "refused: {} · {} was changed by someone else since it was read; nothing written.\n  \
             theirs (now committed): {}\n  yours (not saved):      {}\n\
             Run again to overwrite theirs, or keep theirs.",
            conflict.actor,
            conflict.recommendation,
            summarize(conflict.theirs.as_ref()),
            summarize(conflict.yours.as_ref())
        )),
        other => refused(other.to_string()),
    }
}

fn set(
    args: &SetArgs,
    location: &DatasetLocation,
    identity: &Identity,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<Result<(), Refusal>> {
    let status = match parse_status(&args.status, "status") {
        Ok(status) => status,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let expected = match args
        .if_status
        .as_deref()
        .map(|s| parse_status(s, "--if-status"))
    {
        Some(Err(refusal)) => return Ok(Err(refusal)),
        Some(Ok(expected)) => Some(expected),
        None => None,
    };
    let loaded = match edit::load_actor(location, &args.actor) {
        Ok(loaded) => loaded,
        Err(EditError::UnknownActor { actor }) => {
            let ids = edit::actor_ids(location).unwrap_or_default();
            return Ok(Err(refused(unknown_actor(&actor, &ids))));
        }
        Err(error) => return Ok(Err(from_edit_error(error))),
    };
    let recommendations = match edit::load_recommendations(location) {
        Ok(recommendations) => recommendations,
        Err(error) => return Ok(Err(from_edit_error(error))),
    };
    if !recommendations.is_empty() && !recommendations.iter().any(|r| r.id == args.recommendation) {
        let valid: Vec<&str> = recommendations.iter().map(|r| r.id.as_str()).collect();
        return Ok(Err(refused(format!(
            "unknown recommendation `{}`; valid: {}",
            args.recommendation,
            valid.join(", ")
        ))));
    }
    let base = loaded.actor.commitments.get(&args.recommendation).cloned();
    let current = base.as_ref().map(|c| c.status).unwrap_or_default();
    if let Some(expected) = expected
        && expected != current
    {
        return Ok(Err(refused(format!(
            "refused: {} · {} is {current}, not {expected} (--if-status); nothing written",
            args.actor, args.recommendation
        ))));
    }
    let evidence = match evidence(args, status) {
        Ok(evidence) => evidence,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // Applied to the commitment as the tip holds it when the commit is made
    // (PRODUCT.md, "What a write means"); `--if-status` is checked then too.
    let saved = edit::save_applied(
        location,
        identity,
        &args.actor,
        &args.recommendation,
        args.message.as_deref().unwrap_or_default(),
        expected,
        |theirs| changed(args, theirs.cloned(), status, evidence.clone()),
    );
    match saved {
        Ok(saved) => {
            writeln!(out, "{}", saved.commit).context("writing to stdout")?;
            if let Some(warning) = saved.warning {
                writeln!(err, "reconvene: warning: {warning}").context("writing to stderr")?;
            }
            // Scripts read the commit id alone on stdout; the person at the
            // terminal is told where it went (PRODUCT.md: every command that
            // writes says where it wrote).
            writeln!(
                err,
                "Committed {} · {} to {}",
                sanitize(&args.actor),
                sanitize(&args.recommendation),
                sanitize(&location.dataset_dir.display().to_string())
            )
            .context("writing to stderr")?;
            Ok(Ok(()))
        }
        Err(EditError::NoChange) => {
            writeln!(
                err,
                "{} · {} is already so; nothing to commit",
                args.actor, args.recommendation
            )
            .context("writing to stderr")?;
            Ok(Ok(()))
        }
        Err(error) => Ok(Err(from_edit_error(error))),
    }
}

/// The commitment with the arguments applied: the status, the note
/// replaced, the evidence appended, assessed today.
fn changed(
    args: &SetArgs,
    base: Option<Commitment>,
    status: Status,
    evidence: Option<Evidence>,
) -> Commitment {
    let mut new = base.unwrap_or_default();
    new.status = status;
    if let Some(note) = &args.note {
        new.note = note.clone();
    }
    new.evidence.extend(evidence);
    new.assessed = Some(Day(chrono::Local::now().date_naive()));
    new
}

/// The evidence the arguments describe, if any; unless told otherwise, it
/// supports the `status` being set.
fn evidence(args: &SetArgs, status: Status) -> Result<Option<Evidence>, Refusal> {
    let Some(title) = &args.evidence_title else {
        return Ok(None);
    };
    let supports = match &args.evidence_supports {
        Some(text) => parse_status(text, "--evidence-supports")?,
        None => status,
    };
    let date = args
        .evidence_date
        .as_deref()
        .map(PartialDate::parse)
        .transpose()
        .map_err(|reason| usage(format!("--evidence-date: {reason}")))?;
    let source = match (&args.evidence_source, &args.evidence_url) {
        (Some(source), _) => source.clone(),
        (None, Some(url)) => host(url).ok_or_else(|| {
            usage(format!(
                "--evidence-url `{url}` names no host; give --evidence-source"
            ))
        })?,
        (None, None) => {
            return Err(usage(
                "--evidence-source is needed when there is no --evidence-url to name the source"
                    .into(),
            ));
        }
    };
    Ok(Some(Evidence {
        title: title.clone(),
        source,
        date,
        url: args.evidence_url.clone(),
        provenance: if args.self_reported {
            Provenance::SelfReported
        } else {
            Provenance::Independent
        },
        supports,
    }))
}

/// `www.commerce.gov` → `commerce.gov`, from `https://www.commerce.gov/news`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

/// "unknown actor `x`" with the valid ids, or the closest few when many.
pub(super) fn unknown_actor(actor: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return format!("unknown actor `{actor}`; the dataset has no actors yet");
    }
    if ids.len() <= 12 {
        return format!("unknown actor `{actor}`; valid: {}", ids.join(", "));
    }
    format!(
        "unknown actor `{actor}`; closest of {} actors: {}",
        ids.len(),
        closest(actor, ids, 5).join(", ")
    )
}

/// The `n` ids closest to `query`: fuzzy matches first (the query's letters
/// in order), then by edit distance (typos).
fn closest<'a>(query: &str, ids: &'a [String], n: usize) -> Vec<&'a str> {
    let matcher = SkimMatcherV2::default();
    let mut ranked: Vec<(bool, i64, usize, &str)> = ids
        .iter()
        .map(|id| {
            let fuzzy = matcher.fuzzy_match(id, query);
            (
                fuzzy.is_none(),
                -fuzzy.unwrap_or(0),
                distance(query, id),
                id.as_str(),
            )
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(n).map(|(.., id)| id).collect()
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            row.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(row[j] + 1),
            );
        }
        previous = row;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_the_intended_actor_first() {
        let ids: Vec<String> = (0..40)
            .map(|n| format!("actor-{n}"))
            .chain(["united-states".to_string(), "united-kingdom".to_string()])
            .collect();
        assert_eq!(closest("untied-states", &ids, 2)[0], "united-states");
        assert_eq!(closest("kingdom", &ids, 1), vec!["united-kingdom"]);
    }

    #[test]
    fn the_source_defaults_to_the_urls_host() {
        assert_eq!(
            host("https://www.commerce.gov/news/x?y=1").as_deref(),
            Some("commerce.gov")
        );
        assert_eq!(
            host("https://user@example.org:8080/").as_deref(),
            Some("example.org")
        );
        assert_eq!(host("not a url"), None);
    }
}
