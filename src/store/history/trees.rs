//! Which dataset files a commit changed, found by comparing trees by their
//! ids: a subtree whose id did not change is never opened, so a commit that
//! edits one actor reads the dataset folder, `actors/` and one letter folder
//! on each side, whatever the size of the dataset. This is what `git log --
//! PATH` does, without libgit2's diff machinery (path specs, deltas, sorting)
//! or even its parsing of trees, which cost many times more per commit on a
//! long history.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;

use git2::{Commit, Delta, DiffFindOptions, DiffOptions, ObjectType, Odb, Oid, Repository};

use super::index::FileChange;
use crate::store::load::{ACTORS, MANIFEST, RECOMMENDATIONS};

/// Folders nested deeper than this are not compared: the writer makes one
/// level under `actors/`, and a hostile tree must not exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Compares the dataset folder of commits with their first parents', keeping
/// the trees read for a parent so that, walking a first-parent line newest
/// first, each tree is read once although it is compared twice. Trees are
/// read as git stores them and walked in place: a letter folder at scale L
/// holds 750 entries, and nothing is made of the ones that did not change.
pub(crate) struct TreeDiff<'r> {
    repo: &'r Repository,
    odb: Odb<'r>,
    /// The dataset folder, `/`-terminated unless empty.
    prefix: &'r str,
    /// Trees read as the parent's side at the last commit compared.
    kept: HashMap<Oid, RawTree>,
    /// Trees read as the parent's side at this commit (kept for the next).
    keeping: HashMap<Oid, RawTree>,
}

/// A tree object's bytes: entries of `<octal mode> <name>\0<20-byte id>`.
type RawTree = Rc<Vec<u8>>;

/// One entry of a tree, borrowed from its bytes.
#[derive(Clone, Copy)]
struct Entry<'a> {
    name: &'a [u8],
    id: &'a [u8],
    mode: u32,
}

/// Git's file modes, as far as the comparison cares.
const FOLDER: u32 = 0o040000;
const GITLINK: u32 = 0o160000;

impl Entry<'_> {
    fn is_folder(&self) -> bool {
        self.mode == FOLDER
    }

    /// A file or a symbolic link: what a path in the index can hold.
    fn is_blob(&self) -> bool {
        !self.is_folder() && self.mode != GITLINK
    }

    fn oid(&self) -> Option<Oid> {
        Oid::from_bytes(self.id).ok()
    }
}

/// The entries of a tree's bytes, in their stored order (git's). A
/// malformed tree (a hostile repository's) simply ends where it breaks.
struct Entries<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;

    fn next(&mut self) -> Option<Entry<'a>> {
        let space = self.rest.iter().position(|&b| b == b' ')?;
        let mode = self.rest.get(..space)?;
        let after_mode = self.rest.get(space + 1..)?;
        let nul = after_mode.iter().position(|&b| b == 0)?;
        let name = after_mode.get(..nul)?;
        let id = after_mode.get(nul + 1..nul + 21)?;
        self.rest = after_mode.get(nul + 21..)?;
        let mode = mode.iter().try_fold(0u32, |m, &b| {
            (b'0'..=b'7')
                .contains(&b)
                .then(|| m.checked_mul(8)?.checked_add(u32::from(b - b'0')))
                .flatten()
        });
        let Some(mode) = mode else {
            self.rest = &[];
            return None;
        };
        Some(Entry { name, id, mode })
    }
}

fn entries(tree: Option<&RawTree>) -> Entries<'_> {
    Entries {
        rest: tree.map_or(&[][..], |t| t.as_slice()),
    }
}

impl<'r> TreeDiff<'r> {
    /// A comparer for the dataset folder `prefix` (`/`-terminated unless empty).
    pub fn new(repo: &'r Repository, prefix: &'r str) -> Result<TreeDiff<'r>, git2::Error> {
        Ok(TreeDiff {
            repo,
            odb: repo.odb()?,
            prefix,
            kept: HashMap::new(),
            keeping: HashMap::new(),
        })
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
        if old.as_ref().map(|(id, _)| *id) != new.as_ref().map(|(id, _)| *id) {
            let top = self.prefix.is_empty();
            self.compare(
                old.as_ref().map(|(_, t)| t),
                new.as_ref().map(|(_, t)| t),
                "",
                top,
                0,
                &mut files,
            )?;
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

    /// A tree's bytes by id, from those read for the last commit's parent
    /// when it was among them; `parent_side` ones are kept for the next.
    fn tree(&mut self, id: Oid, parent_side: bool) -> Result<RawTree, git2::Error> {
        let tree = match self.kept.get(&id) {
            Some(tree) => Rc::clone(tree),
            None => {
                let object = self.odb.read(id)?;
                if object.kind() != ObjectType::Tree {
                    return Err(git2::Error::from_str(&format!("{id} is not a tree")));
                }
                Rc::new(object.data().to_vec())
            }
        };
        if parent_side {
            self.keeping.insert(id, Rc::clone(&tree));
        }
        Ok(tree)
    }

    /// The dataset folder's tree (id and bytes) in the commit tree `root`
    /// (`None`: no such folder then).
    fn dataset_tree(
        &mut self,
        root: Oid,
        parent_side: bool,
    ) -> Result<Option<(Oid, RawTree)>, git2::Error> {
        let mut id = root;
        let mut tree = self.tree(root, parent_side)?;
        for folder in self.prefix.split('/').filter(|part| !part.is_empty()) {
            let found = entries(Some(&tree))
                .find(|e| e.name == folder.as_bytes() && e.is_folder())
                .and_then(|e| e.oid());
            let Some(found) = found else {
                return Ok(None);
            };
            id = found;
            tree = self.tree(id, parent_side)?;
        }
        Ok(Some((id, tree)))
    }

    /// Compares two versions of the folder `path` (relative to the dataset
    /// folder, `/`-terminated unless empty), entry by entry in git's order,
    /// opening only subtrees whose ids differ. At the top of a dataset that
    /// is the repository's root (`top`), only the dataset's own files
    /// count: the manifest, the recommendations and the actors' folder.
    fn compare(
        &mut self,
        old: Option<&RawTree>,
        new: Option<&RawTree>,
        path: &str,
        top: bool,
        depth: usize,
        files: &mut Vec<FileChange>,
    ) -> Result<(), git2::Error> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let counted = |e: &Entry<'_>| {
            !top || if e.is_folder() {
                e.name == ACTORS.as_bytes()
            } else {
                e.name == MANIFEST.as_bytes() || e.name == RECOMMENDATIONS.as_bytes()
            }
        };
        let mut old = entries(old).filter(counted).peekable();
        let mut new = entries(new).filter(counted).peekable();
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
            let Some(name) = after.or(before).map(|e| e.name) else {
                continue;
            };
            let child = format!("{path}{}", String::from_utf8_lossy(name));
            let folder = |e: Option<Entry<'_>>| e.filter(Entry::is_folder).and_then(|e| e.oid());
            let blob = |e: Option<Entry<'_>>| e.filter(Entry::is_blob).and_then(|e| e.oid());
            let (old_folder, new_folder) = (folder(before), folder(after));
            if old_folder.is_some() || new_folder.is_some() {
                let old_tree = match old_folder {
                    Some(id) => Some(self.tree(id, true)?),
                    None => None,
                };
                let new_tree = match new_folder {
                    Some(id) => Some(self.tree(id, false)?),
                    None => None,
                };
                let inner = format!("{child}/");
                self.compare(
                    old_tree.as_ref(),
                    new_tree.as_ref(),
                    &inner,
                    false,
                    depth + 1,
                    files,
                )?;
            } else {
                let (old_blob, new_blob) = (blob(before), blob(after));
                if old_blob.is_some() || new_blob.is_some() {
                    files.push(FileChange {
                        old_path: old_blob.map(|_| child.clone()),
                        new_path: new_blob.map(|_| child.clone()),
                        old_blob,
                        new_blob,
                    });
                }
            }
        }
        Ok(())
    }
}

/// Git's order of tree entries: by name, a folder's name read as if it
/// ended with `/`.
fn git_order(a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
    let end = |e: &Entry<'_>| if e.is_folder() { b'/' } else { 0 };
    let a_bytes = a.name.iter().copied().chain(std::iter::once(end(a)));
    let b_bytes = b.name.iter().copied().chain(std::iter::once(end(b)));
    a_bytes.cmp(b_bytes)
}

/// The dataset files `commit` changed against `parent` through git's diff,
/// which pairs a removed file with an added one it resembles (a rename).
pub(crate) fn renamed_files(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A commit whose tree holds `files` (path, text), on top of `parent`.
    fn commit<'r>(
        repo: &'r Repository,
        files: &[(&str, &str)],
        parent: Option<&Commit<'r>>,
    ) -> Commit<'r> {
        let empty = repo.treebuilder(None).unwrap().write().unwrap();
        let mut update = git2::build::TreeUpdateBuilder::new();
        for (path, text) in files {
            update.upsert(
                *path,
                repo.blob(text.as_bytes()).unwrap(),
                git2::FileMode::Blob,
            );
        }
        let base = repo.find_tree(empty).unwrap();
        let tree = repo
            .find_tree(update.create_updated(repo, &base).unwrap())
            .unwrap();
        let who = git2::Signature::new("T", "t@example.org", &git2::Time::new(0, 0)).unwrap();
        let parents: Vec<&Commit<'_>> = parent.into_iter().collect();
        let id = repo.commit(None, &who, &who, "m", &tree, &parents).unwrap();
        repo.find_commit(id).unwrap()
    }

    fn sorted(mut files: Vec<FileChange>) -> Vec<FileChange> {
        files.sort_by(|a, b| (&a.old_path, &a.new_path).cmp(&(&b.old_path, &b.new_path)));
        files
    }

    /// Names that sort differently as files and as folders (`a` is read as
    /// `a/`, after `a-b.ron` and `a.ron`), folders that come and go, and
    /// files outside the dataset at the top: the comparison by ids finds
    /// exactly what git's own diff finds.
    #[test]
    fn comparing_trees_by_id_finds_what_gits_diff_finds() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let first: &[(&str, &str)] = &[
            ("reconvene.ron", "m1"),
            ("recommendations.ron", "r1"),
            ("README.md", "readme"),
            ("actors/a/x.ron", "x1"),
            ("actors/a-b.ron", "ab1"),
            ("actors/a.ron", "a1"),
            ("actors/a0/y.ron", "y1"),
            ("actors/q.ron", "q1"),
        ];
        let second: &[(&str, &str)] = &[
            ("reconvene.ron", "m1"),
            ("recommendations.ron", "r2"),
            ("README.md", "readme, edited"),
            ("actors/a/x.ron", "x2"),
            ("actors/a/new.ron", "n1"),
            ("actors/a-b.ron", "ab2"),
            ("actors/a.ron", "a1"),
            ("actors/a0/y.ron", "y1"),
            ("actors/q.ron", "q1"),
            ("actors/z/z.ron", "z1"),
        ];
        let third: &[(&str, &str)] = &[
            ("reconvene.ron", "m1"),
            ("recommendations.ron", "r2"),
            ("actors/a/x.ron", "x2"),
            ("actors/a.ron", "a1"),
            ("actors/q.ron", "q1"),
        ];
        let one = commit(&repo, first, None);
        let two = commit(&repo, second, Some(&one));
        let three = commit(&repo, third, Some(&two));
        let mut differ = TreeDiff::new(&repo, "").unwrap();
        let mut seen = Vec::new();
        // Newest first, as the index walks, so kept trees are reused.
        for (commit, parent) in [(&three, Some(&two)), (&two, Some(&one)), (&one, None)] {
            let ours = sorted(differ.changed_files(commit, parent).unwrap());
            let gits = sorted(renamed_files(&repo, "", commit, parent).unwrap());
            assert_eq!(ours, gits);
            seen.push(ours.len());
        }
        // Removed four; changed three and added two; added seven (not the README).
        assert_eq!(seen, [4, 5, 7]);
    }
}
