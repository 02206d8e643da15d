//! The `reconvene` binary: parse the arguments, pick the command, run it.

use std::process::ExitCode;

use reconvene::cli::args::Command;
use reconvene::cli::resolve::Env;
use reconvene::cli::{
    self, dashboard, fmt, init, log, report, resolve, set, status, synth, validate,
};

fn main() -> ExitCode {
    let args = match cli::parse_args() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let env = Env::from_process();
    let filter = args.filter.as_deref();
    let result = match &args.command {
        None => dashboard::run(&args.global, filter, &env),
        // `reconvene --filter F status` reads as `status --filter F`.
        Some(Command::Status(status_args)) => {
            let mut status_args = status_args.clone();
            status_args.filter = status_args.filter.or(args.filter.clone());
            status::run(&status_args, &args.global, &env)
        }
        Some(_) if filter.is_some() => Err(anyhow::anyhow!(
            "--filter applies to the dashboard and to status only (see --help)"
        )),
        Some(Command::Init(init_args)) => init::run(init_args),
        Some(Command::Validate(validate_args)) => validate::run(&args.global, validate_args, &env),
        Some(Command::Set(set_args)) => resolve::open_for_editing(&args.global, &env)
            .and_then(|(opened, author)| set::run(set_args, &opened.location, &author)),
        Some(Command::Synth(synth_args)) => synth::run(synth_args),
        Some(Command::Fmt(fmt_args)) => fmt::run(fmt_args, &args.global, &env),
        Some(Command::Log(log_args)) => log::run(log_args, &args.global, &env),
        Some(Command::Report(report_args)) => report::run(report_args, &args.global, &env),
    };
    cli::finish(result)
}
