//! Running the real `reconvene` binary in a sandbox: a temporary home with
//! its own XDG folders and no git identity from the machine it runs on.

#![allow(dead_code)] // each test file uses its own part of this

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary home folder the binary sees as `$HOME`, `$XDG_DATA_HOME`
/// and `$XDG_CONFIG_HOME`.
pub struct Sandbox {
    pub root: tempfile::TempDir,
}

/// What a run of the binary left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            root: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.path().join(relative)
    }

    pub fn data_home(&self) -> PathBuf {
        self.path("data")
    }

    pub fn config_home(&self) -> PathBuf {
        self.path("config")
    }

    /// The binary with a cleared environment: nothing from the developer's
    /// machine (identity, RECONVENE_*, XDG folders) leaks into the test.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_reconvene"));
        command
            .args(args)
            .current_dir(self.root.path())
            .env_clear()
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1");
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_in(self.root.path(), args, env)
    }

    /// Runs the binary with `cwd` as its current folder.
    pub fn run_in(&self, cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = self.command(args);
        command.current_dir(cwd);
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().expect("the binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Whether the default dataset (in the sandbox's data folder) exists.
    pub fn default_dataset_exists(&self) -> bool {
        self.data_home().join("reconvene").exists()
    }

    /// `reconvene set ARGS... --as Ada --repo REPO`.
    pub fn set_as_ada(&self, repo: &Path, args: &[&str]) -> Run {
        let mut all = vec!["set"];
        all.extend_from_slice(args);
        all.extend([
            "--as",
            "Ada Lovelace <ada@example.org>",
            "--repo",
            arg(repo),
        ]);
        self.run(&all)
    }

    /// `reconvene init <root>/<name>`, which must succeed; returns the folder.
    pub fn init(&self, name: &str) -> PathBuf {
        let dir = self.path(name);
        let run = self.run(&["init", dir.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "init failed: {run:?}");
        dir
    }
}

/// `path` as a string argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The commits reachable from HEAD, newest first.
pub fn commits(repo_dir: &Path) -> Vec<(String, String, String)> {
    let repo = git2::Repository::open(repo_dir).expect("a git repository");
    let mut walk = repo.revwalk().expect("a revwalk");
    walk.push_head().expect("HEAD points at a commit");
    walk.map(|oid| {
        let commit = repo
            .find_commit(oid.expect("an oid"))
            .expect("the commit exists");
        let author = commit.author();
        (
            commit.id().to_string(),
            author.name().unwrap_or_default().to_string(),
            author.email().unwrap_or_default().to_string(),
        )
    })
    .collect()
}

/// Splits CSV text into records of fields (RFC 4180: quoted fields may hold
/// commas and doubled quotes).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    for line in text.lines() {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut field)),
                (c, _) => field.push(c),
            }
        }
        assert!(!quoted, "unterminated quote in {line:?}");
        fields.push(field);
        records.push(fields);
    }
    records
}

/// The number of actor files under `dataset_dir/actors`, at any depth.
pub fn actor_files(dataset_dir: &Path) -> usize {
    fn walk(dir: &Path) -> usize {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .map(|entry| entry.expect("a directory entry").path())
            .map(|path| {
                if path.is_dir() {
                    walk(&path)
                } else {
                    usize::from(path.extension().is_some_and(|e| e == "ron"))
                }
            })
            .sum()
    }
    walk(&dataset_dir.join("actors"))
}
