//! Writing to stdout and stderr without panicking: a closed pipe
//! (`reconvene status | head -1`) ends the output quietly.

use std::io::{ErrorKind, Write};
use std::path::Path;

use anyhow::Context;

use super::text::sanitize;
use crate::store::Problems;

/// Writes `text` to stdout; a reader that went away is not an error.
pub fn stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != ErrorKind::BrokenPipe => {
            Err(error).context("writing to stdout")
        }
        _ => Ok(()),
    }
}

/// Writes `text` to stderr, ignoring failure: there is nowhere left to say it.
pub fn stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Each problem as one sanitised `PATH:LINE:COL: message` line.
pub fn problem_lines(problems: &Problems) -> String {
    problems
        .0
        .iter()
        .map(|problem| format!("{}\n", sanitize(&problem.to_string())))
        .collect()
}

/// "3 problems in DIR", the line that closes a list of problems.
pub fn problem_count(problems: &Problems, dataset_dir: &Path) -> String {
    let n = problems.0.len();
    let noun = if n == 1 { "problem" } else { "problems" };
    format!(
        "{n} {noun} in {}\n",
        sanitize(&dataset_dir.display().to_string())
    )
}

/// The problems and their count, all on stderr (for commands whose stdout
/// carries something else).
pub fn problems_to_stderr(problems: &Problems, dataset_dir: &Path) {
    stderr(&problem_lines(problems));
    stderr(&problem_count(problems, dataset_dir));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Problem;

    fn problem(path: &str, message: &str) -> Problem {
        Problem {
            path: path.into(),
            line: 3,
            column: 7,
            message: message.into(),
        }
    }

    #[test]
    fn problems_print_one_located_line_each_and_a_count() {
        let problems = Problems(vec![
            problem("actors/u/united-states.ron", "unknown status `Done`"),
            problem("actors/f/fr\x1b.ron", "file name differs\nfrom id"),
        ]);
        assert_eq!(
            problem_lines(&problems),
            "actors/u/united-states.ron:3:7: unknown status `Done`\n\
             actors/f/fr\u{fffd}.ron:3:7: file name differs from id\n"
        );
        assert_eq!(
            problem_count(&problems, Path::new("/srv/group")),
            "2 problems in /srv/group\n"
        );
        let one = Problems(vec![problem("reconvene.ron", "x")]);
        assert_eq!(problem_count(&one, Path::new("d")), "1 problem in d\n");
    }
}
