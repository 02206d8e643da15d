//! `reconvene validate`: check every file and the references between them.

use std::process::ExitCode;

use super::args::GlobalArgs;
use super::resolve::{self, Env};
use super::{EXIT_INVALID, output};
use crate::model::Dataset;

/// Runs `validate`: on success one summary line on stdout (exit 0); on
/// problems one `PATH:LINE:COL: message` line each on stdout and the count on
/// stderr (exit 1).
pub fn run(global: &GlobalArgs, env: &Env) -> anyhow::Result<ExitCode> {
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
    match crate::store::load_dataset(dir) {
        Ok(dataset) => {
            output::stdout(&format!("{}\n", summary(&dataset)))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            output::stdout(&output::problem_lines(&problems))?;
            output::stderr(&output::problem_count(&problems, dir));
            Ok(ExitCode::from(EXIT_INVALID))
        }
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
