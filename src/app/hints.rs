//! The hint line and the help screen's rows, generated from the key map of
//! the mode in force, so what they say is what the keys do.

use super::keymap::Mode;
use super::{Action, State};

impl State {
    /// The status line's hint for the view showing.
    pub fn view_hint(&self) -> String {
        let mode = super::route::view_mode(self.view);
        let actions: &[Action] = match mode {
            Mode::Dashboard | Mode::Tracker => {
                &[Action::Open, Action::OpenRecommendation, Action::Help]
            }
            Mode::Actor => &[Action::Down, Action::Edit, Action::Find, Action::Back],
            Mode::Recommendation => &[Action::Down, Action::Open, Action::Find, Action::Back],
            Mode::Problems => &[Action::Reload, Action::Quit],
            _ => &[Action::Back, Action::Quit],
        };
        self.keymap.hint(mode, actions)
    }

    /// The hint of an open form, prompt or dialog: how to act and how to
    /// leave, from its own bindings.
    pub fn modal_hint(&self, mode: Mode) -> String {
        let actions: &[Action] = match mode {
            // The footer also names the author: first keys only.
            Mode::EditForm => {
                let actions = [Action::Save, Action::Cancel, Action::NextField];
                return self.keymap.short_hint(mode, &actions);
            }
            Mode::Conflict => &[Action::KeepTheirs, Action::Overwrite, Action::Cancel],
            Mode::EvidenceItem => {
                let actions = [Action::Confirm, Action::Cancel, Action::NextField];
                return self.keymap.short_hint(mode, &actions);
            }
            Mode::ActorForm => {
                let actions = [Action::Confirm, Action::NextField, Action::Cancel];
                let choose = self.keymap.short_hint(Mode::Choice, &[Action::Left]);
                let right = self.key_for(Mode::Choice, &Action::Right);
                // "h/l choose": both ways of a choice field in one entry.
                let choose = choose.replacen(' ', &format!("/{right} "), 1);
                return format!("{} · {choose}", self.keymap.hint(mode, &actions));
            }
            Mode::Report => {
                let choose = self.keymap.short_hint(mode, &[Action::Left]);
                let right = self.key_for(mode, &Action::Right);
                let choose = choose.replacen(' ', &format!("/{right} "), 1);
                let line = self.keymap.short_hint(mode, &[Action::Down]);
                let actions = [Action::Confirm, Action::Cancel];
                return format!("{} · {choose} · {line}", self.keymap.hint(mode, &actions));
            }
            Mode::Identity => &[Action::Confirm, Action::Cancel],
            Mode::Dialog => &[Action::Confirm, Action::Cancel],
            Mode::Draft => &[Action::Confirm, Action::Discard, Action::Cancel],
            Mode::Find => &[Action::Confirm, Action::Cancel],
            _ => &[],
        };
        self.keymap.hint(mode, actions)
    }

    /// The key of `action` in `mode` for a sentence ("press ctrl-r").
    pub fn key_for(&self, mode: Mode, action: &Action) -> String {
        self.keymap.first_in(mode, action)
    }

    /// The help screen's rows for the mode it was opened over: keys, what
    /// they do; then, under a heading each, the keys of the prompts and
    /// forms reached from there.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let mode = self.help_mode();
        let mut rows = Vec::new();
        let section = |mode: Mode, heading: Option<&str>, rows: &mut Vec<(String, String)>| {
            if let Some(heading) = heading {
                rows.push((String::new(), String::new()));
                rows.push((heading.to_string(), String::new()));
            }
            for (action, keys) in self.keymap.bindings(mode) {
                let keys = if keys.is_empty() {
                    "(unbound)".to_string()
                } else {
                    keys.iter()
                        .map(|k| k.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                rows.push((keys, action.describe(mode).to_string()));
            }
        };
        section(mode, None, &mut rows);
        section(Mode::Find, Some("Find (/): type to find; then"), &mut rows);
        section(
            Mode::Filter,
            Some("Filter (f): kind:, role:, status:REC=STATUS, tracked, words; then"),
            &mut rows,
        );
        section(
            Mode::TravelPicker,
            Some("Time travel: up/down choose a milestone, or type a date; then"),
            &mut rows,
        );
        if matches!(
            mode,
            Mode::Dashboard | Mode::Tracker | Mode::Actor | Mode::Recommendation
        ) {
            section(
                Mode::EditForm,
                Some("Edit form: type into the field; then"),
                &mut rows,
            );
            section(
                Mode::StatusPicker,
                Some("Its status (1–7 choose by number)"),
                &mut rows,
            );
            section(Mode::EvidenceList, Some("Its evidence"), &mut rows);
            section(Mode::Dialog, Some("Questions (undo, discard)"), &mut rows);
        }
        // The terminal's own keys, as in a shell: the runner reads them in
        // every mode, so they are not the key map's to change.
        rows.push((String::new(), String::new()));
        rows.push(("Anywhere".to_string(), String::new()));
        rows.push((
            "ctrl-l".to_string(),
            "Paint the whole screen again".to_string(),
        ));
        rows.push((
            "ctrl-z".to_string(),
            "Suspend to the shell (fg brings it back)".to_string(),
        ));
        rows
    }
}
