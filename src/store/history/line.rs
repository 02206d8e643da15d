//! The branch's first-parent line as a whole: how long it is, and whether
//! a commit read earlier is still on it. What a screen reading the history
//! in parts needs to say how far it has got and what is new.

use git2::{Oid, Sort};

use super::{History, HistoryError};

impl History {
    /// How many commits the branch's first-parent line holds, from the tip
    /// to the first commit (0 when the branch has none). Counts ids only,
    /// reading no tree: a fraction of what reading their changes costs.
    pub fn line_length(&self) -> Result<usize, HistoryError> {
        let tip = match self.tip() {
            Ok(tip) => tip,
            Err(HistoryError::Empty) => return Ok(0),
            Err(error) => return Err(error),
        };
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL)?;
        walk.simplify_first_parent()?;
        walk.push(tip)?;
        Ok(walk.count())
    }

    /// Whether `tip` is `earlier` or descends from it: false after a
    /// rewritten history dropped `earlier` from the branch.
    pub fn descends_from(&self, tip: Oid, earlier: Oid) -> Result<bool, HistoryError> {
        Ok(tip == earlier || self.repo.graph_descendant_of(tip, earlier)?)
    }
}
