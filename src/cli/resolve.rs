//! Which dataset, which config, and who is editing — decided once, in the
//! product's order, before any command runs.
//!
//! Dataset: `--repo` > `RECONVENE_REPO` > the dataset of the git work tree
//! the current folder is in > the config's `dataset` > the user's data
//! folder (created from the shipped dataset on first run).
//! Identity: `--as` > `RECONVENE_AUTHOR` > the config's `author` >
//! `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` > git config. The config's author sits
//! above git's variables because it is reconvene's own setting: a coordinator
//! who wrote it there meant it for reconvene, whatever git says.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};

use super::args::GlobalArgs;
use crate::store::config::Config;
use crate::store::identity::{self, Identity};
use crate::store::{DatasetLocation, StoreError, init_repository};

/// The environment variables resolution reads, captured once (so tests can
/// build one without touching the process's environment). Empty values
/// count as unset.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `RECONVENE_REPO`: the dataset, when `--repo` is not given.
    pub repo: Option<PathBuf>,
    /// `RECONVENE_AUTHOR`: who is editing, when `--as` is not given.
    pub author: Option<OsString>,
    /// `RECONVENE_CONFIG`: a config file to read instead of the usual one.
    pub config: Option<PathBuf>,
    /// The current folder, where the search for a work tree starts (`None`
    /// when it is gone or unreadable: there is then no work tree to find).
    pub cwd: Option<PathBuf>,
    /// `GIT_CEILING_DIRECTORIES`: folders the search does not walk above,
    /// as git itself honours them.
    pub ceilings: Vec<PathBuf>,
}

impl Env {
    /// Reads the variables from the process's environment.
    pub fn from_process() -> Env {
        let var = |name| std::env::var_os(name).filter(|value| !value.is_empty());
        Env {
            repo: var("RECONVENE_REPO").map(PathBuf::from),
            author: var("RECONVENE_AUTHOR"),
            config: var("RECONVENE_CONFIG").map(PathBuf::from),
            cwd: std::env::current_dir().ok(),
            ceilings: var("GIT_CEILING_DIRECTORIES")
                .map(|list| std::env::split_paths(&list).collect())
                .unwrap_or_default(),
        }
    }
}

/// Loads the config: `RECONVENE_CONFIG` (which must exist) or `config.ron` in
/// the platform's config folder (defaults when absent).
pub fn config(env: &Env) -> anyhow::Result<Config> {
    let loaded = match &env.config {
        Some(path) => Config::load(path, true),
        None => match Config::default_path() {
            Some(path) => Config::load(&path, false),
            None => Ok(Config::default()),
        },
    };
    loaded.context("reading the config")
}

/// Where the dataset to open was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatasetChoice {
    /// `--repo DIR`.
    Flag(PathBuf),
    /// `RECONVENE_REPO`.
    Environment(PathBuf),
    /// The dataset of the git work tree the current folder is in.
    WorkTree(DatasetLocation),
    /// The config's `dataset`.
    Config(PathBuf),
    /// The user's data folder (`<data dir>/dataset`), created when missing.
    Default(PathBuf),
}

impl fmt::Display for DatasetChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DatasetChoice::Flag(_) => "--repo",
            DatasetChoice::Environment(_) => "RECONVENE_REPO",
            DatasetChoice::WorkTree(_) => "the current folder's git work tree",
            DatasetChoice::Config(_) => "the config's dataset",
            DatasetChoice::Default(_) => "the default dataset",
        })
    }
}

/// The default dataset folder: `dataset` in the platform's data folder for
/// reconvene (`$XDG_DATA_HOME/reconvene/dataset` on Linux).
pub fn default_dataset_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "reconvene").map(|dirs| dirs.data_dir().join("dataset"))
}

/// Picks the dataset in the product's order. `default` is the data-folder
/// dataset ([`default_dataset_dir`]); an error when it is needed and unknown.
/// The work tree is searched only when neither `--repo` nor
/// `RECONVENE_REPO` names the dataset.
pub fn choose_dataset(
    flag: Option<&Path>,
    env: &Env,
    config: &Config,
    default: Option<PathBuf>,
) -> anyhow::Result<DatasetChoice> {
    if let Some(path) = flag {
        return Ok(DatasetChoice::Flag(path.to_path_buf()));
    }
    if let Some(path) = &env.repo {
        return Ok(DatasetChoice::Environment(path.clone()));
    }
    if let Some(cwd) = &env.cwd
        && let Some(location) = DatasetLocation::discover(cwd, &env.ceilings)
            .with_context(|| format!("the git work tree around {}", cwd.display()))?
    {
        return Ok(DatasetChoice::WorkTree(location));
    }
    if let Some(path) = &config.dataset {
        return Ok(DatasetChoice::Config(path.clone()));
    }
    match default {
        Some(path) => Ok(DatasetChoice::Default(path)),
        None => bail!("no home folder to keep the default dataset in; pass --repo DIR"),
    }
}

/// A dataset found on disk, with the notice to show if it was just created.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The repository and dataset folder.
    pub location: DatasetLocation,
    /// "Created the shipped dataset at ..." on first run.
    pub notice: Option<String>,
}

/// Finds the chosen dataset; the default one is created from the shipped
/// dataset when it does not exist yet (its commit authored by the tool).
pub fn open(choice: &DatasetChoice) -> anyhow::Result<Opened> {
    let (path, notice) = match choice {
        DatasetChoice::WorkTree(location) => {
            return Ok(Opened {
                location: location.clone(),
                notice: None,
            });
        }
        DatasetChoice::Default(dir) => (dir.as_path(), create_default(dir)?),
        DatasetChoice::Flag(path)
        | DatasetChoice::Environment(path)
        | DatasetChoice::Config(path) => (path.as_path(), None),
    };
    let location = DatasetLocation::find(path).with_context(|| choice.to_string())?;
    Ok(Opened { location, notice })
}

/// Creates the default dataset when its folder is missing or empty; the
/// notice says where it went.
fn create_default(dir: &Path) -> anyhow::Result<Option<String>> {
    let missing_or_empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => true,
        Err(error) => return Err(anyhow!("{}: {error}", dir.display())),
    };
    if !missing_or_empty {
        return Ok(None);
    }
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    match init_repository(dir, false, &Identity::tool()) {
        Ok(_) => Ok(Some(format!(
            "Created the shipped dataset at {} (a git repository)",
            dir.display()
        ))),
        // Another reconvene started at the same moment and created it first.
        Err(StoreError::NotEmpty(_)) => Ok(None),
        Err(error) => Err(error).context("creating the default dataset"),
    }
}

/// The dataset for a headless command, its first-run notice printed to stderr.
pub fn open_headless(global: &GlobalArgs, env: &Env) -> anyhow::Result<Opened> {
    let config = config(env)?;
    let choice = choose_dataset(global.repo.as_deref(), env, &config, default_dataset_dir())?;
    let opened = open(&choice)?;
    if let Some(notice) = &opened.notice {
        eprintln!("{notice}");
    }
    Ok(opened)
}

/// The identity to try first, and where it came from: `--as`, then
/// `RECONVENE_AUTHOR`, then the config's `author`. `None` leaves the choice
/// to git's variables and config.
pub fn explicit_author(
    flag: Option<&str>,
    env: &Env,
    config: &Config,
) -> anyhow::Result<Option<(String, &'static str)>> {
    if let Some(text) = flag {
        return Ok(Some((text.to_string(), "--as")));
    }
    if let Some(value) = &env.author {
        let text = value
            .to_str()
            .ok_or_else(|| anyhow!("RECONVENE_AUTHOR is not valid UTF-8"))?;
        return Ok(Some((text.to_string(), "RECONVENE_AUTHOR")));
    }
    Ok(config
        .author
        .as_ref()
        .map(|text| (text.clone(), "the config's author")))
}

/// Who is editing. `Ok(None)` when nothing names anyone (the TUI asks);
/// an error, with where the refused identity came from, when one is set but
/// refused (a control character, `<` or `>`).
pub fn identity(
    flag: Option<&str>,
    env: &Env,
    config: &Config,
    repo_root: &Path,
) -> anyhow::Result<Option<Identity>> {
    match explicit_author(flag, env, config)? {
        // Parsed here, not by `identity::resolve`, which names its first
        // argument `--as` whatever it came from.
        Some((text, source)) => Identity::parse(&text)
            .map(Some)
            .map_err(|reason| anyhow!("{source}: {reason}")),
        None => identity::resolve(None, Some(repo_root))
            .map_err(|reason| anyhow!("who is editing: {reason}")),
    }
}

/// The dataset and identity for a command that commits: refuses (exit 2)
/// when nobody is named, since nothing is ever committed anonymously.
pub fn open_for_editing(global: &GlobalArgs, env: &Env) -> anyhow::Result<(Opened, Identity)> {
    let config = config(env)?;
    let choice = choose_dataset(global.repo.as_deref(), env, &config, default_dataset_dir())?;
    let opened = open(&choice)?;
    if let Some(notice) = &opened.notice {
        eprintln!("{notice}");
    }
    let who = identity(
        global.author.as_deref(),
        env,
        &config,
        &opened.location.repo_root,
    )?
    .ok_or_else(|| {
        anyhow!(
            "nobody to commit as: pass --as \"Name <email>\", set RECONVENE_AUTHOR, \
                 or set user.name and user.email in git config"
        )
    })?;
    Ok((opened, who))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_with(dataset: Option<&str>, author: Option<&str>) -> Config {
        Config {
            dataset: dataset.map(PathBuf::from),
            author: author.map(String::from),
            ..Config::default()
        }
    }

    #[test]
    fn the_flag_beats_the_environment_beats_the_config_beats_the_default() {
        let env = Env {
            repo: Some("/from-env".into()),
            ..Env::default()
        };
        let config = config_with(Some("/from-config"), None);
        let default = Some(PathBuf::from("/default"));
        let pick = |flag: Option<&str>, env: &Env, config: &Config| {
            choose_dataset(flag.map(Path::new), env, config, default.clone()).expect("a choice")
        };
        assert_eq!(
            pick(Some("/flag"), &env, &config),
            DatasetChoice::Flag("/flag".into())
        );
        assert_eq!(
            pick(None, &env, &config),
            DatasetChoice::Environment("/from-env".into())
        );
        assert_eq!(
            pick(None, &Env::default(), &config),
            DatasetChoice::Config("/from-config".into())
        );
        assert_eq!(
            pick(None, &Env::default(), &Config::default()),
            DatasetChoice::Default("/default".into())
        );
    }

    #[test]
    fn without_a_home_folder_the_default_cannot_be_used() {
        let error = choose_dataset(None, &Env::default(), &Config::default(), None)
            .expect_err("nowhere to put it");
        assert!(error.to_string().contains("--repo"));
    }

    #[test]
    fn as_beats_reconvene_author_beats_the_config() {
        let env = Env {
            author: Some("Env <env@x>".into()),
            ..Env::default()
        };
        let config = config_with(None, Some("Config <config@x>"));
        let chosen = |flag: Option<&str>, env: &Env, config: &Config| {
            explicit_author(flag, env, config).expect("utf-8")
        };
        assert_eq!(
            chosen(Some("Flag <flag@x>"), &env, &config),
            Some(("Flag <flag@x>".into(), "--as"))
        );
        assert_eq!(
            chosen(None, &env, &config),
            Some(("Env <env@x>".into(), "RECONVENE_AUTHOR"))
        );
        assert_eq!(
            chosen(None, &Env::default(), &config),
            Some(("Config <config@x>".into(), "the config's author"))
        );
        assert_eq!(chosen(None, &Env::default(), &Config::default()), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_reconvene_author_that_is_not_utf8_is_refused() {
        use std::os::unix::ffi::OsStringExt;
        let env = Env {
            author: Some(OsString::from_vec(vec![b'A', 0xff])),
            ..Env::default()
        };
        let error = explicit_author(None, &env, &Config::default()).expect_err("refused");
        assert!(error.to_string().contains("RECONVENE_AUTHOR"));
    }
}
