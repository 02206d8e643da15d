//! The TUI's state, actions, key map and `update`. No IO.
