//! `reconvene validate`: check every file and the references between them,
//! and warn where the record is not yet true to its evidence.

use std::process::ExitCode;

use super::args::{GlobalArgs, ValidateArgs};
use super::resolve::{self, Env};
use super::text::sanitize;
use super::{EXIT_INVALID, output};
use crate::model::Dataset;
use crate::store::Problem;

/// Runs `validate`. Problems: one `PATH:LINE:COL: message` line each on
/// stdout and the count on stderr (exit 1). Otherwise a `PATH:1:1: note: ...`
/// line for each file not in canonical form (a note, neither an error nor a
/// warning: it changes no exit code), one `PATH:LINE:COL: warning: ...` line
/// each, then the summary (exit 0), or with `--strict` and warnings the count
/// on stderr (exit 1).
pub fn run(global: &GlobalArgs, args: &ValidateArgs, env: &Env) -> anyhow::Result<ExitCode> {
    let opened = resolve::open_headless(global, env)?;
    let dir = &opened.location.dataset_dir;
    // A save killed half-way is finished (or forgotten) first, so that what
    // is validated is the record, not a file left behind by the kill.
    if let Ok(Some(path)) = crate::store::recovery::finish_interrupted_save(&opened.location) {
        output::stderr(&format!(
            "reconvene: finished an interrupted save of {}\n",
            path.display()
        ));
    }
    if let Ok(removed) = crate::store::clean_stray_temp_files(&opened.location)
        && !removed.is_empty()
    {
        output::stderr(&format!(
            "reconvene: removed {} temporary file(s) left by a killed save\n",
            removed.len()
        ));
    }
    match crate::store::load_dataset_with_warnings(dir) {
        Ok((dataset, warnings)) => {
            let (files, _) = crate::store::canonical::not_canonical(dir, &dataset);
            let notes: String = files
                .iter()
                .map(|file| format!("{}\n", sanitize(&not_canonical_note(&file.path))))
                .collect();
            output::stdout(&format!("{notes}{}", warning_lines(&warnings)))?;
            if args.strict && !warnings.is_empty() {
                output::stderr(&format!(
                    "{} in {} (--strict makes them errors)\n",
                    counted(warnings.len(), "warning", "warnings"),
                    sanitize(&dir.display().to_string())
                ));
                return Ok(ExitCode::from(EXIT_INVALID));
            }
            output::stdout(&format!("{}\n", summary_with(&dataset, warnings.len())))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            output::stdout(&output::problem_lines(&problems))?;
            output::stderr(&output::problem_count(&problems, dir));
            Ok(ExitCode::from(EXIT_INVALID))
        }
    }
}

/// The note for a file that is valid but not as the canonical writer
/// would write it (hand-formatted, commented).
pub fn not_canonical_note(path: &str) -> String {
    format!(
        "{path}:1:1: note: not in canonical form; `reconvene fmt` rewrites it (saves keep its layout)"
    )
}

fn warning_lines(warnings: &[Problem]) -> String {
    warnings
        .iter()
        .map(|w| format!("{}\n", sanitize(&w.to_string())))
        .collect()
}

/// The summary, with the count of warnings when there are any.
fn summary_with(dataset: &Dataset, warnings: usize) -> String {
    match warnings {
        0 => summary(dataset),
        n => format!(
            "{}; {}",
            summary(dataset),
            counted(n, "warning", "warnings")
        ),
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "valid: 43 actors, 12 recommendations, 118 commitments".
pub fn summary(dataset: &Dataset) -> String {
    format!(
        "valid: {}, {}, {}",
        counted(dataset.actors.len(), "actor", "actors"),
        counted(
            dataset.recommendations.len(),
            "recommendation",
            "recommendations"
        ),
        counted(dataset.commitment_count(), "commitment", "commitments"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Blueprint, Day, Manifest};

    fn empty_dataset() -> Dataset {
        let manifest = Manifest {
            title: "t".into(),
            blueprint: Blueprint {
                title: "b".into(),
                publisher: "p".into(),
                published: Day(chrono::NaiveDate::MIN),
                url: None,
            },
            milestones: vec![],
        };
        Dataset::new(manifest, vec![], vec![])
    }

    #[test]
    fn the_summary_counts_actors_recommendations_and_commitments() {
        assert_eq!(
            summary(&empty_dataset()),
            "valid: 0 actors, 0 recommendations, 0 commitments"
        );
        assert_eq!(counted(1, "actor", "actors"), "1 actor");
        assert_eq!(counted(43, "actor", "actors"), "43 actors");
    }
}
