//! Drawing: `render(&State, &mut Frame)` and the widgets. Reads state only.

pub mod edit_form;
pub mod forms;
pub mod safe;
