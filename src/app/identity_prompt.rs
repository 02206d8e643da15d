//! Asking who is editing, when nothing names the coordinator (or they want
//! to switch on a shared account): nothing is committed anonymously.

use super::Action;
use super::input::Input;
use super::text::TextInput;
use crate::model::Identity;

/// What a key did to the prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptOutcome {
    /// Keep typing.
    Continue,
    /// The user gave up: no identity, no edit.
    Cancel,
    /// A valid identity.
    Chosen(Identity),
}

/// The prompt's state.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityPrompt {
    /// What is typed: `Name <email>`.
    pub input: TextInput,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

impl IdentityPrompt {
    /// A prompt pre-filled with the current identity, if any.
    pub fn new(current: Option<&Identity>) -> IdentityPrompt {
        IdentityPrompt {
            input: TextInput::single_line(&current.map(Identity::to_string).unwrap_or_default()),
            error: None,
        }
    }

    /// Applies a command (confirm, cancel) or a key typed into the prompt.
    pub fn handle(&mut self, input: &Input) -> PromptOutcome {
        match input {
            Input::Command(Action::Cancel) => PromptOutcome::Cancel,
            Input::Command(Action::Confirm) => match Identity::parse(&self.input.text()) {
                Ok(identity) => PromptOutcome::Chosen(identity),
                Err(reason) => {
                    self.error = Some(reason);
                    PromptOutcome::Continue
                }
            },
            Input::Command(_) => PromptOutcome::Continue,
            Input::Key(key) => {
                self.error = None;
                self.input.handle(*key);
                PromptOutcome::Continue
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Mode;
    use crate::app::input::{Key, KeyCode, through};

    #[test]
    fn a_valid_name_and_email_is_chosen_and_a_forged_one_refused() {
        let mut prompt = IdentityPrompt::new(None);
        for c in "Eve <eve@x> <evil@y>".chars() {
            prompt.handle(&through(Mode::Identity, Key::char(c)));
        }
        assert_eq!(
            prompt.handle(&through(Mode::Identity, Key::plain(KeyCode::Enter))),
            PromptOutcome::Continue
        );
        assert!(
            prompt
                .error
                .as_deref()
                .is_some_and(|e| e.contains("refusing")),
            "{:?}",
            prompt.error
        );
        prompt.handle(&through(Mode::Identity, Key::ctrl('u')));
        for c in "Ada Lovelace <ada@example.org>".chars() {
            prompt.handle(&through(Mode::Identity, Key::char(c)));
        }
        let chosen = prompt.handle(&through(Mode::Identity, Key::plain(KeyCode::Enter)));
        assert_eq!(
            chosen,
            PromptOutcome::Chosen(Identity {
                name: "Ada Lovelace".into(),
                email: "ada@example.org".into()
            })
        );
    }
}
