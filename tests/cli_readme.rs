//! Every example in the README, run as a newcomer would run it: each
//! ```` ```sh ```` block as one bash script with the real binary on the
//! PATH (in a sandbox with no identity or dataset from this machine), and
//! each ```` ```ron ```` block as the config file it shows.

mod cli_support;
mod terminal_support;

use std::path::Path;
use std::process::Command;

use cli_support::Sandbox;
use reconvene::app::{Action, Key, KeyMap, Mode};
use reconvene::store::config::Config;

const README: &str = include_str!("../README.md");

/// The fenced blocks of `text` whose info string is `lang`, with the line
/// each starts on.
fn blocks(text: &str, lang: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, String, bool)> = None;
    for (n, line) in text.lines().enumerate() {
        match &mut open {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    open = Some((n + 1, String::new(), info.trim() == lang));
                }
            }
            Some((start, body, wanted)) => {
                if line.starts_with("```") {
                    if *wanted {
                        found.push((*start, std::mem::take(body)));
                    }
                    open = None;
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
    }
    assert!(open.is_none(), "a fenced block is never closed");
    found
}

/// The commands of a shell block: continuation lines joined, comments and
/// blank lines left out.
fn commands(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in script.lines() {
        let line = line.trim();
        if current.is_empty() && (line.is_empty() || line.starts_with('#')) {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(start) => current.push_str(start),
            None => {
                current.push_str(line);
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

/// The command without its trailing `# comment`.
fn without_comment(command: &str) -> &str {
    command.split("  #").next().unwrap_or(command).trim()
}

/// How the README's build commands are checked: they are what builds and
/// runs this very test, so they are recognised rather than run again.
const BUILD_COMMANDS: [&str; 4] = [
    "cargo install --path .",
    "cargo build --release",
    "cargo run --release",
    "cargo test",
];

/// A folder holding `reconvene`, the binary under test, to put on PATH.
fn bin_dir(sandbox: &Sandbox) -> std::path::PathBuf {
    let dir = sandbox.path("bin");
    std::fs::create_dir_all(&dir).expect("bin folder");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_reconvene"), dir.join("reconvene"))
        .expect("link the binary");
    dir
}

fn path_with(dir: &Path) -> String {
    let system = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
    format!("{}:{system}", dir.display())
}

#[test]
fn the_readme_has_shell_and_config_examples_to_run() {
    let shell = blocks(README, "sh");
    assert!(shell.len() >= 2, "{shell:?}");
    assert!(
        !blocks(README, "ron").is_empty(),
        "the README shows a config"
    );
    assert!(
        shell
            .iter()
            .any(|(_, script)| script.contains("reconvene set ")),
        "the README shows a `set`"
    );
}

#[test]
fn every_shell_example_in_the_readme_runs_and_succeeds() {
    for (line, script) in blocks(README, "sh") {
        let commands = commands(&script);
        let build: Vec<&String> = commands
            .iter()
            .filter(|c| c.starts_with("cargo ") || c.starts_with("just "))
            .collect();
        if !build.is_empty() {
            for command in &build {
                let command = without_comment(command);
                assert!(
                    BUILD_COMMANDS.contains(&command) || command.starts_with("just "),
                    "README line {line}: `{command}` is not a build command this test knows"
                );
            }
            // The rest of a build block opens the dashboard: see the tmux test.
            for command in commands.iter().filter(|c| !build.contains(c)) {
                assert_eq!(
                    without_comment(command),
                    "reconvene",
                    "README line {line}: only the dashboard may follow a build command"
                );
            }
            continue;
        }
        let sandbox = Sandbox::new();
        let bin = bin_dir(&sandbox);
        let work = sandbox.path("work");
        std::fs::create_dir_all(&work).expect("a working folder");
        let run = Command::new("bash")
            .arg("-c")
            .arg(format!("set -euo pipefail\n{script}"))
            .current_dir(&work)
            .env_clear()
            .env("PATH", path_with(&bin))
            .env("HOME", sandbox.path("home"))
            .env("XDG_DATA_HOME", sandbox.data_home())
            .env("XDG_CONFIG_HOME", sandbox.config_home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("bash runs");
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            run.status.success(),
            "README line {line}: the example failed ({}):\n{script}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            run.status
        );
        // What the comments promise is what a newcomer sees.
        for command in &commands {
            if let Some((_, promise)) = command.split_once("  # ")
                && promise.contains(": ")
                && command.starts_with("git log")
            {
                assert!(
                    stdout.contains(promise.trim()),
                    "README line {line}: `{command}` should print {promise:?}:\n{stdout}"
                );
            }
        }
        assert!(
            !sandbox.default_dataset_exists(),
            "README line {line}: the examples used the dataset they made, not a private copy"
        );
    }
}

#[test]
fn the_config_example_in_the_readme_is_valid_and_harmless() {
    for (line, text) in blocks(README, "ron") {
        let sandbox = Sandbox::new();
        let path = sandbox.path("config.ron");
        std::fs::write(&path, &text).expect("write the config");
        let config = Config::parse(&path, text.as_bytes())
            .unwrap_or_else(|error| panic!("README line {line}: {error}"));
        assert_eq!(
            config.dataset, None,
            "README line {line}: a dataset path in an example breaks the program when copied"
        );
        // A key bound to two actions in one mode is among the warnings.
        let (keys, warnings) = KeyMap::with_overrides(&config.keys);
        assert_eq!(warnings, Vec::<String>::new(), "README line {line}");
        for (key, action) in [
            ("ctrl-c", Action::Quit),
            ("q", Action::Quit),
            ("?", Action::Help),
        ] {
            assert_eq!(
                Key::parse(key).and_then(|key| keys.action(Mode::Dashboard, key)),
                Some(action),
                "README line {line}: `{key}` still works"
            );
        }
        // The program accepts it: who it names can commit.
        let repo = sandbox.init("group");
        let run = sandbox.run_with(
            &[
                "set",
                "finland",
                "blacklist",
                "Endorsed",
                "--repo",
                cli_support::arg(&repo),
            ],
            &[("RECONVENE_CONFIG", cli_support::arg(&path))],
        );
        assert_eq!(run.code, 0, "README line {line}: {run:?}");
        assert_eq!(
            cli_support::commits(&repo)[0].1,
            "Ada Lovelace",
            "the config's author"
        );
    }
}

#[test]
fn the_dashboard_the_readme_opens_on_a_fresh_machine_starts_and_quits() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let terminal = terminal_support::Terminal::start("readme", &[]);
    let bin = terminal.home().join("bin");
    std::fs::create_dir_all(&bin).expect("bin folder");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_reconvene"), bin.join("reconvene"))
        .expect("link the binary");
    terminal.run(&format!(
        "cd ~ && PATH={}:$PATH; reconvene; echo exit=$?",
        terminal_support::quoted(&bin)
    ));
    let screen = terminal.wait_for("overall progress");
    assert!(screen.contains("Governments"), "{screen}");
    // The first run says where it put the dataset, whole, in a panel that
    // stays until closed; then `q` quits.
    terminal.wait_for("esc close");
    terminal.press(&["Escape"]);
    terminal.press(&["q"]);
    terminal.wait_for("exit=0");
    assert!(
        terminal
            .home()
            .join("data/reconvene/dataset/reconvene.ron")
            .exists()
    );
}
