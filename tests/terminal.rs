//! The real binary in a real terminal (tmux, 80×24): what a coordinator
//! sees, the keys they press, and the shell they get back.

mod terminal_support;

use std::time::Duration;

use terminal_support::{Terminal, binary, quoted, skip_without_tmux};

#[test]
fn a_coordinator_browses_the_dashboard_opens_an_actor_and_quits_to_a_working_shell() {
    if skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("browse", &[]);
    terminal.init(&repo);
    terminal.run(&format!(
        "{} --repo {}; echo exit=$?",
        binary(),
        quoted(&repo)
    ));
    let screen = terminal.wait_for("overall progress");
    assert!(screen.contains("Planned reconvening"), "{screen}");
    assert!(screen.contains("Governments"), "{screen}");
    assert!(
        screen.contains("United States") || screen.contains("Australia"),
        "{screen}"
    );

    terminal.press(&["j"]);
    terminal.press(&["Enter"]);
    let screen = terminal.wait_for("Progress ");
    assert!(
        screen.contains("Government · Austria"),
        "the second government opens: {screen}"
    );

    terminal.press(&["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    terminal.press(&["Tab"]);
    terminal.wait_for("Government tracker");

    terminal.press(&["q"]);
    let screen = terminal.wait_for("exit=0");
    assert!(
        !screen.contains("Government tracker"),
        "the TUI's screen is gone:\n{screen}"
    );
    terminal.run("echo still-here");
    terminal.wait_for("still-here\n");
}

#[test]
fn an_edit_typed_in_the_terminal_becomes_a_commit_by_the_coordinator() {
    if skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("edit", &[]);
    terminal.init(&repo);
    terminal.run(&format!(
        "{} --repo {}; echo exit=$?",
        binary(),
        quoted(&repo)
    ));
    terminal.wait_for("overall progress");
    terminal.press(&["e"]);
    terminal.wait_for("Who is editing?");
    terminal.type_text("Ada Lovelace <ada@example.org>");
    terminal.press(&["Enter"]);
    terminal.wait_for("Edit · Australia · acceptable-use");
    terminal.press(&["Right", "Right", "Tab"]);
    terminal.type_text("Pledged at the Pall Mall conference.");
    terminal.press(&["C-s"]);
    let screen = terminal.wait_for("Saved ");
    assert!(
        screen.contains("as Ada Lovelace <ada@example.org>"),
        "{screen}"
    );
    terminal.press(&["q"]);
    terminal.wait_for("exit=0");

    let git = git2::Repository::open(&repo).expect("the repository");
    let head = git
        .head()
        .and_then(|h| h.peel_to_commit())
        .expect("a commit");
    assert_eq!(head.author().name().ok(), Some("Ada Lovelace"));
    assert!(
        head.message()
            .unwrap_or_default()
            .starts_with("Australia · acceptable-use: Initiated (new)"),
        "{:?}",
        head.message()
    );
    let file =
        std::fs::read_to_string(repo.join("actors/a/australia.ron")).expect("the actor file");
    assert!(
        file.contains("Pledged at the Pall Mall conference."),
        "{file}"
    );
}

#[test]
fn a_dropped_connection_ends_the_tui_at_once() {
    if skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("hangup", &[]);
    terminal.init(&repo);
    terminal.run(&format!("exec {} --repo {}", binary(), quoted(&repo)));
    terminal.wait_for("overall progress");
    // `exec` made the TUI the pane's process: SIGHUP is what sshd sends it
    // when the link drops.
    terminal.hang_up();
}

#[test]
fn an_edit_being_typed_when_the_link_drops_is_offered_back_at_the_next_start() {
    if skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    // Drafts live in the user's state folder: the same user logs in again.
    let state = folder.path().join("state");
    let state = state.to_str().expect("a UTF-8 path");
    let terminal = Terminal::start("draft", &[("XDG_STATE_HOME", state)]);
    terminal.init(&repo);
    let start = format!(
        "{} --repo {} --as 'Ada Lovelace <ada@example.org>'",
        binary(),
        quoted(&repo)
    );
    terminal.run(&format!("exec {start}"));
    terminal.wait_for("overall progress");
    terminal.press(&["e"]);
    terminal.wait_for("Edit · Australia · acceptable-use");
    terminal.press(&["Right", "Tab"]);
    terminal.type_text("Half-typed note");
    terminal.wait_for("Half-typed note");
    terminal.hang_up();

    let again = Terminal::start("draft-again", &[("XDG_STATE_HOME", state)]);
    again.run(&start);
    let screen = again.wait_for("An unsaved edit was kept");
    assert!(
        screen.contains("australia · acceptable-use → ○ Endorsed"),
        "{screen}"
    );
    again.press(&["Enter"]);
    let screen = again.wait_for("Edit · Australia · acceptable-use");
    assert!(
        screen.contains("Half-typed note"),
        "the note came back:\n{screen}"
    );
    assert!(
        screen.contains("2 ○ Endorsed"),
        "the status came back:\n{screen}"
    );
}
