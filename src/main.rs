//! The `reconvene` binary: parse the arguments, pick the command, run it.

use std::process::ExitCode;

use clap::Parser;
use reconvene::cli::args::{Cli, Command};
use reconvene::cli::resolve::Env;
use reconvene::cli::{self, dashboard, init, log, resolve, set, status, synth, validate};

fn main() -> ExitCode {
    let args = Cli::parse();
    let env = Env::from_process();
    let result = match &args.command {
        None => dashboard::run(&args.global, &env),
        Some(Command::Init(init_args)) => init::run(init_args),
        Some(Command::Validate) => validate::run(&args.global, &env),
        Some(Command::Status(status_args)) => status::run(status_args, &args.global, &env),
        Some(Command::Set(set_args)) => resolve::open_for_editing(&args.global, &env)
            .and_then(|(opened, author)| set::run(set_args, &opened.location, &author)),
        Some(Command::Synth(synth_args)) => synth::run(synth_args),
        Some(Command::Log(log_args)) => log::run(log_args, &args.global, &env),
    };
    cli::finish(result)
}
