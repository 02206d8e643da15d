//! The last-change sort's clock: when each actor's file last changed in the
//! record, read through the history index of a real repository whose
//! commits are made here with the real git at fixed dates.

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::Sandbox;
use reconvene::store::DatasetLocation;
use reconvene::store::history::History;

/// Appends a comment to `file` and commits it with git at `date` (UTC noon).
fn touch(root: &Path, file: &str, date: &str) {
    let path = root.join(file);
    let mut text = std::fs::read_to_string(&path).expect("the actor file");
    text.push_str(&format!("// checked {date}\n"));
    std::fs::write(&path, text).expect("written");
    let stamp = format!("{date}T12:00:00+00:00");
    for args in [&["add", "-A"][..], &["commit", "-q", "-m", "checked"]] {
        let output = Command::new("git")
            .args(args)
            .current_dir(root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", root.join(".no-home"))
            .env("GIT_AUTHOR_NAME", "Ada")
            .env("GIT_AUTHOR_EMAIL", "ada@example.org")
            .env("GIT_COMMITTER_NAME", "Ada")
            .env("GIT_COMMITTER_EMAIL", "ada@example.org")
            .env("GIT_AUTHOR_DATE", &stamp)
            .env("GIT_COMMITTER_DATE", &stamp)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {output:?}");
    }
}

fn seconds(date: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(&format!("{date}T12:00:00+00:00"))
        .expect("a date")
        .timestamp()
}

#[test]
fn each_actor_counts_from_the_newest_commit_that_touched_its_file() {
    let sandbox = Sandbox::new();
    let root = sandbox.init("paris-call");
    touch(&root, "actors/f/finland.ron", "2031-01-01");
    touch(&root, "actors/u/united-states.ron", "2031-06-01");
    touch(&root, "actors/f/finland.ron", "2032-01-01");
    let location = DatasetLocation {
        repo_root: root.clone(),
        dataset_dir: root.clone(),
    };
    let history = History::open(&location).expect("a repository");
    let touched = history.last_touches(&mut |_| {}).expect("read");
    assert_eq!(touched.get("finland"), Some(&seconds("2032-01-01")));
    assert_eq!(touched.get("united-states"), Some(&seconds("2031-06-01")));
    // The import commit (made now, by `init`) stands for the rest.
    assert!(touched.contains_key("austria"));
    assert_eq!(
        touched.len(),
        reconvene::store::load_dataset(&root)
            .expect("loads")
            .actors
            .len()
    );
}
