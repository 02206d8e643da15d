//! The command line's shape (PRODUCT.md's contract): global options accepted
//! before or after any subcommand, and the subcommands themselves.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `reconvene [--repo DIR] [--as "Name <email>"] [COMMAND]`; no command opens the TUI.
#[derive(Debug, Parser)]
#[command(
    name = "reconvene",
    version,
    about = "Track which stakeholders have acted on a working group's recommendations",
    long_about = None
)]
pub struct Cli {
    /// Options every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Show only the actors (and columns) this filter lets through, e.g.
    /// 'kind:government status:vendor-verification=NoEvidence' (the
    /// dashboard's `f` takes the same syntax)
    #[arg(long, value_name = "F")]
    pub filter: Option<String>,
    /// The headless command to run; none opens the TUI.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options accepted by every command, before or after it.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// The dataset: a repository root or a dataset folder inside one
    ///
    /// Without it: $RECONVENE_REPO, the dataset of the git work tree the
    /// current folder is in, the config's dataset, or the dataset in the
    /// user's data folder (created from the shipped one on first run).
    #[arg(long, global = true, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// Who is editing, as "Name <email>"
    ///
    /// Without it: $RECONVENE_AUTHOR, the config's author,
    /// $GIT_AUTHOR_NAME/$GIT_AUTHOR_EMAIL, then git config.
    #[arg(long = "as", global = true, value_name = "IDENTITY")]
    pub author: Option<String>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new git repository holding the shipped dataset in one commit.
    Init(InitArgs),
    /// Check every file and the references between them; exit 1 on problems.
    Validate(ValidateArgs),
    /// Print each actor's progress and the overall figure.
    Status(StatusArgs),
    /// Change one commitment and commit it, printing the commit id.
    Set(Box<crate::cli::set::SetArgs>),
    /// Make a synthetic dataset repository for benchmarks.
    Synth(SynthArgs),
    /// Rewrite the data files in canonical form (the working tree only;
    /// nothing is committed).
    Fmt(FmtArgs),
    /// The record's history, field by field, newest first.
    Log(LogArgs),
    /// The reconvening report: where everyone stood, what moved since, on
    /// what evidence, and who recorded it.
    Report(ReportArgs),
}

/// `reconvene report [--as-of DATE|MILESTONE] [--since DATE|MILESTONE]
/// [--recorded DATE|REV] [--format md|html|csv|json] [-o FILE]`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// The report's date: the world as it stood at the end of this day
    /// (YYYY-MM-DD) or milestone (its id); default today
    #[arg(long, value_name = "DATE|MILESTONE")]
    pub as_of: Option<String>,
    /// The period's start, a date or a milestone; default the reconvening
    #[arg(long, value_name = "DATE|MILESTONE")]
    pub since: Option<String>,
    /// The record as it was at this commit, or at the last commit at or
    /// before the end of this day (YYYY-MM-DD, UTC); default the branch's tip
    #[arg(long, value_name = "DATE|REV")]
    pub recorded: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// List a graded commitment as stale when its last assessment is more
    /// than this many days before the report's date.
    #[arg(long, value_name = "DAYS", default_value_t = crate::report::DEFAULT_STALE_DAYS)]
    pub stale_after: u32,
}

/// The report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown (CommonMark with tables), for a forge or a mail.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML file, for a browser or a printer.
    Html,
    /// One row per commitment (the README's field dictionary).
    Csv,
    /// The whole report as one JSON document.
    Json,
}

impl ReportFormat {
    /// The format's name, as given to `--format` and used as a file extension.
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Md => "md",
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
        }
    }
}

/// `reconvene log [ACTOR [REC]] [--since DATE|REV] [--author A] [--format text|json]`.
#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// Only this actor's changes (its id), followed across renames.
    pub actor: Option<String>,
    /// Only the changes to this recommendation's commitment (its id).
    pub recommendation: Option<String>,
    /// Only commits since this date (YYYY-MM-DD, UTC), milestone or revision.
    #[arg(long, value_name = "DATE|REV")]
    pub since: Option<String>,
    /// Only commits whose author's "Name <email>" contains this (any case).
    #[arg(long, value_name = "AUTHOR")]
    pub author: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub format: LogFormat,
}

/// How `log` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// A block per commit, one line per actor and commitment changed.
    Text,
    /// One JSON array, an entry per field changed.
    Json,
}

/// `reconvene fmt [--check]`.
#[derive(Debug, Clone, Args)]
pub struct FmtArgs {
    /// Change nothing: list the files not in canonical form and exit 1 if
    /// there are any (for CI).
    #[arg(long)]
    pub check: bool,
}

/// `reconvene validate [--strict]`.
#[derive(Debug, Clone, Default, Args)]
pub struct ValidateArgs {
    /// Treat warnings (a grade its evidence does not support, a missing
    /// assessment date, ...) as errors: exit 1 when there are any
    #[arg(long)]
    pub strict: bool,
}

/// `reconvene synth DIR --actors N --history N [--seed S]`.
#[derive(Debug, Clone, Args)]
pub struct SynthArgs {
    /// The folder to create (it must not exist or be empty).
    pub dir: PathBuf,
    /// How many actors.
    #[arg(long, default_value_t = 1_200)]
    pub actors: usize,
    /// How many commits after the import, each changing one commitment.
    #[arg(long, default_value_t = 2_000)]
    pub history: usize,
    /// The generator's seed: the same seed makes the same dataset.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `reconvene init DIR [--empty]`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist or be empty).
    pub dir: PathBuf,
    /// Only the manifest and the recommendations, no actors.
    #[arg(long)]
    pub empty: bool,
}

/// `reconvene status [--as-of DATE|MILESTONE] [--recorded DATE|REV] [--filter F] [--format table|json|csv]`.
#[derive(Debug, Clone, Default, Args)]
pub struct StatusArgs {
    /// Only the actors (and columns) this filter lets through: kind:KIND,
    /// role:ROLE, status:REC=STATUS, tracked, text:WORD or bare words
    #[arg(long, value_name = "F")]
    pub filter: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
    /// The record as it was at this commit, or at the last commit at or
    /// before the end of this day (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE|REV")]
    pub recorded: Option<String>,
    /// The world as it stood at the end of this day (YYYY-MM-DD) or
    /// milestone (its id): each grade from the evidence dated up to then
    #[arg(long, value_name = "DATE|MILESTONE")]
    pub as_of: Option<String>,
}

/// How `status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum StatusFormat {
    /// Aligned columns for a person at a terminal.
    #[default]
    Table,
    /// One JSON object, for scripts.
    Json,
    /// A header row, one row per actor and an `overall` row.
    Csv,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("reconvene").chain(args.iter().copied()))
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn repo_and_as_are_accepted_before_and_after_the_command() {
        for args in [
            &["--repo", "/d", "--as", "A <a@x>", "validate"][..],
            &["validate", "--repo", "/d", "--as", "A <a@x>"][..],
            &["--repo", "/d", "validate", "--as", "A <a@x>"][..],
        ] {
            let cli = parse(args).expect("valid");
            assert_eq!(cli.global.repo, Some(PathBuf::from("/d")), "{args:?}");
            assert_eq!(cli.global.author.as_deref(), Some("A <a@x>"), "{args:?}");
            assert!(matches!(
                cli.command,
                Some(Command::Validate(ValidateArgs { strict: false }))
            ));
        }
    }

    #[test]
    fn no_command_means_the_tui() {
        let cli = parse(&["--repo", "/d"]).expect("valid");
        assert!(cli.command.is_none());
    }

    #[test]
    fn status_defaults_to_a_table_and_refuses_unknown_formats() {
        match parse(&["status"]).expect("valid").command {
            Some(Command::Status(args)) => assert_eq!(args.format, StatusFormat::Table),
            other => panic!("parsed as {other:?}"),
        }
        match parse(&["status", "--format", "csv"])
            .expect("valid")
            .command
        {
            Some(Command::Status(args)) => assert_eq!(args.format, StatusFormat::Csv),
            other => panic!("parsed as {other:?}"),
        }
        let error = parse(&["status", "--format", "xml"]).expect_err("xml is not a format");
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn init_takes_a_folder_and_empty() {
        match parse(&["init", "/tmp/x", "--empty"])
            .expect("valid")
            .command
        {
            Some(Command::Init(args)) => {
                assert_eq!(args.dir, PathBuf::from("/tmp/x"));
                assert!(args.empty);
            }
            other => panic!("parsed as {other:?}"),
        }
        assert_eq!(
            parse(&["init"]).expect_err("DIR is required").exit_code(),
            2
        );
    }

    #[test]
    fn set_takes_the_product_flags_and_evidence_details_need_a_title() {
        let cli = parse(&[
            "set",
            "united-states",
            "blacklist",
            "Implemented",
            "--if-status",
            "Initiated",
            "--evidence-title",
            "Entity List",
            "--evidence-url",
            "https://example.org",
            "--evidence-date",
            "2021-11-03",
            "-m",
            "why",
            "--as",
            "A <a@x>",
        ])
        .expect("valid");
        match cli.command {
            Some(Command::Set(set)) => {
                assert_eq!(set.actor, "united-states");
                assert_eq!(set.recommendation, "blacklist");
                assert_eq!(set.status, "Implemented");
                assert_eq!(set.if_status.as_deref(), Some("Initiated"));
                assert_eq!(set.evidence_url.as_deref(), Some("https://example.org"));
                assert_eq!(set.message.as_deref(), Some("why"));
            }
            other => panic!("parsed as {other:?}"),
        }
        assert_eq!(cli.global.author.as_deref(), Some("A <a@x>"));
        let error = parse(&["set", "a", "b", "Implemented", "--evidence-url", "u"])
            .expect_err("a URL without a title is refused");
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn fmt_takes_check() {
        match parse(&["fmt", "--check"]).expect("valid").command {
            Some(Command::Fmt(args)) => assert!(args.check),
            other => panic!("parsed as {other:?}"),
        }
        match parse(&["fmt"]).expect("valid").command {
            Some(Command::Fmt(args)) => assert!(!args.check),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn an_unknown_flag_is_a_usage_error() {
        assert_eq!(parse(&["--frobnicate"]).expect_err("bad").exit_code(), 2);
        assert_eq!(
            parse(&["validate", "--nope"]).expect_err("bad").exit_code(),
            2
        );
    }
}
