//! Who is editing: a validated name and email for commit attribution.

use std::fmt;
use std::path::Path;

/// A coordinator's identity, safe to write into a commit header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The display name.
    pub name: String,
    /// The email address.
    pub email: String,
}

impl Identity {
    /// The tool's own identity, used only for the first import commit.
    pub fn tool() -> Identity {
        Identity {
            name: "reconvene".into(),
            email: "reconvene@localhost".into(),
        }
    }

    /// Parses and validates `Name <email>`: both parts non-empty, no control
    /// characters, no `<` or `>` inside them.
    pub fn parse(text: &str) -> Result<Identity, String> {
        let text = text.trim();
        // Checked before the parts are trimmed: "Name\n <email>" must be
        // refused, not quietly repaired.
        if text.chars().any(char::is_control) {
            return Err(format!(
                "{text:?} contains a control character (a newline?); refusing it"
            ));
        }
        let (name, rest) = text
            .split_once('<')
            .ok_or_else(|| format!("`{text}`: expected \"Name <email>\""))?;
        let email = rest
            .strip_suffix('>')
            .ok_or_else(|| format!("`{text}`: expected \"Name <email>\""))?;
        Identity::new(name.trim(), email.trim())
    }

    /// Validates a name and email given apart.
    pub fn new(name: &str, email: &str) -> Result<Identity, String> {
        for (what, value) in [("name", name), ("email", email)] {
            if value.is_empty() {
                return Err(format!("the {what} is empty"));
            }
            if value
                .chars()
                .any(|c| c.is_control() || c == '<' || c == '>')
            {
                return Err(format!(
                    "the {what} {value:?} contains a control character, `<` or `>`; refusing it"
                ));
            }
        }
        Ok(Identity {
            name: name.into(),
            email: email.into(),
        })
    }
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} <{}>", self.name, self.email)
    }
}

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
