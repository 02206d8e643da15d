//! The links of the actor view in a real terminal: what the program writes
//! (recorded before tmux reads it) holds an OSC 8 hyperlink for a web
//! address, nothing else of the data's making, and never a link for a
//! `javascript:` address.

mod cli_support;
mod terminal_support;

use std::time::{Duration, Instant};

use cli_support::Sandbox;
use terminal_support::{Terminal, binary, quoted, skip_without_tmux};

const LINK: &str = "https://www.federalregister.gov/d/2021-24123";

/// What was recorded, once it holds `text` (within 20 s).
fn recorded_with(file: &std::path::Path, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let bytes = std::fs::read(file).unwrap_or_default();
        let recorded = String::from_utf8_lossy(&bytes).into_owned();
        if recorded.contains(text) || Instant::now() > deadline {
            return recorded;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every OSC 8 link the output opens: the address between `ESC]8;;` and `ESC\`.
fn opened_links(recorded: &str) -> Vec<String> {
    recorded
        .split("\u{1b}]8;;")
        .skip(1)
        .filter_map(|rest| rest.split_once("\u{1b}\\").map(|(url, _)| url.to_string()))
        .filter(|url| !url.is_empty())
        .collect()
}

#[test]
fn the_actor_view_makes_a_web_address_a_hyperlink_and_a_javascript_one_never() {
    if skip_without_tmux() {
        return;
    }
    let sandbox = Sandbox::new();
    let repo = sandbox.init("paris-call");
    let set = |actor: &str, status: &str, url: &str| {
        let run = sandbox.set_as_ada(
            &repo,
            &[
                actor,
                "blacklist",
                status,
                "--evidence-title",
                "Additions to the Entity List",
                "--evidence-source",
                "Federal Register",
                "--evidence-url",
                url,
                "--evidence-date",
                "2021-11-04",
                "--evidence-supports",
                status,
            ],
        );
        assert_eq!(run.code, 0, "{run:?}");
    };
    set("united-states", "Implemented", LINK);
    set("finland", "NoEvidence", "javascript:alert(document.cookie)");

    let terminal = Terminal::start("osc8", &[]);
    let output = terminal.home().join("output");
    terminal.record_output(&output);
    terminal.run(&format!(
        "clear; {} --repo {} --as 'Ada <ada@example.org>' --filter finland",
        binary(),
        quoted(&repo)
    ));
    terminal.wait_for("1 of ");
    // Finland, its blacklist commitment (the fifth column).
    terminal.press(&["l", "l", "l", "l", "Enter"]);
    let screen = terminal.wait_for("(not a web link)");
    assert!(
        screen.contains("      javascript:alert(document.cookie) (not a web link)"),
        "{screen}"
    );
    // Back, and the filter edited where it stands.
    terminal.press(&["Escape"]);
    terminal.wait_for("Filter: finland");
    terminal.press(&["f", "C-u"]);
    terminal.type_text("united-states");
    terminal.press(&["Enter"]);
    terminal.wait_for("Filter: united-states");
    terminal.press(&["Enter"]);
    let screen = terminal.wait_for(LINK);
    assert!(screen.contains(&format!("      {LINK}")), "{screen}");

    let recorded = recorded_with(&output, &format!("\u{1b}]8;;{LINK}\u{1b}\\"));
    let links = opened_links(&recorded);
    assert!(
        links.contains(&LINK.to_string()),
        "no OSC 8 link for {LINK}"
    );
    assert!(
        links.iter().all(|l| l == LINK),
        "only the web address is ever a link: {links:?}"
    );
    assert!(!recorded.contains("8;;javascript"));
    // The linked text is the address as drawn, and the link is closed.
    assert!(recorded.contains(&format!("\u{1b}]8;;{LINK}\u{1b}\\{LINK}\u{1b}]8;;\u{1b}\\")));

    // `y` copies it through the terminal: OSC 52 with the address in base64.
    terminal.press(&["y"]);
    terminal.wait_for("Copied the link");
    let recorded = recorded_with(&output, "\u{1b}]52;c;");
    let encoded = "aHR0cHM6Ly93d3cuZmVkZXJhbHJlZ2lzdGVyLmdvdi9kLzIwMjEtMjQxMjM=";
    assert!(
        recorded.contains(&format!("\u{1b}]52;c;{encoded}\u{1b}\\")),
        "no OSC 52 for the link"
    );
    terminal.press(&["q"]);
    terminal.wait_for(terminal_support::PROMPT);
}

#[test]
fn a_click_selects_a_double_click_opens_and_the_mouse_is_given_back_on_exit() {
    if skip_without_tmux() {
        return;
    }
    let terminal = Terminal::start("mouse", &[]);
    let repo = terminal.home().join("paris-call");
    terminal.init(&repo);
    terminal.open_dashboard(&repo, "Ada <ada@example.org>");
    assert_eq!(
        terminal.pane("#{mouse_any_flag}"),
        "1",
        "the dashboard takes the mouse"
    );
    // A left click on screen row 9 (1-based): the third government, Canada.
    let click = "\u{1b}[<0;5;9M\u{1b}[<0;5;9m";
    terminal.type_text(click);
    let screen = terminal.wait_for("Canada · acceptable-use");
    assert!(
        screen.contains("Canada · acceptable-use · No evidence │"),
        "{screen}"
    );
    terminal.type_text(&format!("{click}{click}"));
    terminal.wait_for("Government · Canada");
    terminal.press(&["q"]);
    terminal.wait_for(terminal_support::PROMPT);
    assert_eq!(
        terminal.pane("#{mouse_any_flag}"),
        "0",
        "the shell gets its mouse back"
    );

    // `mouse: false` in the config leaves the mouse to the terminal.
    let config = terminal.home().join("config").join("reconvene");
    std::fs::create_dir_all(&config).expect("the config folder");
    std::fs::write(config.join("config.ron"), "(mouse: false)\n").expect("the config");
    terminal.run("clear");
    terminal.open_dashboard(&repo, "Ada <ada@example.org>");
    assert_eq!(terminal.pane("#{mouse_any_flag}"), "0");
    terminal.press(&["q"]);
    terminal.wait_for(terminal_support::PROMPT);
}
