//! Who is editing: found from `--as`, the environment or git's config.

use std::path::Path;

pub use crate::model::Identity;

/// Who is editing, in the product's order: `explicit` (`--as`) >
/// `RECONVENE_AUTHOR` > `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` > the git config of
/// the repository at `repo_root` (and the user's global config). `Ok(None)`
/// when nothing is set; `Err` when something is set but refused.
pub fn resolve(
    explicit: Option<&str>,
    repo_root: Option<&Path>,
) -> Result<Option<Identity>, String> {
    // A config git cannot read is the same, for attribution, as no config.
    let config = match repo_root.map(git2::Repository::open) {
        Some(Ok(repo)) => repo.config().ok(),
        _ => git2::Config::open_default().ok(),
    };
    resolve_from(explicit, |name| std::env::var(name).ok(), config.as_ref())
}

/// [`resolve`] with the environment given as a lookup and git's config as a
/// value, so that the order can be tested without touching the process's
/// environment (tests run in parallel threads that share it) or the user's
/// global git config.
///
/// Each level that is set decides: a refused `RECONVENE_AUTHOR` is an error,
/// not a reason to fall through to git's config, because the user meant it.
pub fn resolve_from(
    explicit: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
    git_config: Option<&git2::Config>,
) -> Result<Option<Identity>, String> {
    if let Some(text) = explicit {
        return Identity::parse(text)
            .map(Some)
            .map_err(|reason| format!("--as: {reason}"));
    }
    if let Some(text) = env("RECONVENE_AUTHOR") {
        return Identity::parse(&text)
            .map(Some)
            .map_err(|reason| format!("RECONVENE_AUTHOR: {reason}"));
    }
    // git itself treats a half-set pair as unset for that half; we need both
    // to attribute a commit, so one alone falls through to the config.
    if let (Some(name), Some(email)) = (env("GIT_AUTHOR_NAME"), env("GIT_AUTHOR_EMAIL")) {
        return Identity::new(name.trim(), email.trim())
            .map(Some)
            .map_err(|reason| format!("GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL: {reason}"));
    }
    let Some(config) = git_config else {
        return Ok(None);
    };
    let name = config.get_string("user.name").ok();
    let email = config.get_string("user.email").ok();
    match (name, email) {
        (Some(name), Some(email)) => Identity::new(name.trim(), email.trim())
            .map(Some)
            .map_err(|reason| format!("git config user.name/user.email: {reason}")),
        _ => Ok(None),
    }
}
