//! What a user reads when a command fails: one `reconvene: ...` line on
//! stderr saying what and where, and PRODUCT.md's exit code (1 invalid data
//! or a refused edit, 2 usage or environment).

mod cli_support;

use cli_support::{Run, Sandbox, arg};

const ADA: &str = "Ada Lovelace <ada@example.org>";

/// Fails unless stderr is exactly one line starting `reconvene: `.
fn one_error_line(run: &Run) -> &str {
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {:?}", run.stderr);
    assert!(lines[0].starts_with("reconvene: "), "{:?}", run.stderr);
    lines[0]
}

#[test]
fn a_missing_folder_is_named_once_with_the_systems_reason_once() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("nowhere");
    let run = sandbox.run(&["validate", "--repo", arg(&missing)]);
    assert_eq!(run.code, 2, "{run:?}");
    let line = one_error_line(&run);
    assert_eq!(
        line,
        format!(
            "reconvene: --repo: {}: No such file or directory (os error 2)",
            missing.display()
        )
    );
}

#[test]
fn a_refused_identity_is_named_by_where_it_came_from_once() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let set = [
        "set",
        "france",
        "blacklist",
        "Initiated",
        "--repo",
        arg(&repo),
    ];

    let mut args = set.to_vec();
    args.extend(["--as", "Mallory <m@x> <evil>"]);
    let run = sandbox.run(&args);
    assert_eq!(run.code, 2, "{run:?}");
    let line = one_error_line(&run);
    assert!(line.starts_with("reconvene: --as: the email"), "{line}");
    assert_eq!(line.matches("--as").count(), 1, "{line}");

    let run = sandbox.run_with(&set, &[("RECONVENE_AUTHOR", "Mallory <m@x> <evil>")]);
    assert_eq!(run.code, 2, "{run:?}");
    let line = one_error_line(&run);
    assert!(
        line.starts_with("reconvene: RECONVENE_AUTHOR: the email"),
        "{line}"
    );
    assert!(!line.contains("--as"), "not reported as --as: {line}");
}

#[test]
fn refused_edits_exit_1_and_usage_errors_exit_2_each_on_one_line() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let run = |args: &[&str]| {
        let mut all = vec!["set", "--repo", arg(&repo), "--as", ADA];
        all.extend_from_slice(args);
        sandbox.run(&all)
    };
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["frence", "blacklist", "Initiated"],
            1,
            "reconvene: unknown actor `frence`",
        ),
        (
            &["france", "moon", "Initiated"],
            1,
            "reconvene: unknown recommendation `moon`",
        ),
        (
            &["france", "blacklist", "Done"],
            1,
            "reconvene: unknown status `Done`",
        ),
        (
            &[
                "france",
                "blacklist",
                "Initiated",
                "--if-status",
                "Implemented",
            ],
            1,
            "reconvene: refused: france · blacklist is",
        ),
        (
            &[
                "france",
                "blacklist",
                "Initiated",
                "--evidence-title",
                "A law",
                "--evidence-url",
                "https://example.org/law",
                "--evidence-date",
                "2024-13",
            ],
            2,
            "reconvene: --evidence-date: ",
        ),
        (
            &[
                "france",
                "blacklist",
                "Initiated",
                "--evidence-title",
                "A law",
            ],
            2,
            "reconvene: --evidence-source is needed",
        ),
    ];
    for (args, code, start) in cases {
        let result = run(args);
        assert_eq!(result.code, code, "{args:?}: {result:?}");
        assert!(
            one_error_line(&result).starts_with(start),
            "{args:?}: {result:?}"
        );
        assert_eq!(result.stdout, "", "{args:?}: nothing committed");
    }
    assert_eq!(
        cli_support::commits(&repo).len(),
        1,
        "nothing was committed"
    );
}

#[test]
fn a_folder_that_is_not_a_repository_or_has_no_dataset_is_an_environment_error() {
    let sandbox = Sandbox::new();
    let plain = sandbox.path("plain");
    std::fs::create_dir_all(&plain).expect("folder");
    let run = sandbox.run(&["status", "--repo", arg(&plain)]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        one_error_line(&run).contains("not a git repository"),
        "{run:?}"
    );
    git2::Repository::init(&plain).expect("git init");
    let run = sandbox.run(&["status", "--repo", arg(&plain)]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(one_error_line(&run).contains("no dataset here"), "{run:?}");
}

#[test]
fn an_id_typed_with_a_control_sequence_is_echoed_harmless() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let run = sandbox.run(&[
        "set",
        "nar\u{1b}[2Jnia",
        "blacklist",
        "Endorsed",
        "--as",
        ADA,
        "--repo",
        arg(&repo),
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.starts_with("reconvene: "), "{:?}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(run.stderr.contains("nar\u{fffd}[2Jnia"), "{:?}", run.stderr);
}

#[test]
fn a_lock_left_by_a_crashed_git_is_an_environment_error_and_stays() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let lock = repo.join(".git/index.lock");
    std::fs::write(&lock, "").expect("a lock");
    let run = sandbox.run(&[
        "set",
        "finland",
        "blacklist",
        "Endorsed",
        "--as",
        ADA,
        "--repo",
        arg(&repo),
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("index.lock"), "{:?}", run.stderr);
    assert!(lock.exists(), "never deleted");
}
