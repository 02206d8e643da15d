//! The report dialog (`R`): it opens over any view with the dataset's own
//! milestones, left/right choose, enter asks the runner to write the file
//! (named after the period and the format), esc leaves; it fits small screens.

mod common;

use common::*;
use reconvene::app::Effect;
use reconvene::app::report::ReportJob;

#[test]
fn r_opens_the_dialog_and_enter_asks_for_the_chosen_report() {
    let mut state = state();
    assert_eq!(press(&mut state, &["R"]), vec![]);
    let text = show(&screen(&state, 80, 24));
    assert!(text.contains(" Write a report "), "{text}");
    assert!(text.contains("Format  ‹ md ›"), "{text}");
    assert!(
        text.contains("Since   ‹ paris-peace-forum-2024 (2024-11-11) ›"),
        "the reconvening by default: {text}"
    );
    assert!(text.contains("As of   ‹ today (2024-12-11) ›"), "{text}");
    assert!(
        text.contains("Writes ./report-paris-peace-forum-2024-to-2024-12-11.md here"),
        "{text}"
    );
    assert!(
        text.contains("enter write · esc/ctrl-c cancel · h/l choose · j next line"),
        "the keys are shown: {text}"
    );

    // html, since the summit, as of the Pall Mall conference.
    let effects = press(&mut state, &["l", "j", "h", "j", "h", "enter"]);
    assert_eq!(
        effects,
        vec![Effect::WriteReport(Box::new(ReportJob {
            format: "html",
            since: "summit-2024".into(),
            as_of: "pall-mall-2025".into(),
            recorded: None,
            file_name: "report-summit-2024-to-pall-mall-2025.html".into(),
        }))]
    );
    assert!(state.modal.is_none());
    assert_eq!(
        state.message.as_deref(),
        Some("Writing report-summit-2024-to-pall-mall-2025.html…")
    );
}

#[test]
fn esc_leaves_the_dialog_without_writing_and_it_fits_a_small_screen() {
    let mut state = state();
    press(&mut state, &["tab", "R"]);
    let small = show(&screen(&state, 40, 12));
    assert!(small.contains("Format"), "{small}");
    assert!(small.contains("As of"), "{small}");
    // Too short for the whole dialog: the line being chosen and how to leave.
    let tiny = show(&screen(&state, 20, 5));
    assert!(tiny.contains("Format"), "{tiny}");
    assert!(tiny.contains("enter write"), "{tiny}");
    assert_eq!(press(&mut state, &["esc"]), vec![]);
    assert!(state.modal.is_none());
    assert!(!show(&screen(&state, 80, 24)).contains("Write a report"));
}

#[test]
fn in_a_past_view_the_report_is_as_of_the_point_viewed() {
    // The reconvening, picked as a milestone: its own choice.
    let mut state = state();
    press(&mut state, &["T", "enter", "R"]);
    let text = show(&screen(&state, 80, 24));
    assert!(
        text.contains("As of   ‹ paris-peace-forum-2024 (2024-11-11) ›"),
        "{text}"
    );
    assert!(
        text.contains("Since   ‹ summit-2024 (2024-03-18) ›"),
        "a period that leads up to it, not none: {text}"
    );

    // A typed day that is no milestone: the day itself, not today.
    let mut state = state_at_a_typed_day();
    press(&mut state, &["R"]);
    let text = show(&screen(&state, 80, 24));
    assert!(
        text.contains("As of   ‹ 2024-06-01 (the day viewed) ›"),
        "{text}"
    );
    let effects = press(&mut state, &["enter"]);
    assert_eq!(
        effects,
        vec![Effect::WriteReport(Box::new(ReportJob {
            format: "md",
            since: "summit-2024".into(),
            as_of: "2024-06-01".into(),
            recorded: None,
            file_name: "report-summit-2024-to-2024-06-01.md".into(),
        }))]
    );
}

fn state_at_a_typed_day() -> reconvene::app::State {
    let mut state = state();
    press(&mut state, &["T"]);
    type_in(&mut state, "2024-06-01");
    press(&mut state, &["enter"]);
    state
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused_in_the_dialogs_words() {
    let mut state = state_at_a_typed_day();
    // Since the reconvening (2024-11-11), as of 2024-06-01.
    let effects = press(&mut state, &["R", "j", "l", "enter"]);
    assert_eq!(effects, vec![], "nothing is written");
    let text = show(&screen(&state, 80, 24));
    assert!(
        text.contains("Since 2024-11-11 is after As of 2024-06-01: choose another"),
        "{text}"
    );
    assert!(!text.contains("--since"), "no command-line flags: {text}");
    assert!(state.modal.is_some(), "the dialog stays open to fix it");
    // The next key brings the keys back.
    press(&mut state, &["j"]);
    let text = show(&screen(&state, 80, 24));
    assert!(text.contains("enter write"), "{text}");
}

#[test]
fn as_recorded_at_a_commit_the_report_reads_the_record_there() {
    use reconvene::app::Action;
    use reconvene::app::travel::Arrival;
    let mut state = state();
    press(&mut state, &["T", "tab"]);
    type_in(&mut state, "HEAD~1");
    press(&mut state, &["enter"]);
    reconvene::app::update(
        &mut state,
        Action::Travelled(Box::new(Arrival::Recorded(Ok((
            "HEAD~1".into(),
            "1a2b3c4".into(),
            Box::new(dataset()),
        ))))),
    );
    press(&mut state, &["R"]);
    let text = show(&screen(&state, 80, 24));
    assert!(text.contains("Record  as recorded at 1a2b3c4"), "{text}");
    assert!(
        text.contains("Writes ./report-paris-peace-forum-2024-to-2024-12-11-at-1a2b3c4.md"),
        "{text}"
    );
    let effects = press(&mut state, &["enter"]);
    assert_eq!(
        effects,
        vec![Effect::WriteReport(Box::new(ReportJob {
            format: "md",
            since: "paris-peace-forum-2024".into(),
            as_of: "2024-12-11".into(),
            recorded: Some("1a2b3c4".into()),
            file_name: "report-paris-peace-forum-2024-to-2024-12-11-at-1a2b3c4.md".into(),
        }))]
    );
}
