//! Who is editing: the order of the sources, and the refusals.

use std::collections::HashMap;

use reconvene::store::identity::{Identity, resolve, resolve_from};

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |key| map.get(key).cloned()
}

/// A git config holding only what the test puts in it (not the user's own).
fn config(name: Option<&str>, email: Option<&str>) -> (tempfile::TempDir, git2::Config) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = git2::Config::open(&dir.path().join("config")).unwrap();
    if let Some(name) = name {
        config.set_str("user.name", name).unwrap();
    }
    if let Some(email) = email {
        config.set_str("user.email", email).unwrap();
    }
    (dir, config)
}

fn who(text: &str) -> Option<Identity> {
    Some(Identity::parse(text).unwrap())
}

#[test]
fn each_source_wins_over_the_ones_after_it() {
    let (_dir, git) = config(Some("Git User"), Some("git@example.org"));
    let everything = env(&[
        ("RECONVENE_AUTHOR", "Env Author <env@example.org>"),
        ("GIT_AUTHOR_NAME", "Git Env"),
        ("GIT_AUTHOR_EMAIL", "gitenv@example.org"),
    ]);
    assert_eq!(
        resolve_from(
            Some("Flag User <flag@example.org>"),
            &everything,
            Some(&git)
        ),
        Ok(who("Flag User <flag@example.org>"))
    );
    assert_eq!(
        resolve_from(None, &everything, Some(&git)),
        Ok(who("Env Author <env@example.org>"))
    );
    let git_env = env(&[
        ("GIT_AUTHOR_NAME", "Git Env"),
        ("GIT_AUTHOR_EMAIL", "gitenv@example.org"),
    ]);
    assert_eq!(
        resolve_from(None, &git_env, Some(&git)),
        Ok(who("Git Env <gitenv@example.org>"))
    );
    // GIT_AUTHOR_NAME alone is not an identity: the config decides.
    let half = env(&[("GIT_AUTHOR_NAME", "Git Env")]);
    assert_eq!(
        resolve_from(None, &half, Some(&git)),
        Ok(who("Git User <git@example.org>"))
    );
}

#[test]
fn nothing_set_is_no_identity_never_a_default() {
    let (_dir, empty) = config(None, None);
    assert_eq!(resolve_from(None, env(&[]), Some(&empty)), Ok(None));
    assert_eq!(resolve_from(None, env(&[]), None), Ok(None));
    let (_dir2, name_only) = config(Some("Git User"), None);
    assert_eq!(resolve_from(None, env(&[]), Some(&name_only)), Ok(None));
}

#[test]
fn unsafe_or_empty_identities_are_refused_at_every_level() {
    let (_dir, git) = config(Some("Git User"), Some("git@example.org"));
    for bad in [
        "Mallory\n <m@example.org>",
        "Mallory <m@example.org>\ncommitter x",
        "Mal<lory <m@example.org>",
        "Mallory <m>x@example.org>",
        "Mal\u{1b}[31mlory <m@example.org>",
        "<m@example.org>",
        "Mallory <>",
        "",
        "Mallory",
    ] {
        let flag = resolve_from(Some(bad), env(&[]), Some(&git));
        assert!(
            flag.as_ref().is_err_and(|e| e.starts_with("--as: ")),
            "{bad:?}: {flag:?}"
        );
        let from_env = resolve_from(None, env(&[("RECONVENE_AUTHOR", bad)]), Some(&git));
        assert!(
            from_env
                .as_ref()
                .is_err_and(|e| e.starts_with("RECONVENE_AUTHOR: ")),
            "{bad:?}: {from_env:?}"
        );
    }
    let git_env = env(&[
        ("GIT_AUTHOR_NAME", "E\rve"),
        ("GIT_AUTHOR_EMAIL", "eve@example.org"),
    ]);
    assert!(resolve_from(None, git_env, Some(&git)).is_err());
    let (_dir2, bad_config) = config(Some("Eve <evil>"), Some("eve@example.org"));
    assert_eq!(
        resolve_from(None, env(&[]), Some(&bad_config)),
        Err("git config user.name/user.email: the name \"Eve <evil>\" contains a control character, `<` or `>`; refusing it".to_string())
    );
}

#[test]
fn resolve_reads_the_repositorys_own_config() {
    let dir = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(dir.path()).unwrap();
    let mut config = repo.config().unwrap();
    config.set_str("user.name", "Repo Local").unwrap();
    config.set_str("user.email", "local@example.org").unwrap();
    // The explicit flag needs no environment, so this is safe in parallel.
    assert_eq!(
        resolve(Some("Flag <f@example.org>"), Some(dir.path())),
        Ok(who("Flag <f@example.org>"))
    );
    let env_set = std::env::var_os("RECONVENE_AUTHOR").is_some()
        || std::env::var_os("GIT_AUTHOR_NAME").is_some();
    if !env_set {
        assert_eq!(
            resolve(None, Some(dir.path())),
            Ok(who("Repo Local <local@example.org>"))
        );
    }
}
