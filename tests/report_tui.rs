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
