//! Drawing: `render(&State, &mut Frame)` and the widgets. Reads state only.
