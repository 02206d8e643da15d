//! Which dataset files a commit changed, found by comparing trees by their
//! ids: a subtree whose id did not change is never opened, so a commit that
//! edits one actor reads the dataset folder, `actors/` and one letter folder
//! on each side, whatever the size of the dataset. This is what `git log --
//! PATH` does, without libgit2's diff machinery (path specs, deltas, sorting),
//! which costs ten times more per commit on a long history.

use std::cmp::Ordering;
use std::collections::HashMap;

use git2::{Commit, Delta, DiffFindOptions, DiffOptions, ObjectType, Oid, Repository, Tree};

use super::index::FileChange;
use crate::store::load::{ACTORS, MANIFEST, RECOMMENDATIONS};

/// Folders nested deeper than this are not compared: the writer makes one
/// level under `actors/`, and a hostile tree must not exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Compares the dataset folder of commits with their first parents', keeping
/// the trees read for a parent so that, walking a first-parent line newest
/// first, each tree is read once although it is compared twice.
pub(crate) struct TreeDiff<'r> {
    repo: &'r Repository,
    /// The dataset folder, `/`-terminated unless empty.
    prefix: &'r str,
    /// Trees read as the parent's side at the last commit compared.
    kept: HashMap<Oid, Tree<'r>>,
    /// Trees read as the parent's side at this commit (kept for the next).
    keeping: HashMap<Oid, Tree<'r>>,
}

/// One entry of a tree, as the comparison needs it.
struct Entry {
    name: Vec<u8>,
    id: Oid,
    mode: i32,
    kind: Option<ObjectType>,
}

impl<'r> TreeDiff<'r> {
    /// A comparer for the dataset folder `prefix` (`/`-terminated unless empty).
    pub fn new(repo: &'r Repository, prefix: &'r str) -> TreeDiff<'r> {
        TreeDiff {
            repo,
            prefix,
            kept: HashMap::new(),
            keeping: HashMap::new(),
        }
    }

    /// The dataset files `commit` changed against `parent` (none: the root
    /// commit), with renames paired.
    pub fn changed_files(
        &mut self,
        commit: &Commit<'r>,
        parent: Option<&Commit<'r>>,
    ) -> Result<Vec<FileChange>, git2::Error> {
        let new = self.dataset_tree(commit.tree_id(), false)?;
        let old = match parent {
            Some(parent) => self.dataset_tree(parent.tree_id(), true)?,
            None => None,
        };
        let mut files = Vec::new();
        if old.as_ref().map(Tree::id) != new.as_ref().map(Tree::id) {
            self.compare(old, new, String::new(), 0, &mut files)?;
        }
        self.kept = std::mem::take(&mut self.keeping);
        // Only a commit that adds and removes files can hold a rename; git's
        // similarity measure pairs them (rare enough to afford its diff).
        let added = files.iter().any(|f| f.old_path.is_none());
        let deleted = files.iter().any(|f| f.new_path.is_none());
        if added && deleted {
            return renamed_files(self.repo, self.prefix, commit, parent);
        }
        Ok(files)
    }

    /// A tree by id, from those read for the last commit's parent when it
    /// was among them; `parent_side` ones are kept for the next commit.
    fn tree(&mut self, id: Oid, parent_side: bool) -> Result<Tree<'r>, git2::Error> {
        let tree = match self.kept.get(&id) {
            Some(tree) => tree.clone(),
            None => self.repo.find_tree(id)?,
        };
        if parent_side {
            self.keeping.insert(id, tree.clone());
        }
        Ok(tree)
    }

    /// The dataset folder's tree in the commit tree `root` (`None`: no such
    /// folder then).
    fn dataset_tree(
        &mut self,
        root: Oid,
        parent_side: bool,
    ) -> Result<Option<Tree<'r>>, git2::Error> {
        let mut tree = self.tree(root, parent_side)?;
        for folder in self.prefix.split('/').filter(|part| !part.is_empty()) {
            let folder_id = tree
                .get_name(folder)
                .filter(|entry| entry.kind() == Some(ObjectType::Tree))
                .map(|entry| entry.id());
            let Some(id) = folder_id else {
                return Ok(None);
            };
            tree = self.tree(id, parent_side)?;
        }
        Ok(Some(tree))
    }

    /// Compares two versions of the folder `path` (relative to the dataset
    /// folder, `/`-terminated unless empty), entry by entry in git's order,
    /// opening only subtrees whose ids differ.
    fn compare(
        &mut self,
        old: Option<Tree<'r>>,
        new: Option<Tree<'r>>,
        path: String,
        depth: usize,
        files: &mut Vec<FileChange>,
    ) -> Result<(), git2::Error> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let old = entries(old.as_ref(), path.is_empty() && self.prefix.is_empty());
        let new = entries(new.as_ref(), path.is_empty() && self.prefix.is_empty());
        let (mut old, mut new) = (old.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let order = match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(a), Some(b)) => git_order(a, b),
            };
            let (before, after) = match order {
                Ordering::Less => (old.next(), None),
                Ordering::Greater => (None, new.next()),
                Ordering::Equal => (old.next(), new.next()),
            };
            if let (Some(a), Some(b)) = (&before, &after)
                && a.id == b.id
                && a.mode == b.mode
            {
                continue;
            }
            let Some(name) = after.as_ref().or(before.as_ref()).map(|e| &e.name) else {
                continue;
            };
            let child = format!("{path}{}", String::from_utf8_lossy(name));
            let is = |e: &Option<Entry>, kind| e.as_ref().is_some_and(|e| e.kind == Some(kind));
            if is(&before, ObjectType::Tree) || is(&after, ObjectType::Tree) {
                let old_tree = match before.as_ref().filter(|e| e.kind == Some(ObjectType::Tree)) {
                    Some(e) => Some(self.tree(e.id, true)?),
                    None => None,
                };
                let new_tree = match after.as_ref().filter(|e| e.kind == Some(ObjectType::Tree)) {
                    Some(e) => Some(self.tree(e.id, false)?),
                    None => None,
                };
                self.compare(old_tree, new_tree, format!("{child}/"), depth + 1, files)?;
            } else if is(&before, ObjectType::Blob) || is(&after, ObjectType::Blob) {
                let old_blob = before
                    .filter(|e| e.kind == Some(ObjectType::Blob))
                    .map(|e| e.id);
                let new_blob = after
                    .filter(|e| e.kind == Some(ObjectType::Blob))
                    .map(|e| e.id);
                files.push(FileChange {
                    old_path: old_blob.map(|_| child.clone()),
                    new_path: new_blob.map(|_| child.clone()),
                    old_blob,
                    new_blob,
                });
            }
        }
        Ok(())
    }
}

/// A tree's entries in its stored order (git's). At the top of a dataset
/// that is the repository's root, only the dataset's own files count: the
/// manifest, the recommendations and the actors' folder.
fn entries(tree: Option<&Tree<'_>>, dataset_root: bool) -> Vec<Entry> {
    let Some(tree) = tree else {
        return Vec::new();
    };
    tree.iter()
        .filter(|entry| {
            !dataset_root
                || match entry.kind() {
                    Some(ObjectType::Tree) => entry.name_bytes() == ACTORS.as_bytes(),
                    _ => [MANIFEST, RECOMMENDATIONS]
                        .iter()
                        .any(|name| entry.name_bytes() == name.as_bytes()),
                }
        })
        .map(|entry| Entry {
            name: entry.name_bytes().to_vec(),
            id: entry.id(),
            mode: entry.filemode(),
            kind: entry.kind(),
        })
        .collect()
}

/// Git's order of tree entries: by name, a folder's name read as if it
/// ended with `/`.
fn git_order(a: &Entry, b: &Entry) -> Ordering {
    let end = |e: &Entry| {
        if e.kind == Some(ObjectType::Tree) {
            b'/'
        } else {
            0
        }
    };
    let mut a_bytes = a.name.iter().copied().chain(std::iter::once(end(a)));
    let mut b_bytes = b.name.iter().copied().chain(std::iter::once(end(b)));
    loop {
        match (a_bytes.next(), b_bytes.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => return x.cmp(&y),
            (x, y) => return x.cmp(&y),
        }
    }
}

/// The dataset files `commit` changed against `parent` through git's diff,
/// which pairs a removed file with an added one it resembles (a rename).
fn renamed_files(
    repo: &Repository,
    prefix: &str,
    commit: &Commit<'_>,
    parent: Option<&Commit<'_>>,
) -> Result<Vec<FileChange>, git2::Error> {
    let tree = commit.tree()?;
    let parent_tree = match parent {
        Some(parent) => Some(parent.tree()?),
        None => None,
    };
    let mut options = DiffOptions::new();
    if prefix.is_empty() {
        options.pathspec(MANIFEST);
        options.pathspec(RECOMMENDATIONS);
        options.pathspec(format!("{ACTORS}/"));
    } else {
        options.pathspec(prefix);
    }
    let mut diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut options))?;
    diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
    let relative = |file: git2::DiffFile<'_>| {
        file.path()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .and_then(|p| p.strip_prefix(prefix).map(str::to_string))
    };
    let mut files = Vec::new();
    for delta in diff.deltas() {
        let (old, new) = match delta.status() {
            Delta::Added => (false, true),
            Delta::Deleted => (true, false),
            _ => (true, true),
        };
        files.push(FileChange {
            old_path: relative(delta.old_file()).filter(|_| old),
            new_path: relative(delta.new_file()).filter(|_| new),
            old_blob: old.then(|| delta.old_file().id()),
            new_blob: new.then(|| delta.new_file().id()),
        });
    }
    Ok(files)
}
