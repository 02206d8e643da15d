//! The history index: for each commit on the branch's first-parent line,
//! who made it and when, and which dataset files it changed (paths and blob
//! ids). Kept under `.git/reconvene/`, so that a commitment's timeline or
//! the record's activity at 20,000 commits reads one file instead of
//! comparing 20,000 pairs of trees.
//!
//! It is a cache: built once, extended from the last indexed commit when the
//! branch moves on, rebuilt when the branch no longer descends from it (a
//! rewritten history) or when the file is missing, damaged or of another
//! version. Deleting it loses nothing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use git2::{Commit, Oid, Repository};

use super::by_git;
use super::trees::{TreeDiff, renamed_files};

/// The first line of the file: its format. Another line means rebuild.
const FORMAT: &str = "reconvene history index 1";

/// One file a commit changed, relative to the dataset folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileChange {
    /// The path before (`None`: added).
    pub old_path: Option<String>,
    /// The path after (`None`: deleted).
    pub new_path: Option<String>,
    /// The blob before.
    pub old_blob: Option<Oid>,
    /// The blob after.
    pub new_blob: Option<Oid>,
}

/// One commit of the first-parent line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexedCommit {
    /// The commit.
    pub id: Oid,
    /// Seconds since the epoch.
    pub time: i64,
    /// The author's offset from UTC, in minutes.
    pub offset: i32,
    /// How many parents (2 or more: a merge, compared with the first).
    pub parents: usize,
    /// The author's name and email, as written in the commit.
    pub author_name: String,
    /// The author's email.
    pub author_email: String,
    /// The dataset files it changed.
    pub files: Vec<FileChange>,
}

/// The index of one branch tip: its first-parent line, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Index {
    /// The dataset folder it was built for.
    pub prefix: String,
    /// The commit it was built up to.
    pub tip: Oid,
    /// Every commit from the tip back to the root, newest first.
    pub commits: Vec<IndexedCommit>,
}

/// Where the index of a repository is kept (shared by its worktrees).
pub(crate) fn path(repo: &Repository) -> PathBuf {
    repo.commondir().join("reconvene").join("history-index")
}

impl Index {
    /// The index for `tip`: read from disk, extended or rebuilt as needed,
    /// and saved back when it changed. A failure to save is not an error:
    /// the index is only a cache. `progress` hears how many commits have
    /// been read while building.
    pub fn up_to(
        repo: &Repository,
        prefix: &str,
        tip: Oid,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Index, git2::Error> {
        let file = path(repo);
        let stored = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| parse(&text))
            .filter(|index| index.prefix == prefix);
        let stored = match stored {
            Some(index) if index.tip == tip => return Ok(index),
            other => other,
        };
        // Down the first-parent line until the indexed tip: reaching it, the
        // rest is what was indexed; reaching the root instead, the history
        // was rewritten (or the indexed tip came in through a merge's other
        // parent) and this walk is the whole index.
        let mut line = Vec::new();
        let mut reached = None;
        let mut next = Some(repo.find_commit(tip)?);
        while let Some(commit) = next.take() {
            if stored
                .as_ref()
                .is_some_and(|index| index.tip == commit.id())
            {
                reached = stored;
                break;
            }
            // A missing parent (a shallow clone) ends the line like a root.
            next = commit.parent(0).ok();
            line.push(commit);
        }
        // A long line is read by git itself when it is installed (see
        // `by_git`); a few new commits, or no git, by comparing trees here.
        let by_git = (line.len() >= BY_GIT_FROM)
            .then(|| by_git::changed_files(repo, prefix, tip, reached.as_ref().map(|i| i.tip)))
            .flatten();
        let mut differ = TreeDiff::new(repo, prefix)?;
        let mut newer = Vec::with_capacity(line.len());
        for (n, commit) in line.iter().enumerate() {
            let parent = match line.get(n + 1) {
                Some(parent) => Some(parent.clone()),
                None => commit.parent(0).ok(),
            };
            let files = match &by_git {
                Some(changed) => {
                    let files = changed.get(&commit.id()).cloned().unwrap_or_default();
                    // A rename is paired by git's similarity measure.
                    let added = files.iter().any(|f| f.old_path.is_none());
                    let deleted = files.iter().any(|f| f.new_path.is_none());
                    if added && deleted {
                        renamed_files(repo, prefix, commit, parent.as_ref())?
                    } else {
                        files
                    }
                }
                None => differ.changed_files(commit, parent.as_ref())?,
            };
            newer.push(indexed(commit, files));
            progress(newer.len());
        }
        let mut commits = newer;
        if let Some(base) = reached {
            commits.extend(base.commits);
        }
        let index = Index {
            prefix: prefix.to_string(),
            tip,
            commits,
        };
        let _ = save(&file, &index);
        Ok(index)
    }
}

/// One commit as the index holds it: who, when, and the dataset files it
/// changed against its first parent.
fn indexed(commit: &Commit<'_>, files: Vec<FileChange>) -> IndexedCommit {
    let author = commit.author();
    IndexedCommit {
        id: commit.id(),
        time: commit.time().seconds(),
        offset: commit.time().offset_minutes(),
        parents: commit.parent_count(),
        author_name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        author_email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        files,
    }
}

/// One commit as the index holds it, read on its own.
pub(crate) fn indexed_commit(
    repo: &Repository,
    prefix: &str,
    id: Oid,
) -> Result<IndexedCommit, git2::Error> {
    let commit = repo.find_commit(id)?;
    let parent = commit.parent(0).ok();
    let files = TreeDiff::new(repo, prefix)?.changed_files(&commit, parent.as_ref())?;
    Ok(indexed(&commit, files))
}

/// From this many commits to index, git is asked (when installed): below
/// it, starting a process costs more than comparing trees here.
const BY_GIT_FROM: usize = 200;

/// Text that cannot hold a tab or a newline, so fields split cleanly. Git
/// allows neither in an author's name; paths are the dataset's, which never
/// hold them, but a hostile repository could.
fn field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

fn render(index: &Index) -> String {
    let mut text = String::with_capacity(index.commits.len() * 120);
    let _ = writeln!(text, "{FORMAT}");
    let _ = writeln!(text, "prefix\t{}", field(&index.prefix));
    let _ = writeln!(text, "tip\t{}", index.tip);
    for commit in &index.commits {
        let _ = writeln!(
            text,
            "c\t{}\t{}\t{}\t{}\t{}\t{}",
            commit.id,
            commit.time,
            commit.offset,
            commit.parents,
            field(&commit.author_name),
            field(&commit.author_email)
        );
        for file in &commit.files {
            let blob = |b: Option<Oid>| b.map_or_else(|| "-".to_string(), |b| b.to_string());
            let path = |p: &Option<String>| p.as_deref().map_or_else(|| "-".into(), field);
            let _ = writeln!(
                text,
                "f\t{}\t{}\t{}\t{}",
                blob(file.old_blob),
                blob(file.new_blob),
                path(&file.old_path),
                path(&file.new_path)
            );
        }
    }
    let _ = writeln!(text, "end\t{}", index.commits.len());
    text
}

/// Reads an index file; `None` for anything not exactly as written.
fn parse(text: &str) -> Option<Index> {
    let mut lines = text.lines();
    if lines.next()? != FORMAT {
        return None;
    }
    let prefix = lines.next()?.strip_prefix("prefix\t")?.to_string();
    let tip = Oid::from_str(lines.next()?.strip_prefix("tip\t")?).ok()?;
    let mut commits: Vec<IndexedCommit> = Vec::new();
    let mut ended = false;
    for line in lines {
        let mut parts = line.split('\t');
        if ended {
            return None;
        }
        match parts.next()? {
            "end" => {
                ended = parts.next()?.parse::<usize>().ok()? == commits.len();
                if !ended {
                    return None;
                }
            }
            "c" => {
                commits.push(IndexedCommit {
                    id: Oid::from_str(parts.next()?).ok()?,
                    time: parts.next()?.parse().ok()?,
                    offset: parts.next()?.parse().ok()?,
                    parents: parts.next()?.parse().ok()?,
                    author_name: parts.next()?.to_string(),
                    author_email: parts.next()?.to_string(),
                    files: Vec::new(),
                });
            }
            "f" => {
                let blob = |t: &str| match t {
                    "-" => Some(None),
                    t => Oid::from_str(t).ok().map(Some),
                };
                let path = |t: &str| (t != "-").then(|| t.to_string());
                let old_blob = blob(parts.next()?)?;
                let new_blob = blob(parts.next()?)?;
                let old_path = path(parts.next()?);
                let new_path = path(parts.next()?);
                commits.last_mut()?.files.push(FileChange {
                    old_path,
                    new_path,
                    old_blob,
                    new_blob,
                });
            }
            _ => return None,
        }
    }
    // Whole, and the tip's entry first, or the file is not what it claims.
    (ended && commits.first().map(|c| c.id) == Some(tip)).then_some(Index {
        prefix,
        tip,
        commits,
    })
}

/// Writes the index beside its final place, then renames it over, so a
/// reader never sees half a file.
fn save(file: &Path, index: &Index) -> std::io::Result<()> {
    let folder = file
        .parent()
        .ok_or_else(|| std::io::Error::other("the index has no folder"))?;
    std::fs::create_dir_all(folder)?;
    let temporary = folder.join(format!("history-index.{}.tmp", std::process::id()));
    std::fs::write(&temporary, render(index))?;
    std::fs::rename(&temporary, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_reads_back_as_written_and_damage_is_refused() {
        let id = |n: u8| Oid::from_bytes(&[n; 20]).unwrap_or(Oid::ZERO_SHA1);
        let index = Index {
            prefix: "data/".into(),
            tip: id(2),
            commits: vec![
                IndexedCommit {
                    id: id(2),
                    time: 1_709_640_000,
                    offset: 60,
                    parents: 1,
                    author_name: "Ada\tLovelace".into(),
                    author_email: "ada@example.org".into(),
                    files: vec![FileChange {
                        old_path: Some("actors/f/france.ron".into()),
                        new_path: Some("actors/f/french-republic.ron".into()),
                        old_blob: Some(id(7)),
                        new_blob: Some(id(8)),
                    }],
                },
                IndexedCommit {
                    id: id(1),
                    time: 1_700_000_000,
                    offset: 0,
                    parents: 0,
                    author_name: "reconvene".into(),
                    author_email: "reconvene@localhost".into(),
                    files: vec![FileChange {
                        old_path: None,
                        new_path: Some("actors/f/france.ron".into()),
                        old_blob: None,
                        new_blob: Some(id(7)),
                    }],
                },
            ],
        };
        let text = render(&index);
        let read = parse(&text).expect("reads back");
        assert_eq!(read.commits[0].author_name, "Ada Lovelace");
        assert_eq!(read.commits[1], index.commits[1]);
        assert_eq!(read.commits[0].files, index.commits[0].files);
        assert_eq!(parse(&text.replace("tip\t", "tip\tzz")), None);
        let cut = text
            .find("\nc\t")
            .and_then(|first| text[first + 1..].find("\nc\t").map(|n| first + 1 + n + 1));
        assert_eq!(
            cut.map(|at| parse(&text[..at])),
            Some(None),
            "a file cut short is refused"
        );
        assert_eq!(
            parse(&text.replacen(FORMAT, "reconvene history index 0", 1)),
            None
        );
    }
}
