//! Keeping the repository packed. libgit2 writes every object loose and
//! never packs, so after each save, when git is installed and git's own
//! estimate says it is due, `git gc --auto` is started in the background:
//! detached, never waited on, never while another gc runs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

use git2::Repository;

/// Set while a gc this process started is running (the TUI saves many times).
static RUNNING: AtomicBool = AtomicBool::new(false);

/// git's default `gc.auto`: loose objects before a collection is due.
const DEFAULT_AUTO: i64 = 6700;

/// Starts `git gc --auto` when it is due. Errors are ignored: a repository
/// left loose is slower, never wrong, and the save has already happened.
pub(crate) fn start_if_due(repo: &Repository) {
    let git_dir = repo.commondir();
    if !due(repo, git_dir) || RUNNING.swap(true, Ordering::SeqCst) {
        return;
    }
    let mut command = Command::new("git");
    command
        .arg("gc")
        .arg("--auto")
        .arg("--quiet")
        .current_dir(git_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        // Its own process group: a Ctrl-C or hang-up aimed at the TUI does
        // not cut a collection short.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    match command.spawn() {
        Ok(mut child) => {
            // Reaped on a thread so the TUI leaves no zombie; a CLI process
            // simply exits and git carries on.
            std::thread::spawn(move || {
                let _ = child.wait();
                RUNNING.store(false, Ordering::SeqCst);
            });
        }
        Err(_) => RUNNING.store(false, Ordering::SeqCst),
    }
}

/// git's own estimate (`too_many_loose_objects`): more loose objects in
/// `objects/17` than `gc.auto / 256`, and no gc already running (`gc.pid`).
fn due(repo: &Repository, git_dir: &Path) -> bool {
    let auto = repo
        .config()
        .and_then(|config| config.get_i64("gc.auto"))
        .unwrap_or(DEFAULT_AUTO);
    if auto <= 0 || git_dir.join("gc.pid").exists() {
        return false;
    }
    let threshold = (auto + 255) / 256;
    let Ok(entries) = std::fs::read_dir(git_dir.join("objects").join("17")) else {
        return false;
    };
    let loose = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.len() == 38 && name.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .count();
    i64::try_from(loose).unwrap_or(i64::MAX) > threshold
}
