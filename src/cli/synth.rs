//! `reconvene synth DIR --actors N --history N [--seed S]`: a synthetic
//! dataset repository at the sizes the benchmarks name.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use super::args::SynthArgs;
use super::output;
use crate::store::synth::synthesize;

/// Builds the repository, reporting progress on stderr (a 20,000-commit
/// history takes a while), then prints what it made.
pub fn run(args: &SynthArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut last_percent = None;
    let summary = synthesize(
        &args.dir,
        args.actors,
        args.history,
        args.seed,
        |done, total| {
            let percent = (done * 100).checked_div(total).unwrap_or(100);
            if last_percent != Some(percent) {
                last_percent = Some(percent);
                let mut stderr = std::io::stderr().lock();
                let _ = write!(stderr, "\rsynthesising: {percent:3}% ({done}/{total})");
                let _ = stderr.flush();
            }
        },
    )?;
    eprintln!();
    output::stdout(&format!(
        "Created {} actors and {} commits at {} in {:.1} s\n",
        summary.actors,
        summary.commits,
        args.dir.display(),
        started.elapsed().as_secs_f64()
    ))?;
    Ok(ExitCode::SUCCESS)
}
