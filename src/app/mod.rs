//! The TUI's state, actions, key map and `update`. No IO.

pub mod edit_form;
pub mod input;
pub mod text;
