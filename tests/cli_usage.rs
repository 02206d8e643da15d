//! Usage and environment errors: exit 2, one line saying what and where.

mod cli_support;

use cli_support::{Sandbox, arg};

#[test]
fn an_unknown_flag_or_format_is_a_usage_error_on_one_line() {
    let sandbox = Sandbox::new();
    for args in [
        &["--frobnicate"][..],
        &["validate", "--frobnicate"][..],
        &["status", "--format", "xml"][..],
        &["no-such-command"][..],
    ] {
        let run = sandbox.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(
            run.stderr.starts_with("reconvene: ") && run.stderr.ends_with(" (see --help)\n"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn help_and_version_succeed() {
    let sandbox = Sandbox::new();
    let help = sandbox.run(&["--help"]);
    assert_eq!(help.code, 0);
    for command in ["init", "validate", "status", "--repo", "--as"] {
        assert!(help.stdout.contains(command), "{command}: {}", help.stdout);
    }
    let version = sandbox.run(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(
        version.stdout.starts_with("reconvene "),
        "{}",
        version.stdout
    );
}

#[test]
fn a_broken_config_is_named_with_its_line_and_column() {
    let sandbox = Sandbox::new();
    let config = sandbox.path("settings.ron");
    std::fs::write(&config, "(\n    dataset: 42,\n)\n").expect("write");
    let run = sandbox.run_with(&["validate"], &[("RECONVENE_CONFIG", arg(&config))]);
    assert_eq!(run.code, 2, "{run:?}");
    let prefix = format!("reconvene: reading the config: {}:2:", config.display());
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn a_config_named_by_the_environment_must_exist() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("missing.ron");
    let run = sandbox.run_with(&["status"], &[("RECONVENE_CONFIG", arg(&missing))]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains(arg(&missing)), "{}", run.stderr);
}

#[test]
fn a_refused_identity_stops_the_tui_before_it_starts() {
    let sandbox = Sandbox::new();
    let dir = sandbox.init("group");
    let run = sandbox.run(&["--repo", arg(&dir), "--as", "Mallory <m@x> <evil>"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with("reconvene: --as: "),
        "{}",
        run.stderr
    );
    let run = sandbox.run_with(
        &["--repo", arg(&dir)],
        &[("RECONVENE_AUTHOR", "Mallory\u{1b}[2J <m@x>")],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with("reconvene: RECONVENE_AUTHOR: "),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains('\u{1b}'),
        "escape echoed: {:?}",
        run.stderr
    );
}
