//! The form that adds an actor: id, name, kind, country, role. Its
//! commitments are then filled from the dashboard like any other actor's.

use super::input::Input;
use super::text::TextInput;
use super::{Action, Mode};
use crate::model::{Actor, ActorKind, Role, is_slug};

/// Labels of the fields, in Tab order.
pub const ACTOR_LABELS: [&str; 5] = ["Name", "Id", "Kind", "Country", "Role"];

const ROLES: [Option<Role>; 4] = [
    None,
    Some(Role::Member),
    Some(Role::Observer),
    Some(Role::CoChair),
];

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum ActorFormOutcome {
    /// Keep editing.
    Continue,
    /// Leave without adding anything.
    Cancel,
    /// Add this actor (one commit).
    Add(Box<Actor>),
}

/// The add-actor form's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorForm {
    /// The display name.
    pub name: TextInput,
    /// The id; follows the name until the user types in it.
    pub id: TextInput,
    id_typed: bool,
    /// The kind.
    pub kind: ActorKind,
    /// The country (may stay empty).
    pub country: TextInput,
    /// The working-group role.
    pub role: Option<Role>,
    /// The focused field, an index into [`ACTOR_LABELS`].
    pub focus: usize,
    /// Why the last attempt to add was refused.
    pub error: Option<String>,
    taken: Vec<String>,
}

/// The slug a name suggests: "Côte d'Ivoire" → "cote-d-ivoire".
pub fn suggest_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

impl ActorForm {
    /// An empty form; `taken` are the ids already in the dataset.
    pub fn new(taken: Vec<String>) -> ActorForm {
        ActorForm {
            name: TextInput::single_line(""),
            id: TextInput::single_line(""),
            id_typed: false,
            kind: ActorKind::Government,
            country: TextInput::single_line(""),
            role: None,
            focus: 0,
            error: None,
            taken,
        }
    }

    /// The actor the form describes, or why it cannot be added.
    pub fn actor(&self) -> Result<Actor, String> {
        let name = self.name.text().trim().to_string();
        let id = self.id.text().trim().to_string();
        if name.is_empty() {
            return Err("the actor needs a name".into());
        }
        if !is_slug(&id) {
            return Err(format!(
                "`{id}` is not an id: lowercase letters, digits and single dashes"
            ));
        }
        if self.taken.contains(&id) {
            return Err(format!("an actor `{id}` already exists"));
        }
        let country = self.country.text().trim().to_string();
        Ok(Actor {
            id,
            name,
            aliases: Vec::new(),
            kind: self.kind,
            country: (!country.is_empty()).then_some(country),
            role: self.role,
            commitments: Default::default(),
        })
    }

    /// The key map mode the form reads keys in: a choice field's, or the
    /// form's (where letters are typed).
    pub fn mode(&self) -> Mode {
        if matches!(self.focus, 2 | 4) {
            Mode::Choice
        } else {
            Mode::ActorForm
        }
    }

    /// Whether anything was typed or chosen: leaving then asks first.
    pub fn is_started(&self) -> bool {
        *self != ActorForm::new(self.taken.clone())
    }

    /// The actor as typed so far, for a question about it ("Chile, a
    /// government").
    pub fn describe(&self) -> String {
        let name = self.name.text();
        let name = if name.trim().is_empty() {
            "no name yet".to_string()
        } else {
            format!("\"{}\"", name.trim())
        };
        format!("{name}, {}", self.kind.heading().to_lowercase())
    }

    /// Applies a command (add, cancel, next or previous field) or a key.
    pub fn handle(&mut self, input: &Input) -> ActorFormOutcome {
        self.error = None;
        let key = match input {
            Input::Command(Action::Cancel) => return ActorFormOutcome::Cancel,
            Input::Command(Action::Confirm | Action::Save) => {
                return match self.actor() {
                    Ok(actor) => ActorFormOutcome::Add(Box::new(actor)),
                    Err(reason) => {
                        self.error = Some(reason);
                        ActorFormOutcome::Continue
                    }
                };
            }
            Input::Command(Action::NextField) => {
                self.focus = (self.focus + 1) % ACTOR_LABELS.len();
                return ActorFormOutcome::Continue;
            }
            Input::Command(Action::PrevField) => {
                self.focus = (self.focus + ACTOR_LABELS.len() - 1) % ACTOR_LABELS.len();
                return ActorFormOutcome::Continue;
            }
            Input::Command(Action::Left | Action::Right) if self.mode() == Mode::Choice => {
                let back = matches!(input, Input::Command(Action::Left));
                match self.focus {
                    2 => self.kind = cycle(&ActorKind::ALL, self.kind, back),
                    _ => self.role = cycle(&ROLES, self.role, back),
                }
                return ActorFormOutcome::Continue;
            }
            Input::Command(_) => return ActorFormOutcome::Continue,
            Input::Key(key) => *key,
        };
        {
            match self.focus {
                0 => {
                    self.name.handle(key);
                    if !self.id_typed {
                        self.id.set_text(&suggest_id(&self.name.text()));
                    }
                }
                1 => self.id_typed |= self.id.handle(key),
                3 => {
                    self.country.handle(key);
                }
                // The choice fields move by their key map only.
                _ => {}
            }
        }
        ActorFormOutcome::Continue
    }
}

/// Left/Right (or Space) through a fixed list of choices.
fn cycle<T: Copy + PartialEq>(choices: &[T], current: T, back: bool) -> T {
    let at = choices.iter().position(|c| *c == current).unwrap_or(0);
    let len = choices.len().max(1);
    let next = if back {
        (at + len - 1) % len
    } else {
        (at + 1) % len
    };
    choices.get(next).copied().unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::input::{Key, KeyCode, through};

    fn type_text(form: &mut ActorForm, text: &str) {
        for c in text.chars() {
            form.handle(&through(form.mode(), Key::char(c)));
        }
    }

    #[test]
    fn the_id_follows_the_name_until_typed() {
        assert_eq!(suggest_id("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(suggest_id("  NSO  Group!! "), "nso-group");
        let mut form = ActorForm::new(vec![]);
        type_text(&mut form, "Republic of Chile");
        assert_eq!(form.id.text(), "republic-of-chile");
        form.handle(&through(form.mode(), Key::plain(KeyCode::Tab)));
        form.handle(&through(form.mode(), Key::ctrl('u')));
        type_text(&mut form, "chile");
        form.handle(&through(form.mode(), Key::plain(KeyCode::BackTab)));
        type_text(&mut form, "!");
        assert_eq!(form.id.text(), "chile");
    }

    #[test]
    fn an_actor_is_added_with_its_kind_country_and_role() {
        let mut form = ActorForm::new(vec!["france".into()]);
        type_text(&mut form, "Access Now");
        form.handle(&through(form.mode(), Key::plain(KeyCode::Tab)));
        form.handle(&through(form.mode(), Key::plain(KeyCode::Tab)));
        for _ in 0..3 {
            form.handle(&through(form.mode(), Key::plain(KeyCode::Right)));
        }
        form.handle(&through(form.mode(), Key::plain(KeyCode::Tab)));
        type_text(&mut form, "United States");
        form.handle(&through(form.mode(), Key::plain(KeyCode::Tab)));
        form.handle(&through(form.mode(), Key::plain(KeyCode::Right)));
        let ActorFormOutcome::Add(actor) =
            form.handle(&through(form.mode(), Key::plain(KeyCode::Enter)))
        else {
            panic!("the form should add the actor");
        };
        assert_eq!(actor.id, "access-now");
        assert_eq!(actor.kind, ActorKind::CivilSociety);
        assert_eq!(actor.country.as_deref(), Some("United States"));
        assert_eq!(actor.role, Some(Role::Member));
    }

    #[test]
    fn a_taken_or_bad_id_is_refused_with_the_reason() {
        let mut form = ActorForm::new(vec!["france".into()]);
        type_text(&mut form, "France");
        assert_eq!(
            form.handle(&through(form.mode(), Key::plain(KeyCode::Enter))),
            ActorFormOutcome::Continue
        );
        assert_eq!(
            form.error.as_deref(),
            Some("an actor `france` already exists")
        );
        let mut empty = ActorForm::new(vec![]);
        empty.handle(&through(empty.mode(), Key::plain(KeyCode::Enter)));
        assert_eq!(empty.error.as_deref(), Some("the actor needs a name"));
    }
}
