//! Who holds one of git's lock files, as far as this user can see: a process
//! with it open, or a git command running in the same repository. Git's
//! lock files carry no process id, so `/proc` is the only witness; where
//! there is none (not Linux) the advice stays general.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A sentence for the user: who holds the lock at `path`, or why it looks
/// stale, and what to do. Never deletes anything.
pub(crate) fn describe(path: &Path) -> String {
    let remove = format!("remove it (`rm {}`) and try again", path.display());
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return format!("If no git command is running, a crashed one left it: {remove}");
    };
    let pids: Vec<u32> = processes
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
        .filter(|pid| *pid != std::process::id())
        .collect();
    if let Some(pid) = pids.iter().find(|pid| has_open(**pid, path)) {
        return format!(
            "it is held by a running process ({}); wait for it to finish and try again",
            process(*pid)
        );
    }
    let work_tree = work_tree_of(path);
    let made = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    // A git command that started after the lock was made cannot hold it.
    let started_in_time = |pid: &u32| match (made, started(*pid)) {
        (Some(made), Some(started)) => started <= made + std::time::Duration::from_secs(1),
        _ => true,
    };
    let git_here = pids.iter().find(|pid| {
        let is_git = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .is_ok_and(|comm| comm.trim() == "git");
        is_git
            && started_in_time(pid)
            && std::fs::read_link(format!("/proc/{pid}/cwd"))
                .is_ok_and(|cwd| cwd.starts_with(&work_tree))
    });
    if let Some(pid) = git_here {
        return format!(
            "a git command is running in this repository ({}) and probably holds it; \
             wait for it to finish and try again",
            process(*pid)
        );
    }
    let age = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .map(|d| format!(" {} ago", human(d.as_secs())))
        .unwrap_or_default();
    format!(
        "it looks stale: no process of yours has it open and no git command is running \
         in this repository, so a git command that crashed left it{age}; {remove}"
    )
}

/// When a process started: `/proc/PID/stat`'s start time (clock ticks
/// after boot; Linux reports them at 100 a second to user space) plus the
/// boot time from `/proc/stat`.
fn started(pid: u32) -> Option<SystemTime> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after it do not.
    let after_name = stat.rsplit_once(')')?.1;
    let ticks: u64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let boot: u64 = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    let seconds = boot + ticks / 100;
    Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
}

fn has_open(pid: u32, path: &Path) -> bool {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.flatten()
        .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == path))
}

/// "pid 4242: git commit -a", printable and short.
fn process(pid: u32) -> String {
    let command = std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|bytes| {
            bytes
                .split(|b| *b == 0)
                .filter(|part| !part.is_empty())
                .map(|part| String::from_utf8_lossy(part).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let command: String = command
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(60)
        .collect();
    if command.is_empty() {
        format!("pid {pid}")
    } else {
        format!("pid {pid}: {command}")
    }
}

/// The folder a git command working on this repository would run in: the
/// parent of the `.git` folder the lock is in.
fn work_tree_of(lock: &Path) -> PathBuf {
    lock.ancestors()
        .find(|folder| folder.file_name().is_some_and(|name| name == ".git"))
        .and_then(Path::parent)
        .or_else(|| lock.parent())
        .unwrap_or(lock)
        .to_path_buf()
}

fn human(seconds: u64) -> String {
    match seconds {
        0..=119 => format!("{seconds} s"),
        120..=7199 => format!("{} min", seconds / 60),
        _ => format!("{} h", seconds / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_nobody_holds_is_called_stale_with_how_to_remove_it() {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path().join(".git");
        std::fs::create_dir(&git).unwrap();
        let lock = git.join("index.lock");
        std::fs::write(&lock, "").unwrap();
        let said = describe(&lock);
        assert!(said.contains("looks stale"), "{said}");
        assert!(said.contains(&format!("`rm {}`", lock.display())), "{said}");
    }

    #[test]
    fn a_process_start_time_is_read_from_proc() {
        if !Path::new("/proc/self/stat").exists() {
            return;
        }
        let started = started(std::process::id()).unwrap();
        let age = SystemTime::now().duration_since(started).unwrap();
        // This test process began within the last hour, not at boot.
        assert!(age.as_secs() < 3600, "{age:?}");
    }

    #[test]
    fn a_lock_a_live_process_has_open_names_that_process() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("index.lock");
        std::fs::write(&lock, "").unwrap();
        let mut holder = std::process::Command::new("sh")
            .arg("-c")
            .arg("exec 3<\"$0\"; sleep 30")
            .arg(&lock)
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut said = describe(&lock);
        while !said.contains("held by a running process") && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
            said = describe(&lock);
        }
        holder.kill().unwrap();
        holder.wait().unwrap();
        assert!(said.contains(&format!("pid {}", holder.id())), "{said}");
        assert!(!said.contains("rm "), "{said}");
    }
}
