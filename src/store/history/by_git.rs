//! The dataset files each commit of a long first-parent line changed, as
//! the user's own git reports them (`git log --raw`). Both read the same
//! trees, but git rebuilds each version of a folder from the version it
//! read last, where libgit2 rebuilds it from the bottom of its delta chain
//! in the pack: at scale L, where each of 20,000 commits changes one letter
//! folder of 750 entries, that is seconds against most of a minute. Without
//! git, or when it fails, the caller compares the trees itself.

use std::collections::HashMap;
use std::process::{Command, Stdio};

use git2::{Oid, Repository};

use super::index::FileChange;
use crate::store::load::{ACTORS, MANIFEST, RECOMMENDATIONS};

/// The files changed by each commit from `tip` down the first-parent line,
/// to the root or to `stop` (which must be on that line), against its first
/// parent, renames not paired; a commit that changed none is absent.
pub(crate) fn changed_files(
    repo: &Repository,
    prefix: &str,
    tip: Oid,
    stop: Option<Oid>,
) -> Option<HashMap<Oid, Vec<FileChange>>> {
    let mut command = Command::new("git");
    command
        .arg("--git-dir")
        .arg(repo.path())
        .args([
            "--no-pager",
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--no-relative",
            "--no-ext-diff",
            "--no-textconv",
            "--no-color",
            "-z",
            "--format=%H",
        ])
        .arg(tip.to_string());
    if let Some(stop) = stop {
        command.arg(format!("^{stop}"));
    }
    command.arg("--");
    if prefix.is_empty() {
        command.args([MANIFEST, RECOMMENDATIONS, &format!("{ACTORS}/")]);
    } else {
        command.arg(prefix);
    }
    // The user's settings cannot change what a plumbing-like read prints.
    let output = command
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    parse(&output.stdout, prefix)
}

/// Reads `git log --raw -z --format=%H`: a commit id, then for each file
/// `:MODE MODE OLD NEW STATUS` and its path, all NUL-separated. `None` for
/// anything else.
fn parse(bytes: &[u8], prefix: &str) -> Option<HashMap<Oid, Vec<FileChange>>> {
    let mut changed: HashMap<Oid, Vec<FileChange>> = HashMap::new();
    let mut current: Option<Oid> = None;
    let mut tokens = bytes.split(|&b| b == 0);
    while let Some(token) = tokens.next() {
        let token = token.strip_prefix(b"\n").unwrap_or(token);
        if token.is_empty() {
            continue;
        }
        let Some(raw) = token.strip_prefix(b":") else {
            let id = Oid::from_str(std::str::from_utf8(token).ok()?).ok()?;
            changed.entry(id).or_default();
            current = Some(id);
            continue;
        };
        let path = String::from_utf8_lossy(tokens.next()?).into_owned();
        let fields: Vec<&[u8]> = raw.split(|&b| b == b' ').collect();
        let [old_mode, new_mode, old_id, new_id, _status] = fields.as_slice() else {
            return None;
        };
        let side = |mode: &[u8], id: &[u8]| -> Option<Option<Oid>> {
            let id = Oid::from_str(std::str::from_utf8(id).ok()?).ok()?;
            // Absent (all zeros), or a submodule: no file there.
            let file = !id.is_zero() && mode != b"160000" && mode != b"000000";
            Some(file.then_some(id))
        };
        let (old_blob, new_blob) = (side(old_mode, old_id)?, side(new_mode, new_id)?);
        let Some(relative) = path.strip_prefix(prefix) else {
            continue;
        };
        if old_blob.is_none() && new_blob.is_none() {
            continue;
        }
        changed.get_mut(&current?)?.push(FileChange {
            old_path: old_blob.map(|_| relative.to_string()),
            new_path: new_blob.map(|_| relative.to_string()),
            old_blob,
            new_blob,
        });
    }
    Some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::history::trees::TreeDiff;
    use git2::Commit;

    /// A commit of `files` (path, text; `None` removes it) on `parent`'s tree.
    fn commit<'r>(
        repo: &'r Repository,
        files: &[(&str, Option<&str>)],
        parents: &[&Commit<'r>],
    ) -> Commit<'r> {
        let base = match parents.first() {
            Some(parent) => parent.tree().unwrap(),
            None => repo
                .find_tree(repo.treebuilder(None).unwrap().write().unwrap())
                .unwrap(),
        };
        let mut update = git2::build::TreeUpdateBuilder::new();
        for (path, text) in files {
            match text {
                Some(text) => update.upsert(
                    *path,
                    repo.blob(text.as_bytes()).unwrap(),
                    git2::FileMode::Blob,
                ),
                None => update.remove(*path),
            };
        }
        let tree = repo
            .find_tree(update.create_updated(repo, &base).unwrap())
            .unwrap();
        let who = git2::Signature::new("T", "t@example.org", &git2::Time::new(0, 0)).unwrap();
        let id = repo.commit(None, &who, &who, "m", &tree, parents).unwrap();
        repo.find_commit(id).unwrap()
    }

    /// A history with an import, edits, a side branch merged (read against
    /// its first parent), a removal and a commit outside the dataset: git's
    /// report and the comparison of trees by id agree on every commit, and
    /// an extension from an earlier tip reports only the newer commits.
    #[test]
    fn gits_report_agrees_with_comparing_trees_commit_by_commit() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        for prefix in ["", "data/"] {
            let at = |p: &str| format!("{prefix}{p}");
            let (m, r, x, y, z) = (
                at("reconvene.ron"),
                at("recommendations.ron"),
                at("actors/a/x.ron"),
                at("actors/b/y.ron"),
                at("actors/c/z.ron"),
            );
            let import = commit(
                &repo,
                &[
                    (&m, Some("m")),
                    (&r, Some("r")),
                    (&x, Some("x1")),
                    (&y, Some("y1")),
                    ("README.md", Some("hello")),
                ],
                &[],
            );
            let edit = commit(&repo, &[(&x, Some("x2"))], &[&import]);
            let side = commit(&repo, &[(&y, Some("y2")), (&z, Some("z1"))], &[&edit]);
            let main = commit(&repo, &[(&x, Some("x3"))], &[&edit]);
            let merged = {
                let files = [(&x[..], Some("x3")), (&y, Some("y2")), (&z, Some("z1"))];
                commit(&repo, &files, &[&main, &side])
            };
            let readme = commit(&repo, &[("README.md", Some("bye"))], &[&merged]);
            let removal = commit(&repo, &[(&y, None)], &[&readme]);
            let line = [&removal, &readme, &merged, &main, &edit, &import];
            let by_git = changed_files(&repo, prefix, removal.id(), None).expect("git runs");
            let mut differ = TreeDiff::new(&repo, prefix).unwrap();
            let sorted = |mut files: Vec<FileChange>| {
                files.sort_by(|a, b| (&a.old_path, &a.new_path).cmp(&(&b.old_path, &b.new_path)));
                files
            };
            let mut counts = Vec::new();
            for (n, commit) in line.iter().enumerate() {
                let parent = line.get(n + 1).copied();
                let ours = sorted(differ.changed_files(commit, parent).unwrap());
                let gits = sorted(by_git.get(&commit.id()).cloned().unwrap_or_default());
                assert_eq!(gits, ours, "{prefix}: commit {n} from the tip");
                counts.push(ours.len());
            }
            assert_eq!(counts, [1, 0, 2, 1, 1, 4], "{prefix}");
            let newer = changed_files(&repo, prefix, removal.id(), Some(merged.id()));
            let mut newer: Vec<Oid> = newer.expect("git runs").into_keys().collect();
            newer.sort();
            assert_eq!(newer, [removal.id()], "{prefix}");
        }
    }
}
