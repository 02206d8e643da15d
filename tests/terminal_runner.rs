//! The runner in a real terminal (tmux, 80×24): signals give the shell its
//! terminal back, `Ctrl-Z`/`fg` and `Ctrl-L` repaint, and two coordinators'
//! dashboards on one repository follow each other without a key.

mod terminal_support;

use std::process::Command;
use std::time::{Duration, Instant};

use terminal_support::{PROMPT, Terminal, binary, editor_script, quoted};

/// The TUI started from the window's shell: the shell's only child.
fn tui_pid(terminal: &Terminal) -> u32 {
    let shell = terminal.pane_pid();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let children: Vec<u32> = std::fs::read_dir("/proc")
            .expect("/proc")
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| parent_of(*pid) == Some(shell))
            .collect();
        if let [pid] = children[..] {
            return pid;
        }
        assert!(
            Instant::now() < deadline,
            "children of the shell: {children:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (name) state ppid ...": the name may hold spaces and parentheses.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

fn kill(signal: &str, pid: u32) {
    let sent = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -{signal} {pid}");
}

/// The shell has its terminal back: main screen, cursor shown, a prompt on
/// the last line written.
fn assert_shell_is_back(terminal: &Terminal) {
    let screen = terminal.wait_for(PROMPT);
    assert_eq!(terminal.pane("#{alternate_on}"), "0", "{screen}");
    assert_eq!(terminal.pane("#{cursor_flag}"), "1", "the cursor is shown");
    let last = screen.lines().rev().find(|l| !l.trim().is_empty());
    assert_eq!(last, Some(PROMPT), "{screen}");
}

#[test]
fn kill_int_term_and_hup_each_give_the_shell_back_with_the_cursor_shown_and_exit_128_plus_n() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("signals", &[]);
    terminal.init(&repo);
    for (signal, status) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        terminal.run(&format!(
            "clear; {} --repo {}; echo exit=$?",
            binary(),
            quoted(&repo)
        ));
        terminal.wait_for("overall progress");
        assert_eq!(terminal.pane("#{alternate_on}"), "1");
        kill(signal, tui_pid(&terminal));
        let screen = terminal.wait_for(&format!("exit={status}"));
        assert!(!screen.contains("overall progress"), "{signal}: {screen}");
        assert_shell_is_back(&terminal);
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_whole_dashboard_back() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("suspend", &[]);
    terminal.init(&repo);
    terminal.run(&format!("clear; {} --repo {}", binary(), quoted(&repo)));
    terminal.wait_for("overall progress");

    terminal.press(&["C-z"]);
    let screen = terminal.wait_for("Stopped");
    assert!(!screen.contains("overall progress"), "{screen}");
    assert_shell_is_back(&terminal);

    terminal.run("fg");
    terminal.wait_for("overall progress");
    let screen = terminal.wait_for("Governments");
    assert!(
        !screen.contains("Stopped"),
        "every cell repainted:\n{screen}"
    );
    assert_eq!(terminal.pane("#{alternate_on}"), "1");
    // Raw mode is back too: one key, no Enter, switches the view.
    terminal.press(&["Tab"]);
    terminal.wait_for("Government tracker");

    terminal.press(&["q"]);
    terminal.wait_for(PROMPT);
    terminal.run("echo exit=$?");
    terminal.wait_for("exit=0");
    assert_shell_is_back(&terminal);
}

#[test]
fn a_stop_sent_from_outside_then_fg_gives_back_the_whole_dashboard_with_keys_working() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("stopped", &[]);
    terminal.init(&repo);
    terminal.run(&format!("clear; {} --repo {}", binary(), quoted(&repo)));
    terminal.wait_for("overall progress");
    let pid = tui_pid(&terminal);

    // No chance to give the terminal back: the shell takes it, and puts
    // its own modes on it.
    kill("STOP", pid);
    terminal.wait_for("Stopped");
    kill("CONT", pid);
    terminal.run("fg");
    terminal.wait_for("overall progress");
    let screen = terminal.wait_for("Governments");
    assert!(
        !screen.contains("Stopped"),
        "every cell repainted:\n{screen}"
    );
    terminal.press(&["Tab"]);
    terminal.wait_for("Government tracker");
    terminal.press(&["q"]);
    assert_shell_is_back(&terminal);
}

#[test]
fn ctrl_l_paints_over_whatever_else_wrote_to_the_terminal() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("repaint", &[]);
    terminal.init(&repo);
    terminal.run(&format!("clear; {} --repo {}", binary(), quoted(&repo)));
    terminal.wait_for("overall progress");

    // Another program (a `wall` message, a background job) writes over the
    // dashboard; the TUI cannot know which cells it spoiled.
    let tty = terminal.pane("#{pane_tty}");
    std::fs::write(
        &tty,
        "\x1b[1;1HSCRIBBLED-OVER-THE-HEADLINE\x1b[12;5HMORE-SCRIBBLE",
    )
    .expect("write to the pane's terminal");
    terminal.wait_for("MORE-SCRIBBLE");

    terminal.press(&["C-l"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        // The headline the scribble covered is back, and nothing of it is left.
        let screen = terminal.screen();
        if !screen.contains("SCRIBBLE") && screen.contains("overall progress") {
            break;
        }
        assert!(Instant::now() < deadline, "not repainted:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
    }
    terminal.press(&["q"]);
    assert_shell_is_back(&terminal);
}

#[test]
fn an_edit_in_one_dashboard_or_from_set_appears_in_another_without_a_key_press() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let ada = Terminal::start("live-ada", &[]);
    ada.init(&repo);
    ada.open_dashboard(&repo, "Ada Lovelace <ada@example.org>");
    let bo = Terminal::start("live-bo", &[]);
    bo.open_dashboard(&repo, "Bo Berg <bo@example.org>");

    bo.press(&["e"]);
    bo.wait_for("Edit · Australia · acceptable-use");
    bo.press(&["Right", "Right", "C-s"]);
    bo.wait_for("Saved ");
    let screen = ada.wait_for("updated: Bo Berg changed Australia · acceptable-use");
    assert!(screen.contains("overall progress"), "{screen}");

    // A headless `set` from a shell shows up the same way.
    let home = tempfile::tempdir().expect("a temporary home");
    let set = Command::new(env!("CARGO_BIN_EXE_reconvene"))
        .args(["--repo"])
        .arg(&repo)
        .args(["--as", "Cy Shell <cy@example.org>"])
        .args(["set", "france", "oversight", "Initiated"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("RECONVENE_AUTHOR")
        .env_remove("RECONVENE_REPO")
        .output()
        .expect("reconvene set runs");
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    ada.wait_for("updated: Cy Shell changed France · oversight");
    bo.wait_for("updated: Cy Shell changed France · oversight");

    // Neither dashboard was touched while it followed.
    ada.press(&["q"]);
    bo.press(&["q"]);
    assert_shell_is_back(&ada);
    assert_shell_is_back(&bo);
}

#[test]
fn a_dropped_link_closing_the_terminal_too_still_exits_129() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let status = folder.path().join("status");
    {
        let terminal = Terminal::start("dropped", &[]);
        terminal.init(&repo);
        // The shell around it ignores the hang-up so that it can write down
        // how the dashboard ended; the dashboard itself hears it.
        terminal.run(&format!(
            "bash -c \"trap '' HUP; {} --repo {}; echo \\$? > {}\"",
            binary(),
            quoted(&repo),
            quoted(&status)
        ));
        terminal.wait_for("overall progress");
        // Dropping the terminal ends its tmux server: every pane's terminal
        // closes and its processes get SIGHUP, as when sshd loses the link.
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let written = loop {
        match std::fs::read_to_string(&status) {
            Ok(text) if text.ends_with('\n') => break text,
            _ => {}
        }
        assert!(Instant::now() < deadline, "the dashboard never ended");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(written.trim(), "129");
}

#[test]
fn editor_owns_the_terminal_while_the_dashboard_still_hears_of_commits_made_meanwhile() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    // An editor that reads one line from the terminal: every key typed must
    // reach it, none the dashboard (where `q` would quit).
    let editor = editor_script(
        folder.path(),
        "line-editor",
        "IFS= read -r line\nprintf '%s' \"$line\" > \"$1\"\n",
    );
    let terminal = Terminal::start("editor", &[("EDITOR", &editor), ("VISUAL", "")]);
    terminal.init(&repo);
    terminal.run(&format!(
        "clear; {} --repo {} --as 'Ada Lovelace <ada@example.org>'",
        binary(),
        quoted(&repo)
    ));
    let france = |screen: &str| {
        let row = screen.lines().find(|l| l.starts_with("France "));
        row.map(str::to_string)
            .expect("France's row on the dashboard")
    };
    let before = france(&terminal.wait_for("\nFrance "));
    terminal.press(&["e"]);
    terminal.wait_for("Edit · Australia · acceptable-use");
    terminal.press(&["Tab", "C-e"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while terminal.pane("#{alternate_on}") != "0" {
        assert!(
            Instant::now() < deadline,
            "the editor never took the terminal"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let home = tempfile::tempdir().expect("a temporary home");
    let set = Command::new(env!("CARGO_BIN_EXE_reconvene"))
        .arg("--repo")
        .arg(&repo)
        .args(["--as", "Cy Shell <cy@example.org>"])
        .args(["set", "france", "oversight", "Initiated"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("RECONVENE_AUTHOR")
        .env_remove("RECONVENE_REPO")
        .output()
        .expect("reconvene set runs");
    assert!(set.status.success());
    // Two seconds for the dashboard to notice the tip: it must not draw.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        terminal.pane("#{alternate_on}"),
        "0",
        "the editor still owns it"
    );

    terminal.type_text("q and j typed into the editor");
    terminal.press(&["Enter"]);
    let screen = terminal.wait_for("ctrl-s save · esc cancel");
    assert!(
        screen.contains("│q and j typed into the editor"),
        "the note came back, and nothing else acted on those keys:\n{screen}"
    );

    // Out of the form, France's row shows Cy's commit, loaded meanwhile.
    terminal.press(&["Escape"]);
    terminal.wait_for("esc again to discard");
    terminal.press(&["Escape"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let screen = terminal.screen();
        if screen.contains("\nFrance ") && france(&screen) != before {
            break;
        }
        assert!(Instant::now() < deadline, "France unchanged:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_editor_suspending_itself_gives_the_shell_back_and_fg_resumes_the_edit() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    // What vim does on Ctrl-Z: SIGTSTP to its whole process group.
    let editor = editor_script(
        folder.path(),
        "suspending-editor",
        "kill -TSTP 0\nIFS= read -r line\nprintf '%s' \"$line\" > \"$1\"\n",
    );
    let terminal = Terminal::start("editor-stop", &[("EDITOR", &editor), ("VISUAL", "")]);
    terminal.init(&repo);
    terminal.open_dashboard(&repo, "Ada Lovelace <ada@example.org>");
    terminal.press(&["e"]);
    terminal.wait_for("Edit · Australia · acceptable-use");
    terminal.press(&["Tab", "C-e"]);
    terminal.wait_for("Stopped");
    assert_shell_is_back(&terminal);

    terminal.run("fg");
    terminal.type_text("written after fg");
    terminal.press(&["Enter"]);
    let screen = terminal.wait_for("ctrl-s save · esc cancel");
    assert!(screen.contains("│written after fg"), "{screen}");
}
