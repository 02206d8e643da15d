//! The user's settings: `config.ron` in the platform's config folder.
//!
//! Every field is optional; a missing file means the defaults. A file that is
//! there but broken is an error naming its path, line and column, never
//! silently ignored: a coordinator who set `author` must not end up
//! committing as someone else because of a typo.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::store::{Problem, parse_file};

/// The largest config file read; anything bigger is a mistake, not settings.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The settings a user may keep in `config.ron`.
///
/// ```ron
/// (
///     dataset: "/srv/paris-call/dataset",
///     author: "Ada Lovelace <ada@example.org>",
///     theme: "dark",
///     keys: { "quit": ["q", "ctrl-c"] },
///     mouse: false,
/// )
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The dataset to open when neither `--repo` nor `RECONVENE_REPO` is given.
    /// A relative path is taken from the config file's folder.
    pub dataset: Option<PathBuf>,
    /// Who is editing, as "Name <email>": used after `--as` and
    /// `RECONVENE_AUTHOR`, before `GIT_AUTHOR_*` and git's own config.
    pub author: Option<String>,
    /// The colour theme's name.
    pub theme: Option<String>,
    /// Key map overrides: action name -> keys ("ctrl-e", "j", "down").
    pub keys: BTreeMap<String, Vec<String>>,
    /// Whether the TUI takes the mouse (wheel, click, double-click); on
    /// when absent. `mouse: false` leaves the mouse to the terminal, for
    /// its own selection and copy.
    pub mouse: Option<bool>,
}

/// Why the config file could not be used (exit code 2 at the CLI).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The config file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file is larger than any plausible config.
    #[error("{0}: larger than {MAX_CONFIG_BYTES} bytes; not a config file")]
    TooLarge(PathBuf),
    /// The file does not parse as a config (the path is the full file path).
    #[error("{0}")]
    Invalid(Problem),
}

impl Config {
    /// Where the config lives by default: `config.ron` in the platform's
    /// config folder for reconvene (`$XDG_CONFIG_HOME/reconvene` on Linux).
    /// `None` when the platform gives no home folder.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "reconvene")
            .map(|dirs| dirs.config_dir().join("config.ron"))
    }

    /// Loads the config at `path`. A missing file gives the defaults when
    /// `required` is false (the usual place, not yet written) and an error
    /// when it is true (a path the user named explicitly).
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        let io_error = |source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(Config::default());
            }
            Err(error) => return Err(io_error(error)),
        };
        let mut bytes = Vec::new();
        file.take(MAX_CONFIG_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(ConfigError::TooLarge(path.to_path_buf()));
        }
        Config::parse(path, &bytes)
    }

    /// Parses config text; `path` names the file in errors and anchors a
    /// relative `dataset` path.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let mut config: Config = parse_file(&shown, bytes).map_err(|problems| {
            // parse_file reports exactly one problem per file; keep the first.
            let problem = problems.0.into_iter().next().unwrap_or(Problem {
                path: shown.clone(),
                line: 1,
                column: 1,
                message: "not a valid config".into(),
            });
            ConfigError::Invalid(problem)
        })?;
        if let Some(dataset) = &config.dataset
            && dataset.is_relative()
            && let Some(folder) = path.parent()
        {
            config.dataset = Some(folder.join(dataset));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_read_and_a_relative_dataset_is_taken_from_the_config_folder() {
        let text = br#"(
    dataset: "work/dataset",
    author: "Ada Lovelace <ada@example.org>",
    theme: "dark",
    keys: { "quit": ["q", "ctrl-c"] },
)"#;
        let config = Config::parse(Path::new("/home/ada/.config/reconvene/config.ron"), text)
            .expect("a valid config");
        assert_eq!(
            config.dataset,
            Some(PathBuf::from("/home/ada/.config/reconvene/work/dataset"))
        );
        assert_eq!(
            config.author.as_deref(),
            Some("Ada Lovelace <ada@example.org>")
        );
        assert_eq!(config.theme.as_deref(), Some("dark"));
        assert_eq!(config.keys["quit"], vec!["q".to_string(), "ctrl-c".into()]);
    }

    #[test]
    fn mouse_is_on_unless_the_config_turns_it_off() {
        let read = |text: &[u8]| Config::parse(Path::new("c.ron"), text).expect("valid");
        assert_eq!(read(b"()").mouse, None, "absent: the dashboard takes it");
        assert_eq!(read(b"(mouse: false)").mouse, Some(false));
        let error = Config::parse(Path::new("c.ron"), b"(mouse: \"no\")")
            .expect_err("a word is not a yes or no");
        assert!(error.to_string().starts_with("c.ron:1:"), "{error}");
    }

    #[test]
    fn an_empty_config_is_the_defaults() {
        let config = Config::parse(Path::new("c.ron"), b"()").expect("valid");
        assert_eq!(config, Config::default());
    }

    #[test]
    fn a_misspelt_field_is_reported_with_path_line_and_column() {
        let text = b"(\n    autor: \"Ada <ada@example.org>\",\n)\n";
        let error = Config::parse(Path::new("/cfg/config.ron"), text)
            .expect_err("unknown field must be refused");
        let shown = error.to_string();
        assert!(shown.starts_with("/cfg/config.ron:2:"), "{shown}");
        assert!(shown.contains("autor"), "{shown}");
    }

    #[test]
    fn a_missing_file_is_the_defaults_unless_it_was_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.ron");
        assert_eq!(
            Config::load(&path, false).expect("defaults"),
            Config::default()
        );
        let error = Config::load(&path, true).expect_err("named file must exist");
        assert!(error.to_string().starts_with(&path.display().to_string()));
    }
}
