//! Named steps of a save, and a test-only way to die at one of them.
//!
//! The fault-injection tests run the real binary with `RECONVENE_FAULT` set
//! to a step's name and check that the next run finishes or undoes the save.
//! The variable is read only in debug builds: a release build never looks.
//!
//! `RECONVENE_FAULT=pause-<step>:<file>` instead holds the save at the step
//! (once): it creates `<file>` and waits until the test removes it, so that
//! a test can look at the repository as git would at that moment.

/// Every step a save can be interrupted at, in the order a save reaches them.
pub const STEPS: &[&str] = &[
    "before-intent",
    "after-intent",
    "index-ahead",
    "holding-ref-lock",
    "holding-empty-ref-lock",
    "after-ref",
    "after-work-file",
    "before-clear",
];

/// Aborts the process (as `kill -9` would: no destructor, no clean-up) when
/// the debug-only `RECONVENE_FAULT` names `step`.
#[cfg(debug_assertions)]
pub(crate) fn point(step: &str) {
    let Some(named) = std::env::var_os("RECONVENE_FAULT") else {
        return;
    };
    if named == step {
        std::process::abort();
    }
    if let Some((paused, flag)) = named
        .to_str()
        .and_then(|named| named.strip_prefix("pause-"))
        .and_then(|rest| rest.split_once(':'))
        && paused == step
    {
        pause(std::path::Path::new(flag));
    }
}

/// Holds the save (the first time only) until the test removes `flag`.
#[cfg(debug_assertions)]
fn pause(flag: &std::path::Path) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static PAUSED: AtomicBool = AtomicBool::new(false);
    if PAUSED.swap(true, Ordering::SeqCst) || std::fs::write(flag, "paused").is_err() {
        return;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while flag.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Whether the debug-only `RECONVENE_FAULT` names `step` (for a step that
/// must set something up before it dies, as libgit2 killed inside a branch
/// update leaves the branch's lock file).
#[cfg(debug_assertions)]
pub(crate) fn named(step: &str) -> bool {
    std::env::var_os("RECONVENE_FAULT").is_some_and(|named| named == step)
}

/// Release builds: never.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn named(_step: &str) -> bool {
    false
}

/// Whether the debug-only `RECONVENE_FAULT` asks the step `fail-<step>` to
/// fail as a full disk or a read-only file would (the tests of what a save
/// says when its commit landed but the rest could not be done).
#[cfg(debug_assertions)]
pub(crate) fn fails(step: &str) -> bool {
    std::env::var("RECONVENE_FAULT").is_ok_and(|named| named.strip_prefix("fail-") == Some(step))
}

/// Release builds: never.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn fails(_step: &str) -> bool {
    false
}

/// Release builds: nothing, whatever the environment says.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn point(_step: &str) {}
