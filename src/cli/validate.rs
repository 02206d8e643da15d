//! `reconvene validate`: check every file and the references between them.

use std::process::ExitCode;

use super::args::GlobalArgs;
use super::resolve::{self, Env};
use super::text::sanitize;
use super::{EXIT_INVALID, output};
use crate::model::Dataset;

/// Runs `validate`: on success one summary line on stdout (exit 0),
/// after a `PATH:1:1: note: ...` line for each file not in canonical form
/// (a note, neither an error nor a warning: it changes no exit code); on
/// problems one `PATH:LINE:COL: message` line each on stdout and the count
/// on stderr (exit 1).
pub fn run(global: &GlobalArgs, env: &Env) -> anyhow::Result<ExitCode> {
    let opened = resolve::open_headless(global, env)?;
    let dir = &opened.location.dataset_dir;
    match crate::store::load_dataset(dir) {
        Ok(dataset) => {
            let (files, _) = crate::store::canonical::not_canonical(dir, &dataset);
            let notes: String = files
                .iter()
                .map(|file| format!("{}\n", sanitize(&not_canonical_note(&file.path))))
                .collect();
            output::stdout(&format!("{notes}{}\n", summary(&dataset)))?;
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
