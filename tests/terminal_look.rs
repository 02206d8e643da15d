//! The real binary on terminals with less: `TERM=dumb` with `LANG=C` (no
//! colour, no UTF-8), a VT100 (the eight basic colours), and a window that
//! shrinks and grows back.

mod terminal_support;

use terminal_support::{Terminal, binary, quoted};

/// The SGR colour parameters in `styled` (foreground and background, any
/// kind), as numbers; a 256-colour or RGB colour counts as 38 or 48.
fn colour_parameters(styled: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for sequence in styled.split("\u{1b}[").skip(1) {
        let Some(end) = sequence.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if !sequence[end..].starts_with('m') {
            continue;
        }
        let numbers: Vec<u32> = sequence[..end]
            .split(';')
            .filter_map(|n| n.parse().ok())
            .collect();
        let mut i = 0;
        while let Some(&n) = numbers.get(i) {
            if matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107) {
                found.push(n);
            }
            // 38;5;n and 48;2;r;g;b carry their colour in what follows.
            i += match (n, numbers.get(i + 1)) {
                (38 | 48, Some(5)) => 3,
                (38 | 48, Some(2)) => 5,
                _ => 1,
            };
        }
    }
    found
}

#[test]
fn term_dumb_with_lang_c_gets_ascii_and_no_colour() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("dumb", &[("TERM", "dumb"), ("LANG", "C"), ("LC_ALL", "C")]);
    terminal.init(&repo);
    terminal.run(&format!(
        "{} --repo {}; echo exit=$?",
        binary(),
        quoted(&repo)
    ));
    let screen = terminal.wait_for("overall progress");
    assert!(screen.is_ascii(), "non-ASCII reached a C locale:\n{screen}");
    let germany = screen
        .lines()
        .find(|l| l.starts_with("Germany"))
        .unwrap_or_else(|| panic!("no Germany row:\n{screen}"));
    // Endorsed (o) and no evidence (.) in ASCII, and a bar of # and '.'.
    assert!(
        germany.contains(" o ") && germany.contains(" . "),
        "{germany}"
    );
    assert!(germany.contains("#........."), "{germany}");
    let colours = colour_parameters(&terminal.styled_screen());
    assert!(colours.is_empty(), "colours on TERM=dumb: {colours:?}");

    terminal.press(&["?"]);
    let help = terminal.wait_for("Dataset: ");
    assert!(help.is_ascii(), "{help}");
    terminal.press(&["q"]);
    terminal.wait_for("exit=0");
}

#[test]
fn a_vt100_gets_only_the_eight_basic_colours() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("vt100", &[("TERM", "vt100")]);
    terminal.init(&repo);
    terminal.run(&format!(
        "{} --repo {}; echo exit=$?",
        binary(),
        quoted(&repo)
    ));
    terminal.wait_for("overall progress");
    let colours = colour_parameters(&terminal.styled_screen());
    assert!(!colours.is_empty(), "a VT100 emulator shows colour");
    assert!(
        colours
            .iter()
            .all(|n| matches!(n, 30..=37 | 39 | 40..=47 | 49)),
        "beyond the basic eight: {colours:?}"
    );
    terminal.press(&["q"]);
    terminal.wait_for("exit=0");
}

#[test]
fn after_shrinking_to_20x5_and_growing_back_the_dashboard_fills_the_window() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("resize", &[]);
    terminal.init(&repo);
    terminal.run(&format!(
        "{} --repo {}; echo exit=$?",
        binary(),
        quoted(&repo)
    ));
    terminal.wait_for("overall progress");
    terminal.press(&["G"]);
    terminal.resize(40, 12);
    let screen = terminal.wait_for(" 1-6/12");
    assert!(screen.lines().all(|l| l.chars().count() <= 40), "{screen}");
    terminal.resize(20, 5);
    std::thread::sleep(std::time::Duration::from_millis(300));
    terminal.resize(80, 24);
    // Every row between the header and the status line is drawn (once the
    // frames of the resize have all landed).
    let blank_rows = |screen: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let header = lines.iter().position(|l| l.contains("Progress"))?;
        Some(
            lines
                .iter()
                .take(23)
                .skip(header + 1)
                .filter(|l| l.trim().is_empty())
                .count(),
        )
    };
    terminal.wait_until("the 80×24 dashboard with no blank rows", |screen| {
        blank_rows(screen) == Some(0)
    });
    terminal.press(&["q"]);
    terminal.wait_for("exit=0");
}

#[test]
fn the_first_run_says_where_it_created_the_dataset_and_says_it_again_on_exit() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let terminal = Terminal::start("first-run", &[]);
    // The sandboxed home is not a git work tree: the default dataset is used.
    terminal.run(&format!("cd \"$HOME\" && {}; echo exit=$?", binary()));
    let screen = terminal.wait_for("overall progress");
    let inside: String = screen.split_whitespace().collect();
    assert!(
        inside.contains("Createdtheshippeddatasetat"),
        "the notice is on screen:\n{screen}"
    );
    terminal.press(&["Escape"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    terminal.press(&["q"]);
    let screen = terminal.wait_for("exit=0");
    let after: String = screen
        .lines()
        .skip_while(|l| !l.contains("echo exit=$?"))
        .collect::<Vec<_>>()
        .concat();
    assert!(
        after.contains("Created the shipped dataset at") && after.contains("/reconvene/dataset"),
        "the notice was printed again on the shell:\n{screen}"
    );
}

#[test]
fn combining_marks_typed_into_a_form_leave_nothing_behind_when_it_closes() {
    if terminal_support::skip_without_tmux() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let repo = folder.path().join("group");
    let terminal = Terminal::start("marks", &[("LANG", "C.UTF-8")]);
    terminal.init(&repo);
    terminal.open_dashboard(&repo, "Ada Lovelace <ada@example.org>");
    // Devanagari vowel signs are combining marks: a terminal may join each
    // to another cell than the screen model expects.
    terminal.press(&["a"]);
    terminal.wait_for("Name:");
    terminal.type_text("देवनागरी x");
    terminal.wait_for("x");
    terminal.press(&["Escape"]);
    terminal.wait_for("Discard the actor");
    terminal.press(&["y"]);
    let screen = terminal.wait_for("No actor added");
    let marks: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains(['\u{93e}', '\u{940}', '\u{947}']))
        .collect();
    assert!(marks.is_empty(), "marks left behind:\n{screen}");
    terminal.press(&["q"]);
}
