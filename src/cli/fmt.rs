//! `reconvene fmt [--check]`: data files in canonical form, on purpose.

use std::process::ExitCode;

use super::args::{FmtArgs, GlobalArgs};
use super::resolve::{self, Env};
use super::text::sanitize;
use super::{EXIT_INVALID, output};
use crate::store::canonical::{self, FormatError};

/// Runs `fmt`. With `--check`: the files not in canonical form, one per
/// line on stdout, and exit 1 if there are any. Without: those files
/// rewritten in the working tree (named on stdout), and a line saying that
/// nothing was committed. An invalid dataset is reported as `validate`
/// reports it (exit 1), and nothing is written.
pub fn run(args: &FmtArgs, global: &GlobalArgs, env: &Env) -> anyhow::Result<ExitCode> {
    let opened = resolve::open_headless(global, env)?;
    let location = &opened.location;
    let dir = &location.dataset_dir;
    let shown_dir = sanitize(&dir.display().to_string()).to_string();
    if args.check {
        let dataset = match crate::store::load_dataset(dir) {
            Ok(dataset) => dataset,
            Err(problems) => return invalid(&problems, dir),
        };
        let (files, checked) = canonical::not_canonical(dir, &dataset);
        if files.is_empty() {
            output::stdout(&format!("canonical: {}\n", files_counted(checked)))?;
            return Ok(ExitCode::SUCCESS);
        }
        let list: String = files
            .iter()
            .map(|file| format!("{}\n", sanitize(&file.path)))
            .collect();
        output::stdout(&list)?;
        output::stderr(&format!(
            "{} of {checked} files {} not in canonical form in {shown_dir}; \
             `reconvene fmt` rewrites them\n",
            files.len(),
            if files.len() == 1 { "is" } else { "are" }
        ));
        return Ok(ExitCode::from(EXIT_INVALID));
    }
    let rewritten = match canonical::rewrite(location) {
        Ok(rewritten) => rewritten,
        Err(FormatError::Invalid(problems)) => return invalid(&problems, dir),
        Err(FormatError::Edit(error)) => return Err(error.into()),
    };
    if rewritten.paths.is_empty() {
        output::stdout(&format!(
            "canonical: {}; nothing to rewrite\n",
            files_counted(rewritten.checked)
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let list: String = rewritten
        .paths
        .iter()
        .map(|path| format!("rewrote {}\n", sanitize(path)))
        .collect();
    output::stdout(&list)?;
    output::stderr(&format!(
        "Rewrote {} in canonical form in {shown_dir}. Only the working tree changed: \
         nothing was committed; review with `git diff` and commit them (saves refuse \
         to edit these actors until then)\n",
        files_counted(rewritten.paths.len())
    ));
    Ok(ExitCode::SUCCESS)
}

fn invalid(problems: &crate::store::Problems, dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    output::stdout(&output::problem_lines(problems))?;
    output::stderr(&output::problem_count(problems, dir));
    output::stderr(
        "reconvene: fmt: the dataset must be valid to be rewritten; nothing was written\n",
    );
    Ok(ExitCode::from(EXIT_INVALID))
}

fn files_counted(n: usize) -> String {
    format!("{n} {}", if n == 1 { "file" } else { "files" })
}
