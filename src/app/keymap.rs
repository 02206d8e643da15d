//! Key bindings as data: the default table in `assets/keymap.ron`, patched by
//! the user's overrides. The same table drives the handler and the help screen.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");

/// One key with its modifiers, as written in the key map ("ctrl-e", "j", "shift-tab").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Key {
    /// Parses "j", "G", "?", "down", "enter", "esc", "tab", "shift-tab", "ctrl-e", "alt-x", "f5".
    pub fn parse(text: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        let mut shift = false;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                shift = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c })
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "tab" if shift => KeyCode::BackTab,
                "backtab" => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| *n <= 24)?),
                _ => return None,
            },
        };
        Some(Key { code, ctrl, alt })
    }

    /// The key a terminal event stands for; shift is folded into the character.
    pub fn from_event(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// The bindings in force: each bindable action with its keys, in help order.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyMap {
    bindings: Vec<(Action, Vec<Key>)>,
}

impl KeyMap {
    /// The defaults patched by `overrides` (action name -> keys, replacing that
    /// action's keys). Returns the map and a warning for each override it could
    /// not use; a bad override never stops the program.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (KeyMap, Vec<String>) {
        let mut warnings = Vec::new();
        let defaults: BTreeMap<String, Vec<String>> = match ron::from_str(DEFAULT_KEYMAP) {
            Ok(table) => table,
            Err(error) => {
                warnings.push(format!("the built-in key map does not parse: {error}"));
                BTreeMap::new()
            }
        };
        let mut bindings = Vec::new();
        for action in Action::BINDABLE {
            let texts = match overrides.get(action.name()) {
                Some(keys) => keys,
                None => defaults
                    .get(action.name())
                    .map_or(&[][..], |v| v.as_slice()),
            };
            let mut keys = Vec::new();
            for text in texts {
                match Key::parse(text) {
                    Some(key) => keys.push(key),
                    None => warnings.push(format!(
                        "key map: `{}` for `{}` is not a key",
                        text.escape_debug(),
                        action.name()
                    )),
                }
            }
            bindings.push((action, keys));
        }
        for name in overrides.keys() {
            if Action::from_name(name).is_none() {
                warnings.push(format!(
                    "key map: no action named `{}`",
                    name.escape_debug()
                ));
            }
        }
        (KeyMap { bindings }, warnings)
    }

    /// The action bound to `key`; the first in help order wins.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(action, _)| action.clone())
    }

    /// Every action with its keys, in help order.
    pub fn bindings(&self) -> &[(Action, Vec<Key>)] {
        &self.bindings
    }

    /// The first key of one action, for a sentence ("press r to reload").
    pub fn first_key(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, keys)| keys.first())
            .map_or_else(|| "(unbound)".to_string(), Key::to_string)
    }

    /// The action for a terminal key: while a prompt is open, characters are
    /// typed into it and only Enter, Esc and Backspace act.
    pub fn route(&self, event: KeyEvent, prompt_open: bool) -> Option<Action> {
        if prompt_open {
            let plain = !event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            return match event.code {
                KeyCode::Enter => Some(Action::Open),
                KeyCode::Esc => Some(Action::Back),
                KeyCode::Backspace => Some(Action::Erase),
                KeyCode::Char(c) if plain => Some(Action::Type(c)),
                _ => self
                    .action_for(Key::from_event(event))
                    .filter(|a| *a == Action::Quit),
            };
        }
        self.action_for(Key::from_event(event))
    }

    /// The keys of one action joined for hints ("j/down").
    pub fn keys_of(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, keys)| {
                keys.iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::with_overrides(&BTreeMap::new()).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_table_binds_the_issue_keys() {
        let (map, warnings) = KeyMap::with_overrides(&BTreeMap::new());
        assert!(warnings.is_empty(), "{warnings:?}");
        let key = |t: &str| Key::parse(t).map(|k| map.action_for(k));
        assert_eq!(key("j"), Some(Some(Action::Down)));
        assert_eq!(key("left"), Some(Some(Action::Left)));
        assert_eq!(key("enter"), Some(Some(Action::Open)));
        assert_eq!(key("esc"), Some(Some(Action::Back)));
        assert_eq!(key("q"), Some(Some(Action::Quit)));
        assert_eq!(key("tab"), Some(Some(Action::NextView)));
        assert_eq!(key("shift-tab"), Some(Some(Action::PrevView)));
        assert_eq!(key("?"), Some(Some(Action::Help)));
        assert_eq!(key("G"), Some(Some(Action::End)));
    }

    #[test]
    fn an_override_replaces_the_keys_and_bad_ones_become_warnings() {
        let overrides = BTreeMap::from([
            (
                "down".to_string(),
                vec!["n".to_string(), "ctrl-x".to_string()],
            ),
            ("fly".to_string(), vec!["f".to_string()]),
            ("up".to_string(), vec!["hyper-k".to_string()]),
        ]);
        let (map, warnings) = KeyMap::with_overrides(&overrides);
        let n = Key::parse("n").map(|k| map.action_for(k));
        assert_eq!(n, Some(Some(Action::Down)));
        assert_eq!(Key::parse("j").map(|k| map.action_for(k)), Some(None));
        assert_eq!(map.keys_of(Action::Down), "n/ctrl-x");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("no action named `fly`")));
        assert!(warnings.iter().any(|w| w.contains("`hyper-k`")));
    }
}
