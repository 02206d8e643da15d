//! Datasets built in code for the TUI tests: a few actors of each kind, long
//! names, long notes, and a calendar around the 2024 Paris Peace Forum.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reconvene::app::{self, Action, KeyMap, State};
use reconvene::model::{
    Actor, ActorKind, Blueprint, Commitment, Dataset, Day, Evidence, Manifest, Milestone,
    PartialDate, Provenance, Recommendation, Role, Stakeholder, Status,
};

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub const REC_IDS: [&str; 12] = [
    "acceptable-use",
    "export-safeguards",
    "transparent-procurement",
    "vendor-verification",
    "blacklist",
    "non-state-purchases",
    "oversight",
    "former-officials",
    "tech-accord-principles",
    "vulnerability-handling",
    "publish-findings",
    "market-knowledge",
];

pub fn recommendations() -> Vec<Recommendation> {
    use Stakeholder::*;
    REC_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let addressed_to = match i {
                8 | 9 => vec![Industry],
                10 | 11 => vec![CivilSociety, Industry],
                _ => vec![Governments],
            };
            Recommendation {
                id: id.to_string(),
                title: format!("Title of {id}"),
                summary: format!("What {id} asks, in a summary long enough to need wrapping at eighty columns of terminal width."),
                addressed_to,
                tracked: i < 7,
            }
        })
        .collect()
}

pub fn manifest() -> Manifest {
    let milestone = |id: &str, title: &str, date: &str, reconvening: bool| Milestone {
        id: id.into(),
        title: title.into(),
        date: Day(day(date)),
        end: None,
        place: None,
        reconvening,
        outcome: None,
    };
    Manifest {
        title: "Spyware working group".into(),
        blueprint: Blueprint {
            title: "Blueprint".into(),
            publisher: "Publisher".into(),
            published: Day(day("2023-03-01")),
            url: None,
        },
        milestones: vec![
            milestone(
                "summit-2024",
                "Summit for Democracy 2024",
                "2024-03-18",
                false,
            ),
            milestone(
                "paris-peace-forum-2024",
                "Paris Peace Forum 2024",
                "2024-11-11",
                true,
            ),
            milestone(
                "pall-mall-2025",
                "Pall Mall Process 2025",
                "2025-04-03",
                false,
            ),
        ],
    }
}

pub fn commitment(status: Status, note: &str, evidence: Vec<Evidence>) -> Commitment {
    Commitment {
        status,
        evidence,
        note: note.into(),
        assessed: None,
    }
}

pub fn actor(id: &str, name: &str, kind: ActorKind, commitments: &[(&str, Commitment)]) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        aliases: Vec::new(),
        kind,
        country: None,
        role: None,
        commitments: commitments
            .iter()
            .map(|(r, c)| (r.to_string(), c.clone()))
            .collect::<BTreeMap<_, _>>(),
    }
}

pub const LONG_NOTE: &str = "Added NSO Group and Candiru to the Entity List in November 2021, which bars US exporters from supplying them without a licence; the rule was later extended to Intellexa and Cytrox.";

pub fn dataset() -> Dataset {
    use ActorKind::*;
    use Status::*;
    let mut us = actor(
        "united-states",
        "United States",
        Government,
        &[
            (
                "blacklist",
                commitment(
                    Implemented,
                    LONG_NOTE,
                    vec![Evidence {
                        title: "Commerce adds NSO Group and other foreign companies to Entity List"
                            .into(),
                        source: "US Department of Commerce".into(),
                        date: Some(PartialDate::parse("2021-11-03").unwrap()),
                        url: None,
                        provenance: Provenance::SelfReported,
                        supports: Implemented,
                    }],
                ),
            ),
            ("acceptable-use", commitment(Substantial, "", vec![])),
            ("oversight", commitment(Reversed, "", vec![])),
        ],
    );
    us.country = Some("United States".into());
    us.role = Some(Role::CoChair);
    Dataset::new(
        manifest(),
        recommendations(),
        vec![
            us,
            actor(
                "france",
                "France",
                Government,
                &[("blacklist", commitment(Endorsed, "", vec![]))],
            ),
            actor(
                "long-kingdom",
                "The United Kingdom of Great Britain and Northern Ireland Department",
                Government,
                &[("blacklist", commitment(Initiated, "", vec![]))],
            ),
            actor(
                "european-union",
                "European Union",
                Intergovernmental,
                &[("blacklist", commitment(Implemented, "", vec![]))],
            ),
            actor(
                "microsoft",
                "Microsoft",
                Industry,
                &[(
                    "vulnerability-handling",
                    commitment(Implemented, "", vec![]),
                )],
            ),
            actor(
                "google",
                "Google",
                Industry,
                &[("blacklist", commitment(Endorsed, "", vec![]))],
            ),
            actor("access-now", "Access Now", CivilSociety, &[]),
            actor(
                "citizen-lab",
                "Citizen Lab",
                Academia,
                &[("publish-findings", commitment(Implemented, "", vec![]))],
            ),
        ],
    )
}

/// A state on the fixture, on 2024-12-11 (30 days after the Forum opened).
pub fn state() -> State {
    let mut state = State::new(Ok(dataset()), day("2024-12-11"), KeyMap::default());
    state.color = false;
    state
}

pub fn act(state: &mut State, actions: &[Action]) {
    for action in actions {
        app::update(state, action.clone());
    }
}

/// The screen as the user sees it, one string per row.
pub fn screen(state: &State, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| reconvene::ui::render(state, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            // A wide character fills two cells; the second is a placeholder.
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..width {
                let symbol = buffer[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line.trim_end().to_string()
        })
        .collect()
}

pub fn show(lines: &[String]) -> String {
    lines.join("\n")
}

/// The row of the screen that contains `text`.
pub fn row_with<'a>(lines: &'a [String], text: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{}", show(lines)))
}

/// The drawn buffer, for tests about styles.
pub fn buffer(state: &State, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| reconvene::ui::render(state, frame))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Keys as the user types them, named as in the key map ("j", "esc",
/// "ctrl-r"), each read through the mode in force.
pub fn press(state: &mut State, keys: &[&str]) -> Vec<app::Effect> {
    keys.iter()
        .flat_map(|k| {
            let key = app::input::Key::parse(k).unwrap_or_else(|| panic!("not a key: {k}"));
            app::update(state, Action::Key(key))
        })
        .collect()
}

/// Text typed key by key.
pub fn type_in(state: &mut State, text: &str) -> Vec<app::Effect> {
    text.chars()
        .flat_map(|c| app::update(state, Action::Key(app::input::Key::char(c))))
        .collect()
}
