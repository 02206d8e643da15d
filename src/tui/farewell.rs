//! What the TUI says again on the shell once its screen is gone.

/// Prints its lines on stderr when dropped. Declared before the terminal's
/// restore guard, it is dropped after it: the lines land on the restored
/// shell, not in the alternate screen that is about to vanish.
pub struct Farewell(pub Vec<String>);

impl Drop for Farewell {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        for line in &self.0 {
            eprintln!("{}", crate::ui::clean(line));
        }
    }
}
