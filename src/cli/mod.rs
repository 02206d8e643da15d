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
pub mod init;
pub mod log;
pub mod output;
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

/// An error and its causes on one sanitised line (a path or a git message
/// could hold a newline or an escape sequence).
pub fn error_line(error: &anyhow::Error) -> String {
    format!("reconvene: {}", text::sanitize(&format!("{error:#}")))
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
}
