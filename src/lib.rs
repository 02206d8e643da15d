//! reconvene: track a working group's recommendations and who has acted on
//! them, in a git repository of RON files.
//!
//! `model` is the pure domain; `store` touches disk and git; `app` is the
//! TUI's state and update; `ui` draws it; `tui` runs it; `cli` holds the
//! headless commands.

pub mod app;
pub mod cli;
pub mod model;
pub mod report;
pub mod store;
pub mod tui;
pub mod ui;
