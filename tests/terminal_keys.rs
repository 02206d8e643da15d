//! Keys in a real terminal (tmux, 80×24): letters typed after `/` go into
//! the find prompt in every view, and undo asks before it commits.

mod terminal_support;

use std::time::Duration;

use terminal_support::{Terminal, binary, quoted};

const ADA: &str = "Ada Lovelace <ada@example.org>";

fn commits(repo: &std::path::Path) -> usize {
    let git = git2::Repository::open(repo).expect("the repository");
    let mut walk = git.revwalk().expect("a walk");
    walk.push_head().expect("a head");
    walk.count()
}

#[test]
fn slash_then_u_in_the_tracker_finds_and_undo_commits_only_after_yes() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("keys", &[]);
    // The shipped dataset, and one edit of Ada's for undo to find.
    terminal.run(&format!(
        "{bin} init {repo} >/dev/null && {bin} set --repo {repo} --as '{ADA}' \
         australia acceptable-use Endorsed >/dev/null && clear && echo pre''pared",
        bin = binary(),
        repo = quoted(&repo)
    ));
    // Quoted apart on the command line, so only the echo shows it whole.
    terminal.wait_for("prepared");
    assert_eq!(commits(&repo), 2, "the import and Ada's edit");

    terminal.run(&format!(
        "{} --repo {} --as '{ADA}'; echo exit=$?",
        binary(),
        quoted(&repo)
    ));
    terminal.wait_for("overall progress");
    terminal.press(&["Tab"]);
    terminal.wait_for("Government tracker");
    // Once, typing `/uk` here committed an undo at once.
    terminal.type_text("/uk");
    let screen = terminal.wait_for("Find: uk");
    assert!(!screen.contains("Undo your edit"), "{screen}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(commits(&repo), 2, "nothing was committed");
    terminal.press(&["Escape"]);
    terminal.wait_for("Government tracker");
    std::thread::sleep(Duration::from_millis(200));

    terminal.press(&["u"]);
    let screen = terminal.wait_for("Undo your edit of");
    assert!(
        screen.contains("Australia · acceptable-use"),
        "the edit is named: {screen}"
    );
    assert!(screen.contains("n/esc/q/ctrl-c no"), "{screen}");
    assert_eq!(commits(&repo), 2, "asking commits nothing");
    terminal.press(&["q"]);
    terminal.wait_for("Nothing undone");
    assert_eq!(commits(&repo), 2, "q answered no, and did not quit");

    terminal.press(&["u"]);
    terminal.wait_for("Undo your edit of");
    terminal.press(&["y"]);
    terminal.wait_for("Redo it (a new commit)?");
    assert_eq!(commits(&repo), 3, "yes made one commit");
    terminal.press(&["Escape"]);
    terminal.wait_for("Not redone");
    terminal.press(&["q"]);
    terminal.wait_for("exit=0");
    assert_eq!(commits(&repo), 3);
}
