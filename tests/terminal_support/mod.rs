//! A real terminal for the real binary: a private tmux server with one
//! 80×24 window running a shell, so tests type keys and read the screen the
//! way a coordinator over SSH would.

#![allow(dead_code)] // each test file uses its own part of this

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Whether tmux is missing, saying so on stderr as the reason the current
/// test is skipped. Tests that need a real terminal start with
/// `if skip_without_tmux() { return; }`: on a machine without tmux
/// they pass with that line in the output instead of failing with a
/// mystery (CI installs tmux, so they always run there).
pub fn skip_without_tmux() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        // The test harness names each test's thread after the test.
        let current = std::thread::current();
        let test = current.name().unwrap_or("this test");
        // Straight to the process's stderr: the harness hides what
        // `eprintln!` prints in a test that passes.
        let _ = writeln!(
            std::io::stderr().lock(),
            "skipped {test}: tmux is not installed, and this test runs the real binary \
             in a terminal that tmux provides (install tmux to run it)"
        );
    }
    !found
}

/// The shell's prompt (capture-pane drops trailing spaces, so none here).
pub const PROMPT: &str = "[ready]$";

/// One tmux server (its own socket) with one shell window.
pub struct Terminal {
    socket: String,
    /// The socket's file, which tmux leaves behind when its server is
    /// killed; removed in `Drop` so a test run leaves nothing in /tmp.
    socket_path: Option<std::path::PathBuf>,
    _home: tempfile::TempDir,
}

fn tmux(socket: &str, args: &[&str]) -> Output {
    Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs (call skip_without_tmux first: it says why a test is skipped)")
}

impl Terminal {
    /// Starts `bash` in an 80×24 window with a sandboxed home and no git
    /// identity from the machine; `env` adds variables for the shell.
    pub fn start(name: &str, env: &[(&str, &str)]) -> Terminal {
        let home = tempfile::tempdir().expect("a temporary home");
        let socket = format!("reconvene-test-{name}-{}", std::process::id());
        let mut exports = format!(
            "export HOME={h} XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config \
             GIT_CONFIG_NOSYSTEM=1 TERM=xterm-256color PS1='[ready]$ '; unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL RECONVENE_AUTHOR RECONVENE_REPO; ",
            h = home.path().display()
        );
        for (key, value) in env {
            exports.push_str(&format!("export {key}='{value}'; "));
        }
        // Start in the sandboxed home, not in this source repository: a bare
        // `reconvene` there would open `data/` (the dataset of the work tree
        // it runs in) and an edit would commit to the project.
        let shell = format!(
            "{exports} cd {} && exec bash --norc --noprofile",
            quoted(home.path())
        );
        let started = tmux(
            &socket,
            &[
                "new-session",
                "-d",
                "-x",
                "80",
                "-y",
                "24",
                "-s",
                "main",
                "bash",
                "--norc",
                "--noprofile",
                "-c",
                &shell,
            ],
        );
        assert!(
            started.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&started.stderr)
        );
        let socket_path = tmux(
            &socket,
            &["display-message", "-p", "-t", "main", "#{socket_path}"],
        );
        let socket_path = String::from_utf8_lossy(&socket_path.stdout)
            .trim()
            .to_string();
        let terminal = Terminal {
            socket,
            socket_path: (!socket_path.is_empty()).then(|| socket_path.into()),
            _home: home,
        };
        terminal.wait_for(PROMPT);
        terminal
    }

    /// The sandboxed home the shell sees as `$HOME` (its data folder is
    /// `data`, its config folder `config`).
    pub fn home(&self) -> &Path {
        self._home.path()
    }

    /// Types `text` and presses Enter, as at a shell prompt.
    /// `reconvene init DIR` in the window's shell; returns once it is done
    /// and the screen is clear again.
    pub fn init(&self, dir: &Path) {
        self.run(&format!(
            "{} init {} >/dev/null && clear && echo initialised",
            binary(),
            quoted(dir)
        ));
        self.wait_for("initialised");
    }

    /// Opens the dashboard on `repo` as `who` ("Name <email>") from the
    /// window's shell, and waits for its first frame.
    pub fn open_dashboard(&self, repo: &Path, who: &str) -> String {
        self.run(&format!(
            "clear; {} --repo {} --as '{who}'",
            binary(),
            quoted(repo)
        ));
        self.wait_for("overall progress")
    }

    pub fn run(&self, text: &str) {
        tmux(&self.socket, &["send-keys", "-t", "main", "-l", text]);
        tmux(&self.socket, &["send-keys", "-t", "main", "Enter"]);
    }

    /// Presses keys by tmux name (`j`, `Enter`, `Escape`, `Tab`, `C-c`).
    pub fn press(&self, keys: &[&str]) {
        for key in keys {
            tmux(&self.socket, &["send-keys", "-t", "main", key]);
        }
    }

    /// Types literal text (into a form field).
    pub fn type_text(&self, text: &str) {
        tmux(&self.socket, &["send-keys", "-t", "main", "-l", text]);
    }

    /// Copies all the window's program writes to the terminal from now on
    /// (escape sequences and all, before tmux reads them) to `file`.
    pub fn record_output(&self, file: &Path) {
        let command = format!("cat >> {}", quoted(file));
        tmux(&self.socket, &["pipe-pane", "-o", "-t", "main", &command]);
    }

    /// What the user sees now.
    pub fn screen(&self) -> String {
        let output = tmux(&self.socket, &["capture-pane", "-p", "-t", "main"]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// What the user sees now, with the escape sequences that style it.
    pub fn styled_screen(&self) -> String {
        let output = tmux(&self.socket, &["capture-pane", "-p", "-e", "-t", "main"]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Resizes the window, as a user dragging a terminal or splitting a pane.
    pub fn resize(&self, width: u16, height: u16) {
        let (width, height) = (width.to_string(), height.to_string());
        tmux(
            &self.socket,
            &["resize-window", "-t", "main", "-x", &width, "-y", &height],
        );
    }

    /// Waits until the screen shows `text` and returns it; fails the test
    /// with the screen after 20 s (a loaded CI machine is slow, never this slow).
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("the screen never showed {text:?}; it shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `settled` holds of the screen and returns it; fails the
    /// test with `what` and the last screen after 20 s. For a state reached
    /// through several frames (a resize), where one capture may fall
    /// between them.
    pub fn wait_until(&self, what: &str, settled: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if settled(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("the screen never showed {what}; it shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGHUP to the window's process (what sshd does when the link
    /// drops) and fails the test unless it is gone within 5 s.
    pub fn hang_up(&self) {
        let pid = self.pane_pid();
        let sent = Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -HUP {pid}");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Path::new(&format!("/proc/{pid}")).exists() {
            assert!(Instant::now() < deadline, "still running 5 s after SIGHUP");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format about the window, e.g. `#{alternate_on}` (1 while a
    /// program holds the alternate screen), `#{cursor_flag}` (1 when the
    /// cursor is shown), `#{pane_tty}`.
    pub fn pane(&self, format: &str) -> String {
        let output = tmux(
            &self.socket,
            &["display-message", "-p", "-t", "main", format],
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// The process id of whatever runs in the window's foreground now.
    pub fn pane_pid(&self) -> u32 {
        let output = tmux(
            &self.socket,
            &["display-message", "-p", "-t", "main", "#{pane_pid}"],
        );
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .expect("a pid")
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The binary's path, quoted for the shell.
pub fn binary() -> String {
    format!("'{}'", env!("CARGO_BIN_EXE_reconvene"))
}

/// A path quoted for the shell.
pub fn quoted(path: &Path) -> String {
    format!("'{}'", path.display())
}

/// An executable `$EDITOR` named `name` in `folder` that runs `body` (sh),
/// for the tests that hand a note to the user's editor; returns its path.
pub fn editor_script(folder: &Path, name: &str, body: &str) -> String {
    let editor = folder.join(name);
    std::fs::write(&editor, format!("#!/bin/sh\n{body}")).expect("the editor script");
    let made_executable = Command::new("chmod").arg("+x").arg(&editor).status();
    assert!(made_executable.is_ok_and(|s| s.success()));
    editor.display().to_string()
}
