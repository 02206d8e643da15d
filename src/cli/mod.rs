//! The headless commands (validate, status, init, ...) and what they share:
//! resolving the dataset and identity, safe output, and exit codes.
//!
//! Exit codes (PRODUCT.md): 0 success; 1 the data is invalid or an edit was
//! refused — commands return that as `Ok(ExitCode)` after saying why; 2 a
//! usage or environment error — any `Err` a command returns, printed by
//! [`finish`] as one line on stderr. clap exits 2 on its own usage errors.

use std::process::ExitCode;

pub mod args;
pub mod dashboard;
pub mod fmt;
pub mod init;
pub mod log;
pub mod output;
pub mod report;
pub mod resolve;
pub mod set;
pub mod status;
pub mod synth;
pub mod text;
pub mod validate;

/// Exit code for invalid data or a refused edit.
pub const EXIT_INVALID: u8 = 1;
/// Exit code for a usage or environment error.
pub const EXIT_ENVIRONMENT: u8 = 2;

/// Turns a command's result into the process's exit code, printing an error
/// as `reconvene: what: where: why` on one line of stderr.
pub fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(error) => {
            output::stderr(&format!("{}\n", error_line(&error)));
            ExitCode::from(EXIT_ENVIRONMENT)
        }
    }
}

/// Parses the command line; a usage error is printed as one
/// `reconvene: ...` line (what was wrong, the usage) and exits 2, like
/// every other error. `--help` and `--version` print and exit 0.
pub fn parse_args() -> Result<args::Cli, ExitCode> {
    use clap::Parser;
    match args::Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(error) if !error.use_stderr() => {
            let _ = error.print();
            Err(ExitCode::SUCCESS)
        }
        Err(error) => {
            output::stderr(&format!("{}\n", usage_line(&error.render().to_string())));
            Err(ExitCode::from(EXIT_ENVIRONMENT))
        }
    }
}

/// clap's several-line usage error as one line: its message, the values
/// or arguments it lists, and the usage.
fn usage_line(rendered: &str) -> String {
    let mut line = String::new();
    for text in rendered.lines() {
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with("For more information") {
            continue;
        }
        if let Some(usage) = trimmed.strip_prefix("Usage: ") {
            line.push_str(&format!("; usage: {usage}"));
        } else if let Some(tip) = trimmed.strip_prefix("tip: ") {
            line.push_str(&format!("; {tip}"));
        } else if let Some(message) = trimmed.strip_prefix("error: ") {
            line.push_str(message);
        } else {
            line.push(' ');
            line.push_str(trimmed);
        }
    }
    format!("reconvene: {} (see --help)", text::sanitize(&line))
}

/// An error and its causes on one sanitised line (a path or a git message
/// could hold a newline or an escape sequence).
///
/// An error whose message already ends with its cause's (`path: No such
/// file (os error 2)` over that OS error) does not repeat it.
pub fn error_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.ends_with(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    format!("reconvene: {}", text::sanitize(&line))
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    use super::*;

    #[test]
    fn an_error_and_its_causes_print_as_one_safe_line() {
        let error = Err::<(), _>(anyhow::anyhow!("/srv/a\nb\x1b[2J: not a git repository"))
            .context("--repo")
            .expect_err("an error");
        assert_eq!(
            error_line(&error),
            "reconvene: --repo: /srv/a b\u{fffd}[2J: not a git repository"
        );
    }

    #[test]
    fn a_usage_error_reads_as_one_line() {
        let rendered = "error: the following required arguments were not provided:\n  <STATUS>\n\n\
                        Usage: reconvene set <ACTOR> <RECOMMENDATION> <STATUS>\n\n\
                        For more information, try '--help'.\n";
        assert_eq!(
            usage_line(rendered),
            "reconvene: the following required arguments were not provided: <STATUS>; \
             usage: reconvene set <ACTOR> <RECOMMENDATION> <STATUS> (see --help)"
        );
    }

    #[test]
    fn an_os_error_its_wrapper_already_quotes_is_printed_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("{path}: {source}")]
        struct Quoting {
            path: String,
            source: std::io::Error,
        }
        let os = std::io::Error::from(std::io::ErrorKind::NotFound);
        let shown = os.to_string();
        let error = anyhow::Error::new(Quoting {
            path: "/nonexistent".into(),
            source: os,
        })
        .context("--repo");
        assert_eq!(
            error_line(&error),
            format!("reconvene: --repo: /nonexistent: {shown}")
        );
    }
}
