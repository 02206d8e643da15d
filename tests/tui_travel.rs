//! Time travel, the delta and the progress chart, as the user sees them at
//! 80×24 on a TestBackend, over the shipped dataset.

mod common;

use common::{day, press, screen, show, type_in};
use reconvene::app::travel::{Arrival, Job, READ_ONLY};
use reconvene::app::{Action, Effect, KeyMap, State, View};
use reconvene::model::{Activity, Dataset, Status};
use reconvene::store::{embedded, load_files};

fn shipped() -> Dataset {
    let files = embedded::FILES.iter().map(|(p, t)| (*p, t.as_bytes()));
    match load_files(files) {
        Ok(dataset) => dataset,
        Err(problems) => panic!("the shipped dataset has problems:\n{problems}"),
    }
}

/// The shipped dataset on 2026-12-01, drawn without colour.
fn today() -> State {
    let mut state = State::new(Ok(shipped()), day("2026-12-01"), KeyMap::default());
    state.color = false;
    state
}

fn percent_at(date: &str) -> u16 {
    shipped().overall_progress_as_of(day(date)).percent()
}

/// Shows the Forum: `T`, then Enter on the default (the reconvening).
fn at_the_forum() -> State {
    let mut state = today();
    press(&mut state, &["T", "enter"]);
    state
}

fn line_with<'a>(lines: &'a [String], text: &str) -> Option<&'a String> {
    lines.iter().find(|l| l.contains(text))
}

#[test]
fn t_offers_the_milestones_with_the_reconvening_first() {
    let mut state = today();
    press(&mut state, &["T"]);
    let lines = screen(&state, 80, 24);
    let title = line_with(&lines, "Time travel: as of");
    assert!(title.is_some(), "{}", show(&lines));
    let forum = lines
        .iter()
        .position(|l| l.contains("2024-11-11 7th Paris Peace Forum (reconvening)"));
    let blueprint = lines
        .iter()
        .position(|l| l.contains("2023-11-10 Blueprint released"));
    assert!(
        forum.is_some() && forum < blueprint,
        "the reconvening comes first:\n{}",
        show(&lines)
    );
    assert!(line_with(&lines, "Or a date (YYYY-MM-DD):").is_some());
    // Esc closes the prompt and nothing else changes.
    press(&mut state, &["esc"]);
    assert!(state.travel.picker.is_none() && !state.in_the_past());
}

#[test]
fn the_forum_dashboard_is_marked_past_and_shows_the_grades_then() {
    let state = at_the_forum();
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[1],
        "Past view: as of 2024-11-11 (7th Paris Peace Forum) · read-only · esc: today",
        "{}",
        show(&lines)
    );
    let forum = percent_at("2024-11-11");
    let now = percent_at("2026-12-01");
    assert!(
        lines[2].starts_with(&format!(
            "Overall then {forum}% · today {now}% · D: who moved since"
        )),
        "{}",
        lines[2]
    );
    assert!(
        lines[0].contains(&format!("overall progress {forum}%")),
        "{}",
        lines[0]
    );
    // The dataset shown is graded from the evidence dated up to the Forum.
    let board = state.data().map(|b| &b.dataset);
    let romania = board.and_then(|d| d.actor("romania"));
    assert_eq!(
        romania.map(|a| a.status_on("acceptable-use")),
        Some(Status::NoEvidence)
    );
}

#[test]
fn an_actor_opened_in_the_past_shows_the_past_and_says_so() {
    let mut state = at_the_forum();
    state.select_actor("romania");
    press(&mut state, &["enter"]);
    assert!(matches!(state.view, View::Actor(_)));
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("Past 2024-11-11 · read-only  Romania"),
        "{}",
        show(&lines)
    );
    // Its Pall Mall signature came in April 2025: not yet at the Forum
    // (the coordinators' note is the record's, and stays).
    assert!(
        line_with(&lines, "· No evidence   1. Develop clear acceptable use").is_some(),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "Spyware reform led by France").is_none(),
        "{}",
        show(&lines)
    );
    // Esc goes back to the past dashboard, then to today.
    press(&mut state, &["esc"]);
    assert!(state.in_the_past() && state.view == View::Dashboard);
    press(&mut state, &["esc"]);
    assert!(!state.in_the_past());
    let lines = screen(&state, 80, 24);
    assert!(
        lines[1].starts_with("Planned reconvening"),
        "{}",
        show(&lines)
    );
    let romania = state.data().and_then(|b| b.dataset.actor("romania"));
    assert_eq!(
        romania.map(|a| a.status_on("acceptable-use")),
        Some(Status::Endorsed)
    );
}

#[test]
fn edits_undo_and_adding_are_refused_in_a_past_view() {
    let mut state = at_the_forum();
    for key in ["e", "a", "u"] {
        let effects = press(&mut state, &[key]);
        assert_eq!(effects, Vec::<Effect>::new(), "{key} did something");
        assert!(state.modal.is_none(), "{key} opened a form");
        assert_eq!(state.message.as_deref(), Some(READ_ONLY));
    }
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].starts_with(READ_ONLY),
        "the status line says why: {}",
        lines[23]
    );
}

#[test]
fn a_typed_date_goes_there_and_a_wrong_one_is_refused_in_the_prompt() {
    let mut state = today();
    press(&mut state, &["T"]);
    type_in(&mut state, "2024-13-45");
    press(&mut state, &["enter"]);
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(
            &lines,
            "`2024-13-45` is neither a date (YYYY-MM-DD) nor a milestone"
        )
        .is_some(),
        "{}",
        show(&lines)
    );
    assert!(!state.in_the_past());
    for _ in 0.."2024-13-45".len() {
        press(&mut state, &["backspace"]);
    }
    type_in(&mut state, "2023-11-09");
    press(&mut state, &["enter"]);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[1].starts_with("Past view: as of 2023-11-09 · read-only"),
        "{}",
        show(&lines)
    );
    // The day before the blueprint: none of its co-authors had endorsed yet.
    let france = state.data().and_then(|b| b.dataset.actor("france"));
    assert_eq!(
        france.map(|a| a.status_on("blacklist")),
        Some(Status::NoEvidence)
    );
}

#[test]
fn a_commit_is_read_in_the_background_and_shown_as_recorded() {
    let mut state = today();
    press(&mut state, &["T", "tab"]);
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(&lines, "Time travel: as recorded").is_some(),
        "{}",
        show(&lines)
    );
    type_in(&mut state, "HEAD~1");
    let effects = press(&mut state, &["enter"]);
    assert_eq!(
        effects,
        vec![Effect::Travel(Job::Recorded("HEAD~1".into()))]
    );
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].starts_with("Reading the record as recorded at HEAD~1…"),
        "{}",
        lines[23]
    );
    // A key meanwhile takes the message away, not the line saying so.
    press(&mut state, &["j"]);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].starts_with("Reading the record as recorded at HEAD~1… │ "),
        "{}",
        lines[23]
    );
    // The record then had one actor fewer.
    let mut then = shipped();
    then.actors.retain(|a| a.id != "romania");
    reconvene::app::update(
        &mut state,
        Action::Travelled(Box::new(Arrival::Recorded(Ok((
            "HEAD~1".into(),
            "1a2b3c4".into(),
            Box::new(then),
        ))))),
    );
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[1],
        "Past view: as recorded at 1a2b3c4 (HEAD~1) · read-only · esc returns to today",
        "{}",
        show(&lines)
    );
    assert!(
        state
            .data()
            .and_then(|b| b.dataset.actor("romania"))
            .is_none()
    );
    // The delta is a first-clock comparison: it says so.
    press(&mut state, &["D"]);
    assert_eq!(state.view, View::Dashboard);
    assert!(
        state
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("The delta compares two dates")),
        "{:?}",
        state.message
    );
    press(&mut state, &["esc"]);
    assert!(
        state
            .data()
            .and_then(|b| b.dataset.actor("romania"))
            .is_some()
    );
}

#[test]
fn a_reload_in_the_past_keeps_the_past_and_brings_today_up_to_date() {
    let mut state = at_the_forum();
    let mut newer = shipped();
    newer.actors.retain(|a| a.id != "romania");
    state.replace_dataset(Ok(newer));
    assert!(state.in_the_past());
    let lines = screen(&state, 80, 24);
    assert!(
        lines[1].starts_with("Past view: as of 2024-11-11"),
        "{}",
        show(&lines)
    );
    assert!(
        state
            .data()
            .and_then(|b| b.dataset.actor("romania"))
            .is_none()
    );
    press(&mut state, &["esc"]);
    assert!(
        state
            .data()
            .and_then(|b| b.dataset.actor("romania"))
            .is_none()
    );
}

#[test]
fn the_delta_from_the_forum_answers_first_then_tells_what_led_there() {
    let mut state = at_the_forum();
    press(&mut state, &["D"]);
    assert_eq!(state.view, View::Delta);
    let lines = screen(&state, 80, 24);
    let (forum, now) = (percent_at("2024-11-11"), percent_at("2026-12-01"));
    assert_eq!(
        lines[0].trim_end(),
        format!("Delta 2024-11-11 → 2026-12-01 · 5 up · overall {forum}% → {now}%"),
        "{}",
        show(&lines)
    );
    // The period asked about opens the view: its moves on the first screen.
    assert_eq!(
        lines[1],
        "From 7th Paris Peace Forum (2024-11-11) to today (2026-12-01): 5 up"
    );
    let romania = line_with(
        &lines,
        "2025-04-07 ▲ Romania · 1. acceptable-use  No evidence → Endorsed  +25",
    );
    assert!(romania.is_some(), "{}", show(&lines));
    assert!(
        line_with(
            &lines,
            "\"Spyware reform led by France and the UK advances\" (2025-04-07)"
        )
        .is_some(),
        "the evidence that moved it: {}",
        show(&lines)
    );
    // The context follows (the chapters' order: see Apple's withdrawal).
}

#[test]
fn the_deltas_title_keeps_its_counts_beside_a_long_dataset_path() {
    let (forum, now) = (percent_at("2024-11-11"), percent_at("2026-12-01"));
    let expected = [
        (
            80,
            format!("Delta 2024-11-11 → 2026-12-01 · 5 up · {forum}% → {now}%  "),
        ),
        (60, "Delta 2024-11-11 → 2026-12-01 · 5 up  ".to_string()),
        (40, "5 up · 2024-11-11 → 2026-1…  ".to_string()),
    ];
    for (width, title) in expected {
        let mut state = at_the_forum();
        state.opened("/home/ada/.local/share/reconvene/dataset", None);
        press(&mut state, &["D"]);
        let lines = screen(&state, width, 24);
        assert!(
            lines[0].starts_with(&title),
            "{width} columns: {}",
            lines[0]
        );
        assert!(lines[0].ends_with("dataset"), "{}", lines[0]);
    }
}

#[test]
fn the_delta_lists_apples_withdrawal_between_the_blueprint_and_the_forum() {
    let mut state = at_the_forum();
    press(&mut state, &["D"]);
    let delta = state.travel.delta.clone().expect("a delta");
    let rows: Vec<String> = delta
        .entries
        .iter()
        .filter_map(|e| match e {
            reconvene::app::travel::Entry::Chapter(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        rows,
        [
            "From 7th Paris Peace Forum (2024-11-11) to today (2026-12-01): 5 up",
            "Before: from the blueprint to 7th Paris Peace Forum (2024-11-11): 61 up, 1 reversed",
            "Already in place before the blueprint (2023-11-10)",
        ]
    );
    // Select Apple's move and open it: the actor, as at the Forum.
    let apple = delta.entries.iter().position(|e| {
        e.actor() == Some("apple") && matches!(e, reconvene::app::travel::Entry::Moved { .. })
    });
    let apple = apple.expect("Apple moved");
    while state
        .travel
        .delta
        .as_ref()
        .is_some_and(|d| d.selected < apple)
    {
        press(&mut state, &["j"]);
    }
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(
            &lines,
            "2024-09-30 ✗ Apple · 11. publish-findings  Substantial → Reversed  -75"
        )
        .is_some(),
        "{}",
        show(&lines)
    );
    press(&mut state, &["enter"]);
    let lines = screen(&state, 80, 24);
    assert!(lines[0].contains("Apple"), "{}", show(&lines));
    assert!(state.in_the_past());
}

#[test]
fn the_chart_plots_progress_with_the_milestones_and_their_figures() {
    let mut state = today();
    let effects = press(&mut state, &["p"]);
    assert_eq!(effects, vec![Effect::Travel(Job::Activity)]);
    let lines = screen(&state, 80, 24);
    // It opens on the story: from a year before the first milestone (the
    // blueprint, 2023-11-10), as the report's chart does.
    assert_eq!(
        lines[0].trim_end(),
        "Progress over time · first clock (evidence dates) · 2022-11-10 → 2026-12-01",
        "{}",
        show(&lines)
    );
    assert!(
        lines.iter().any(|l| l.starts_with("2022-11-10 ")),
        "the x axis starts there: {}",
        show(&lines)
    );
    assert!(line_with(&lines, "100%").is_some(), "{}", show(&lines));
    let forum = line_with(&lines, "2024-11-11 7th Paris Peace Forum").cloned();
    let forum = forum.unwrap_or_else(|| panic!("{}", show(&lines)));
    assert!(
        forum.contains(&format!("{}%", percent_at("2024-11-11"))),
        "{forum}"
    );
    let end = line_with(&lines, "2026-12-01 end of the chart (today)").cloned();
    assert!(
        end.is_some_and(|l| l.contains(&format!("{}%", percent_at("2026-12-01")))),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "h/left full span").is_some(),
        "the whole span is one key away: {}",
        show(&lines)
    );
    // h shows everything since the oldest evidence; l the story again.
    press(&mut state, &["h"]);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].contains("· 2013-") && lines[0].trim_end().ends_with("→ 2026-12-01"),
        "{}",
        lines[0]
    );
    press(&mut state, &["l"]);
    assert!(screen(&state, 80, 24)[0].contains("2022-11-10 → 2026-12-01"));
}

#[test]
fn without_colour_each_line_of_the_chart_has_its_own_glyph() {
    let mut state = today();
    press(&mut state, &["p"]);
    let lines = screen(&state, 80, 24);
    let legend = line_with(&lines, "═ Overall").cloned().unwrap_or_default();
    for key in [
        "+ Govts",
        "x Inter",
        "o Indus",
        "~ Civil",
        "^ Acad",
        "│ milestones",
    ] {
        assert!(legend.contains(key), "{key} in {legend}");
    }
    // The plot (above the legend) shows the lines in their own glyphs
    // (governments, at 6-10%, share their row with the overall line here).
    let legend_row = lines.iter().position(|l| l.contains("═ Overall"));
    let plot: String = lines
        .iter()
        .take(legend_row.unwrap_or(0))
        .skip(1)
        .map(|l| l.as_str())
        .collect();
    for glyph in ['═', 'x', 'o', '~', '^'] {
        assert!(plot.contains(glyph), "{glyph} plotted: {}", show(&lines));
    }

    // With colour, the colours tell them apart: fine braille lines.
    state.color = true;
    let lines = screen(&state, 80, 24);
    let legend = line_with(&lines, "━ Overall").cloned().unwrap_or_default();
    assert!(legend.contains("━ Govts"), "{legend}");
    let plotted = lines
        .iter()
        .take(15)
        .filter(|l| l.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)))
        .count();
    assert!(plotted >= 5, "{}", show(&lines));
}

#[test]
fn p_again_shows_the_records_activity_once_read() {
    let mut state = today();
    press(&mut state, &["p", "p"]);
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[0],
        "Record activity · second clock (commits) · per week, by author"
    );
    assert_eq!(lines[1], "Reading the record…");
    let activity = Activity::count([
        (day("2026-11-02"), "Ada"),
        (day("2026-11-03"), "Ada"),
        (day("2026-11-18"), "Grace"),
        (day("2026-11-25"), "Grace"),
        (day("2026-11-26"), "Ada"),
    ]);
    reconvene::app::update(
        &mut state,
        Action::Travelled(Box::new(Arrival::Activity(Ok(activity)))),
    );
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[1],
        "5 commits in 3 weeks with commits, 2026-11-02 → 2026-11-23"
    );
    assert!(
        line_with(&lines, "━ Ada 3  ━ Grace 2").is_some(),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "2026-11-23").is_some(),
        "{}",
        show(&lines)
    );
    // Two weeks or fewer read better as words than as a line.
    let few = Activity::count([(day("2026-11-30"), "Ada"), (day("2026-11-30"), "Grace")]);
    reconvene::app::update(
        &mut state,
        Action::Travelled(Box::new(Arrival::Activity(Ok(few)))),
    );
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[1],
        "2 commits in 1 week with commits, 2026-11-30 → 2026-11-30"
    );
    assert_eq!(lines[3], "week of 2026-11-30: Ada 1 · Grace 1");
    // And back to progress; the activity is not asked for twice.
    assert_eq!(press(&mut state, &["p"]), Vec::<Effect>::new());
    assert!(screen(&state, 80, 24)[0].starts_with("Progress over time"));
}

#[test]
fn small_terminals_still_say_a_past_view_is_past_and_never_panic() {
    let mut state = at_the_forum();
    let lines = screen(&state, 40, 12);
    assert!(
        lines.iter().any(|l| l.starts_with("Past")),
        "{}",
        show(&lines)
    );
    let lines = screen(&state, 20, 5);
    assert!(
        lines.iter().any(|l| l.starts_with("Past")),
        "{}",
        show(&lines)
    );
    press(&mut state, &["D"]);
    for (w, h) in [(40, 12), (20, 5), (12, 2)] {
        screen(&state, w, h);
    }
    press(&mut state, &["esc", "p"]);
    let lines = screen(&state, 40, 12);
    assert!(
        lines[0].starts_with("Progress over time"),
        "{}",
        show(&lines)
    );
    // The axis keeps its two ends, whole and apart.
    let axis = lines.iter().find(|l| l.starts_with("20")).cloned();
    let axis = axis.unwrap_or_else(|| panic!("{}", show(&lines)));
    assert!(axis.ends_with(" 2026-12-01"), "{axis}");
    assert_eq!(axis.split_whitespace().count(), 2, "two dates: {axis}");
    let lines = screen(&state, 20, 5);
    assert!(
        lines.iter().any(|l| l.starts_with("Overall ")),
        "{}",
        show(&lines)
    );
    press(&mut state, &["T"]);
    for (w, h) in [(40, 12), (20, 5), (12, 2)] {
        screen(&state, w, h);
    }
}

#[test]
fn the_arrows_choose_another_milestone_and_ctrl_d_compares_it_with_today() {
    let mut state = today();
    press(&mut state, &["T", "down", "enter"]);
    let point = state.travel.past.as_ref().map(|p| p.point.describe());
    assert_eq!(
        point.as_deref(),
        Some("as of 2023-11-10 (Blueprint released during the 6th Paris Peace Forum)")
    );
    // Too long for 80 columns in full: the milestone's title gives way first.
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[1],
        "Past view: as of 2023-11-10 · read-only · esc returns to today"
    );
    press(&mut state, &["esc", "T", "down", "down", "ctrl-d"]);
    assert_eq!(state.view, View::Delta);
    assert!(
        !state.in_the_past(),
        "a delta from the prompt leaves today shown"
    );
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("Delta 2024-02-06 → 2026-12-01"),
        "{}",
        show(&lines)
    );
}

#[test]
fn help_lists_the_time_keys_and_the_prompts_own() {
    let mut state = today();
    press(&mut state, &["?"]);
    let lines = screen(&state, 80, 60);
    for (keys, what) in [
        ("T ", "Time travel: as of a milestone, a date or a commit"),
        ("D ", "Who moved since the past shown (or the reconvening)"),
        ("p ", "Progress over time, with the milestones"),
        ("ctrl-d ", "Compare that point with today"),
        (
            "tab ",
            "Switch clock: as of a date, or as recorded at a commit",
        ),
    ] {
        let row = lines.iter().find(|l| l.contains(what));
        assert!(
            row.is_some_and(|r| r.trim_start().starts_with(keys)),
            "{keys}{what}\n{}",
            show(&lines)
        );
    }
}

#[test]
fn the_record_clock_does_not_offer_the_delta_it_cannot_make() {
    let mut state = today();
    press(&mut state, &["T"]);
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(&lines, "ctrl-d compare with today").is_some(),
        "offered on the first clock: {}",
        show(&lines)
    );
    press(&mut state, &["tab"]);
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(&lines, "Time travel: as recorded").is_some(),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "compare with today").is_none(),
        "not offered on the record's clock: {}",
        show(&lines)
    );
    // Pressed anyway, it says how to get one.
    type_in(&mut state, "HEAD~1");
    assert_eq!(press(&mut state, &["ctrl-d"]), vec![]);
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(&lines, "tab back to the dates").is_some(),
        "{}",
        show(&lines)
    );
}

/// Today's record: the United States withdrew its blacklist (no evidence of
/// the withdrawal yet, so the evidence still supports Implemented).
fn with_a_withdrawal_recorded_today() -> State {
    let mut dataset = shipped();
    let commitment = dataset
        .actors
        .iter_mut()
        .find(|a| a.id == "united-states")
        .and_then(|a| a.commitments.get_mut("blacklist"))
        .expect("the United States has a blacklist commitment");
    commitment.status = Status::Reversed;
    commitment.note = "Policy withdrawn.".into();
    commitment.assessed = Some(reconvene::model::Day(day("2026-11-30")));
    let mut state = State::new(Ok(dataset), day("2026-12-01"), KeyMap::default());
    state.color = false;
    press(&mut state, &["T", "enter"]);
    state.select_actor("united-states");
    // The blacklist column, the fifth.
    state.column = 4;
    state
}

#[test]
fn a_past_timeline_says_the_grade_is_the_evidences_then_and_not_the_record() {
    let mut state = with_a_withdrawal_recorded_today();
    press(&mut state, &["t"]);
    assert_eq!(state.view, View::Timeline);
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(
            &lines,
            "As of 2024-11-11 its evidence supports Implemented · recorded today Reversed"
        )
        .is_some(),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "Recorded status").is_none(),
        "{}",
        show(&lines)
    );
}

#[test]
fn a_past_actor_view_marks_the_note_and_assessment_as_todays_record() {
    let mut state = with_a_withdrawal_recorded_today();
    press(&mut state, &["enter"]);
    assert!(matches!(state.view, View::Actor(_)));
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(&lines, "● Implemented")
            .is_some_and(|l| l.contains("Blacklist") || l.contains("5.")),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "  Today's record: Policy withdrawn.").is_some(),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "  assessed 2026-11-30 (today's record)").is_some(),
        "{}",
        show(&lines)
    );
    // Today, the same lines are simply the record's.
    press(&mut state, &["esc", "esc", "enter"]);
    assert!(!state.in_the_past());
    let lines = screen(&state, 80, 24);
    assert!(
        line_with(&lines, "  Policy withdrawn.").is_some(),
        "{}",
        show(&lines)
    );
    assert!(
        line_with(&lines, "Today's record").is_none(),
        "{}",
        show(&lines)
    );
}
