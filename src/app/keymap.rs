//! Key bindings as data, per mode: the default table in `assets/keymap.ron`,
//! patched by the user's overrides. The same table drives the handler, the
//! help screen and the hint lines, so they can never disagree.

use std::collections::BTreeMap;

use super::Action;
pub use super::input::Key;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");

/// Where keys are read: a view, or the prompt, form or dialog open over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// Keys every view shares (under the view's own).
    Normal,
    /// The actors × recommendations matrix.
    Dashboard,
    /// The government tracker.
    Tracker,
    /// One actor's commitments.
    Actor,
    /// One recommendation's actors.
    Recommendation,
    /// The help screen.
    Help,
    /// The load problems.
    Problems,
    /// The validator's warnings.
    Warnings,
    /// The find prompt.
    Find,
    /// The edit form.
    EditForm,
    /// The edit form's choice after someone else changed the commitment.
    Conflict,
    /// The add-actor form.
    ActorForm,
    /// The who-is-editing prompt.
    Identity,
    /// A yes/no question.
    Dialog,
    /// The offer of an edit kept from an interrupted session.
    Draft,
    /// The edit form with its status picker focused (the form's keys too).
    StatusPicker,
    /// The edit form with its evidence list focused (the form's keys too).
    EvidenceList,
    /// The evidence item being added or changed.
    EvidenceItem,
    /// A choice field of the add-actor form (its kind, its role).
    Choice,
    /// The time-travel prompt: a milestone, a date or a commit.
    TravelPicker,
    /// Who moved between two points.
    Delta,
    /// Progress over time and the record's activity.
    Chart,
    /// The record's history: commits and the selected one's changes.
    History,
    /// The history's filter prompt.
    HistoryFilter,
    /// A commitment's timeline.
    Timeline,
    /// A commit's raw diff.
    Diff,
    /// The report dialog.
    Report,
    /// The filter prompt.
    Filter,
}

impl Mode {
    /// Every mode, in the key map file's order.
    pub const ALL: [Mode; 28] = [
        Mode::Normal,
        Mode::Dashboard,
        Mode::Tracker,
        Mode::Actor,
        Mode::Recommendation,
        Mode::Help,
        Mode::Problems,
        Mode::Warnings,
        Mode::Find,
        Mode::EditForm,
        Mode::Conflict,
        Mode::ActorForm,
        Mode::Identity,
        Mode::Dialog,
        Mode::Draft,
        Mode::StatusPicker,
        Mode::EvidenceList,
        Mode::EvidenceItem,
        Mode::Choice,
        Mode::TravelPicker,
        Mode::Delta,
        Mode::Chart,
        Mode::History,
        Mode::HistoryFilter,
        Mode::Timeline,
        Mode::Diff,
        Mode::Report,
        Mode::Filter,
    ];

    /// The name in the key map file.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Dashboard => "dashboard",
            Mode::Tracker => "tracker",
            Mode::Actor => "actor",
            Mode::Recommendation => "recommendation",
            Mode::Help => "help",
            Mode::Problems => "problems",
            Mode::Warnings => "warnings",
            Mode::Find => "find",
            Mode::EditForm => "edit_form",
            Mode::Conflict => "conflict",
            Mode::ActorForm => "actor_form",
            Mode::Identity => "identity",
            Mode::Dialog => "dialog",
            Mode::Draft => "draft",
            Mode::StatusPicker => "status_picker",
            Mode::EvidenceList => "evidence_list",
            Mode::EvidenceItem => "evidence_item",
            Mode::Choice => "choice",
            Mode::TravelPicker => "travel_picker",
            Mode::Delta => "delta",
            Mode::Chart => "chart",
            Mode::History => "history",
            Mode::HistoryFilter => "history_filter",
            Mode::Timeline => "timeline",
            Mode::Diff => "diff",
            Mode::Report => "report",
            Mode::Filter => "filter",
        }
    }

    /// The mode whose keys this one also takes, under its own: the normal
    /// keys for a view, the form's for one of its fields.
    pub fn parent(self) -> Option<Mode> {
        match self {
            _ if self.is_view() => Some(Mode::Normal),
            Mode::StatusPicker | Mode::EvidenceList => Some(Mode::EditForm),
            Mode::Choice => Some(Mode::ActorForm),
            _ => None,
        }
    }

    /// Whether this is a view, which also takes the normal keys.
    pub fn is_view(self) -> bool {
        matches!(
            self,
            Mode::Dashboard
                | Mode::Tracker
                | Mode::Actor
                | Mode::Recommendation
                | Mode::Help
                | Mode::Problems
                | Mode::Warnings
                | Mode::Delta
                | Mode::Chart
                | Mode::History
                | Mode::Timeline
                | Mode::Diff
        )
    }

    /// Whether printable keys are typed as text here (and so never bound).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Find
                | Mode::EditForm
                | Mode::ActorForm
                | Mode::Identity
                | Mode::EvidenceItem
                | Mode::TravelPicker
                | Mode::HistoryFilter
                | Mode::Filter
        )
    }

    fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// The bindings in force: for each mode, its actions with their keys.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyMap {
    modes: BTreeMap<Mode, Vec<(Action, Vec<Key>)>>,
}

type Table = BTreeMap<String, BTreeMap<String, Vec<String>>>;

impl KeyMap {
    /// The defaults patched by `overrides`. An override named by an action
    /// (`"edit"`) replaces that action's keys in every mode that has it; one
    /// named `"mode.action"` (`"dashboard.edit"`) in that mode only.
    /// Returns the map and a warning for each override it could not use and
    /// each key bound to two actions in one mode; a bad override never stops
    /// the program.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (KeyMap, Vec<String>) {
        let mut warnings = Vec::new();
        let defaults: Table = match ron::from_str(DEFAULT_KEYMAP) {
            Ok(table) => table,
            Err(error) => {
                warnings.push(format!("the built-in key map does not parse: {error}"));
                Table::new()
            }
        };
        let mut modes = BTreeMap::new();
        for mode in Mode::ALL {
            let Some(table) = defaults.get(mode.name()) else {
                continue;
            };
            let mut bindings = Vec::new();
            for action in Action::BINDABLE {
                let Some(default) = table.get(action.name()) else {
                    continue;
                };
                let qualified = format!("{}.{}", mode.name(), action.name());
                let texts = overrides
                    .get(&qualified)
                    .or_else(|| overrides.get(action.name()))
                    .unwrap_or(default);
                let keys = texts
                    .iter()
                    .filter_map(|text| {
                        let key = Key::parse(text);
                        if key.is_none() {
                            warnings.push(format!(
                                "key map: `{}` for `{}` is not a key",
                                text.escape_debug(),
                                action.name()
                            ));
                        }
                        key
                    })
                    .collect();
                bindings.push((action, keys));
            }
            modes.insert(mode, bindings);
        }
        // An action in several modes would report a bad key once per mode.
        let mut seen = std::collections::BTreeSet::new();
        warnings.retain(|w| seen.insert(w.clone()));
        let mut map = KeyMap { modes };
        for name in overrides.keys() {
            if let Some(problem) = map.unknown(name) {
                warnings.push(problem);
            }
        }
        map.keep_a_way_out();
        // An override named by action reaches every mode: the same keys
        // reported once per mode would say the same thing many times.
        let mut seen = std::collections::BTreeSet::new();
        warnings.extend(
            map.collisions()
                .into_iter()
                .filter(|w| seen.insert(w.clone())),
        );
        (map, warnings)
    }

    /// Why an override's name cannot be used, if it cannot.
    fn unknown(&self, name: &str) -> Option<String> {
        let bound = |mode: Mode, action: &Action| {
            self.modes
                .get(&mode)
                .is_some_and(|b| b.iter().any(|(a, _)| a == action))
        };
        match name.split_once('.') {
            Some((mode, action)) => match (Mode::from_name(mode), Action::from_name(action)) {
                (None, _) => Some(format!(
                    "key map: no mode named `{}` (modes: {})",
                    mode.escape_debug(),
                    Mode::ALL.map(Mode::name).join(", ")
                )),
                (Some(m), Some(a)) if bound(m, &a) => None,
                (Some(_), _) => Some(format!(
                    "key map: no action named `{}` in `{mode}`",
                    action.escape_debug()
                )),
            },
            None => match Action::from_name(name) {
                Some(a) if Mode::ALL.iter().any(|m| bound(*m, &a)) => None,
                _ => Some(format!(
                    "key map: no action named `{}`",
                    name.escape_debug()
                )),
            },
        }
    }

    /// Ctrl-C leaves the views even when an override took it away from
    /// `quit`, unless it was bound to something else on purpose: a user who
    /// copied an example must never be unable to leave.
    fn keep_a_way_out(&mut self) {
        let ctrl_c = Key::ctrl('c');
        if self.lookup(Mode::Normal, ctrl_c).is_some()
            || Mode::ALL
                .iter()
                .filter(|m| m.is_view())
                .any(|m| self.lookup(*m, ctrl_c).is_some())
        {
            return;
        }
        if let Some(normal) = self.modes.get_mut(&Mode::Normal)
            && let Some((_, keys)) = normal.iter_mut().find(|(a, _)| *a == Action::Quit)
        {
            keys.push(ctrl_c);
        }
    }

    /// Keys bound to two actions in one mode (counting the keys it takes
    /// from its parent as its own), and printable keys bound where they are
    /// typed as text, each as a sentence for the start-up message.
    pub fn collisions(&self) -> Vec<String> {
        let mut found = Vec::new();
        for mode in Mode::ALL.into_iter().filter(|m| *m != Mode::Normal) {
            let mut seen: Vec<(Key, &Action)> = Vec::new();
            for (action, key) in self.effective(mode) {
                if mode.takes_text() && key.text().is_some() {
                    found.push(format!(
                        "key map: `{key}` for `{}` in {} is typed as text there, so it never acts",
                        action.name(),
                        mode.name()
                    ));
                    continue;
                }
                match seen.iter().find(|(k, _)| *k == key) {
                    Some((_, first)) if *first != action => found.push(format!(
                        "key map: `{key}` is bound to both `{}` and `{}` in {}; `{}` wins",
                        first.name(),
                        action.name(),
                        mode.name(),
                        first.name()
                    )),
                    Some(_) => {}
                    None => seen.push((key, action)),
                }
            }
        }
        found
    }

    /// Each (action, key) in force in `mode`: its own, then the normal keys
    /// for a view.
    fn effective(&self, mode: Mode) -> impl Iterator<Item = (&Action, Key)> {
        let own = self.modes.get(&mode).into_iter().flatten();
        let parent = mode
            .parent()
            .and_then(|parent| self.modes.get(&parent))
            .into_iter()
            .flatten();
        own.chain(parent)
            .flat_map(|(action, keys)| keys.iter().map(move |key| (action, *key)))
    }

    fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        self.effective(mode)
            .find(|(_, k)| *k == key)
            .map(|(action, _)| action.clone())
    }

    /// The action `key` asks for in `mode`, if any. Where text is typed, a
    /// printable key is never an action.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        if mode.takes_text() && key.text().is_some() {
            return None;
        }
        self.lookup(mode, key)
    }

    /// The keys in force in `mode` for help: each action with its keys, the
    /// mode's own first (a view's normal keys follow).
    pub fn bindings(&self, mode: Mode) -> Vec<(Action, Vec<Key>)> {
        let own = self.modes.get(&mode).into_iter().flatten();
        let parent = mode
            .parent()
            .and_then(|parent| self.modes.get(&parent))
            .into_iter()
            .flatten();
        let mut all: Vec<(Action, Vec<Key>)> = Vec::new();
        for (action, keys) in own.chain(parent) {
            match all.iter_mut().find(|(a, _)| a == action) {
                Some((_, known)) => {
                    for key in keys {
                        if !known.contains(key) {
                            known.push(*key);
                        }
                    }
                }
                None => all.push((action.clone(), keys.clone())),
            }
        }
        // One order for every mode: help's, not the file's.
        let rank = |a: &Action| Action::BINDABLE.iter().position(|b| b == a);
        all.sort_by_key(|(action, _)| rank(action));
        all
    }

    /// The keys of one action in `mode`, joined for a hint ("j/down");
    /// empty when unbound.
    pub fn keys_in(&self, mode: Mode, action: &Action) -> String {
        self.bindings(mode)
            .into_iter()
            .find(|(a, _)| a == action)
            .map(|(_, keys)| {
                keys.iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The first key of one action in `mode`, for a sentence ("press
    /// ctrl-r to reload"); "(unbound)" when it has none.
    pub fn first_in(&self, mode: Mode, action: &Action) -> String {
        self.bindings(mode)
            .into_iter()
            .find(|(a, _)| a == action)
            .and_then(|(_, keys)| keys.first().map(Key::to_string))
            .unwrap_or_else(|| "(unbound)".to_string())
    }

    /// A hint line for `mode`: "enter actor · r recommendation · ? keys",
    /// every key of each action, leaving out actions that have no key.
    pub fn hint(&self, mode: Mode, actions: &[Action]) -> String {
        self.hint_keys(mode, actions, |action| self.keys_in(mode, action))
    }

    /// A hint line naming only the first key of each action, where room is
    /// short and the line stays on screen (the edit form's footer).
    pub fn short_hint(&self, mode: Mode, actions: &[Action]) -> String {
        self.hint_keys(mode, actions, |action| {
            self.bindings(mode)
                .into_iter()
                .find(|(a, _)| a == action)
                .and_then(|(_, keys)| keys.first().map(Key::to_string))
                .unwrap_or_default()
        })
    }

    fn hint_keys(
        &self,
        mode: Mode,
        actions: &[Action],
        keys: impl Fn(&Action) -> String,
    ) -> String {
        actions
            .iter()
            .filter_map(|action| {
                let keys = keys(action);
                (!keys.is_empty()).then(|| format!("{keys} {}", action.label(mode)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
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

    fn act(map: &KeyMap, mode: Mode, key: &str) -> Option<Action> {
        Key::parse(key).and_then(|k| map.action(mode, k))
    }

    #[test]
    fn the_default_table_has_no_collisions_and_binds_each_mode() {
        let (map, warnings) = KeyMap::with_overrides(&BTreeMap::new());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(act(&map, Mode::Dashboard, "j"), Some(Action::Down));
        assert_eq!(act(&map, Mode::Dashboard, "enter"), Some(Action::Open));
        assert_eq!(act(&map, Mode::Tracker, "G"), Some(Action::End));
        assert_eq!(act(&map, Mode::Help, "e"), None, "help edits nothing");
        assert_eq!(act(&map, Mode::Problems, "r"), None, "r never reloads");
        assert_eq!(act(&map, Mode::Problems, "ctrl-r"), Some(Action::Reload));
        assert_eq!(act(&map, Mode::Find, "q"), None, "typed, not bound");
        assert_eq!(act(&map, Mode::Find, "esc"), Some(Action::Cancel));
        assert_eq!(act(&map, Mode::Dialog, "q"), Some(Action::Cancel));
        assert_eq!(act(&map, Mode::Draft, "ctrl-c"), Some(Action::Cancel));
        assert_eq!(act(&map, Mode::EditForm, "ctrl-s"), Some(Action::Save));
    }

    #[test]
    fn an_override_reaches_every_mode_or_one_and_bad_ones_become_warnings() {
        let overrides = BTreeMap::from([
            ("down".to_string(), vec!["m".into(), "ctrl-x".into()]),
            ("fly".to_string(), vec!["f".into()]),
            ("up".to_string(), vec!["hyper-k".into()]),
            ("cancel".to_string(), vec!["ctrl-g".into()]),
            ("dialog.confirm".to_string(), vec!["o".into()]),
            ("nowhere.quit".to_string(), vec!["x".into()]),
        ]);
        let (map, warnings) = KeyMap::with_overrides(&overrides);
        assert_eq!(act(&map, Mode::Dashboard, "m"), Some(Action::Down));
        assert_eq!(act(&map, Mode::Dashboard, "j"), None);
        assert_eq!(map.keys_in(Mode::Actor, &Action::Down), "m/ctrl-x");
        // Find's list has its own keys, which an override of `down` leaves.
        assert_eq!(act(&map, Mode::Find, "down"), Some(Action::NextHit));
        for mode in [Mode::Find, Mode::EditForm, Mode::Dialog, Mode::Draft] {
            assert_eq!(act(&map, mode, "ctrl-g"), Some(Action::Cancel), "{mode:?}");
            assert_eq!(act(&map, mode, "esc"), None, "{mode:?}");
        }
        assert_eq!(act(&map, Mode::Dialog, "o"), Some(Action::Confirm));
        assert_eq!(act(&map, Mode::Draft, "enter"), Some(Action::Confirm));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("no action named `fly`")));
        assert!(warnings.iter().any(|w| w.contains("`hyper-k`")));
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("no mode named `nowhere`"))
        );
    }

    #[test]
    fn a_key_bound_twice_in_one_mode_is_reported_and_the_first_wins() {
        // The README's old example: enter for both open and edit.
        let overrides = BTreeMap::from([("edit".to_string(), vec!["e".into(), "enter".into()])]);
        let (map, warnings) = KeyMap::with_overrides(&overrides);
        assert!(
            warnings.iter().any(|w| w
                == "key map: `enter` is bound to both `open` and `edit` in dashboard; `open` wins"),
            "{warnings:?}"
        );
        assert_eq!(act(&map, Mode::Dashboard, "enter"), Some(Action::Open));
        assert_eq!(
            act(&map, Mode::Actor, "enter"),
            Some(Action::Edit),
            "no open there"
        );
    }

    #[test]
    fn a_quit_override_without_ctrl_c_still_leaves_on_ctrl_c() {
        let overrides = BTreeMap::from([("quit".to_string(), vec!["q".into()])]);
        let (map, warnings) = KeyMap::with_overrides(&overrides);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(act(&map, Mode::Dashboard, "ctrl-c"), Some(Action::Quit));
        assert_eq!(act(&map, Mode::Dialog, "ctrl-c"), Some(Action::Cancel));
    }

    #[test]
    fn a_printable_key_bound_where_text_is_typed_is_reported() {
        let overrides = BTreeMap::from([("find.cancel".to_string(), vec!["x".into()])]);
        let (_, warnings) = KeyMap::with_overrides(&overrides);
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("`x` for `cancel` in find is typed as text")),
            "{warnings:?}"
        );
    }

    #[test]
    fn keys_read_and_print_the_same() {
        for text in [
            "j",
            "G",
            "?",
            "ctrl-r",
            "shift-tab",
            "space",
            "alt-x",
            "pagedown",
        ] {
            assert_eq!(
                Key::parse(text).map(|k| k.to_string()).as_deref(),
                Some(text)
            );
        }
        assert_eq!(Key::parse("ctrl-R"), Key::parse("ctrl-r"));
        assert_eq!(Key::parse("hyper-k"), None);
    }
}
