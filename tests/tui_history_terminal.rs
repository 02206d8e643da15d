//! The history view in a real terminal: two coordinators' edits made with
//! `reconvene set --as`, then `H` in the dashboard, at 80×24, 40×12 and 20×5.

mod terminal_support;

use terminal_support::{PROMPT, Terminal, binary, quoted, skip_without_tmux};

#[test]
fn two_coordinators_edits_read_in_the_history_view_at_every_size() {
    if skip_without_tmux() {
        return;
    }
    let terminal = Terminal::start("history", &[]);
    let repo = terminal.home().join("record");
    terminal.init(&repo);
    let set = |who: &str, args: &str| {
        terminal.run(&format!(
            "{} --repo {} set {args} --as '{who}' >/dev/null && clear && echo set-done",
            binary(),
            quoted(&repo)
        ));
        terminal.wait_for("set-done");
    };
    set(
        "Ada Lovelace <ada@example.org>",
        "france blacklist Initiated -m 'France drafts a decree'",
    );
    set(
        "Bob Reviewer <bob@example.org>",
        "austria blacklist Endorsed -m 'Austria endorses'",
    );
    terminal.open_dashboard(&repo, "Cy Newcomer <cy@example.org>");
    terminal.press(&["H"]);
    let screen = terminal.wait_for("History · 3 commits");
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows.get(2).is_some_and(|r| r.starts_with('▶')
            && r.contains("Bob Reviewer   Austria · blacklist: recorded as Endorsed")),
        "{screen}"
    );
    assert!(
        rows.get(3)
            .is_some_and(|r| r.contains("Ada Lovelace   France · blacklist: Endorsed → Initiated")),
        "{screen}"
    );
    assert!(
        rows.get(4).is_some_and(|r| r.contains("reconvene      ")),
        "the import, by the tool: {screen}"
    );
    assert!(screen.contains("“Austria endorses”"), "{screen}");

    // Into Ada's changes, and from there to France's actor view.
    terminal.press(&["j", "Enter", "Enter"]);
    let screen = terminal.wait_for("last changed by Ada Lovelace");
    assert!(screen.starts_with("France"), "{screen}");

    terminal.press(&["Escape"]);
    terminal.wait_for("History · 3 commits");
    terminal.resize(40, 12);
    let screen = terminal.wait_for("History · 3 commits");
    assert!(screen.contains("France · blacklist: Endors"), "{screen}");
    terminal.resize(20, 5);
    let screen = terminal.wait_for("History · 3 commi");
    assert!(screen.lines().count() <= 5, "{screen}");
    terminal.resize(80, 24);
    terminal.press(&["q"]);
    terminal.wait_for(PROMPT);
}
