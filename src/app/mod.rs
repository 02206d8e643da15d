//! The TUI's state, actions, key map and `update`. No IO.

pub mod actor_form;
pub mod edit_form;
pub mod identity_prompt;
pub mod input;
pub mod text;
