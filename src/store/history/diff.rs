//! A commit's raw diff: git's own patch text for the dataset folder, for
//! the reader who wants to see the lines behind the field-level changes.

use git2::{DiffFindOptions, DiffFormat, DiffOptions, Oid};

use super::{History, HistoryError};
use crate::model::CommitId;
use crate::store::load::{ACTORS, MANIFEST, RECOMMENDATIONS};

/// How many lines of patch a raw diff keeps: an import of thousands of
/// files would otherwise hold megabytes for a screen that shows a page.
pub const RAW_DIFF_LINES: usize = 20_000;

impl History {
    /// The patch `commit` made to the dataset folder against its first
    /// parent (a merge is read as the history reads it), as `git show`
    /// prints it: headers, hunks, `+`/`-` lines, paths relative to the
    /// repository. Untrusted text: whoever draws it must sanitise it. Cut
    /// after [`RAW_DIFF_LINES`] lines, saying how many more there were.
    pub fn raw_diff(&self, commit: &CommitId) -> Result<String, HistoryError> {
        let id = Oid::from_str(commit.as_str())
            .map_err(|_| HistoryError::UnknownRevision(commit.to_string()))?;
        let found = self
            .repo
            .find_commit(id)
            .map_err(|_| HistoryError::UnknownRevision(commit.to_string()))?;
        let tree = found.tree()?;
        let parent_tree = match found.parent(0) {
            Ok(parent) => Some(parent.tree()?),
            Err(_) => None,
        };
        let mut options = DiffOptions::new();
        if self.prefix.is_empty() {
            options.pathspec(MANIFEST);
            options.pathspec(RECOMMENDATIONS);
            options.pathspec(format!("{ACTORS}/"));
        } else {
            options.pathspec(&self.prefix);
        }
        let mut diff =
            self.repo
                .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut options))?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
        let mut text = String::new();
        let mut lines = 0usize;
        let mut cut = 0usize;
        diff.print(DiffFormat::Patch, |_, _, line| {
            if lines >= RAW_DIFF_LINES {
                cut += 1;
                return true;
            }
            // Hunk and file headers come whole; content lines without
            // their origin, which is given apart.
            if matches!(line.origin(), '+' | '-' | ' ') {
                text.push(line.origin());
            }
            text.push_str(&String::from_utf8_lossy(line.content()));
            if !text.ends_with('\n') {
                text.push('\n');
            }
            lines += 1;
            true
        })?;
        if cut > 0 {
            text.push_str(&format!("… {cut} more lines not shown\n"));
        }
        Ok(text)
    }
}
