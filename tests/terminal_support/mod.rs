//! A real terminal for the real binary: a private tmux server with one
//! 80×24 window running a shell, so tests type keys and read the screen the
//! way a coordinator over SSH would.

#![allow(dead_code)] // each test file uses its own part of this

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The shell's prompt (capture-pane drops trailing spaces, so none here).
pub const PROMPT: &str = "[ready]$";

/// One tmux server (its own socket) with one shell window.
pub struct Terminal {
    socket: String,
    _home: tempfile::TempDir,
}

fn tmux(socket: &str, args: &[&str]) -> Output {
    Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs (CI installs it)")
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
        let shell = format!("{exports} exec bash --norc --noprofile");
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
        let terminal = Terminal {
            socket,
            _home: home,
        };
        terminal.wait_for(PROMPT);
        terminal
    }

    /// Types `text` and presses Enter, as at a shell prompt.
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
        let _ = tmux(&self.socket, &["kill-server"]);
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
