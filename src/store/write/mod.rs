//! Writing the dataset: the canonical writer and the splice that keeps hand
//! formatting, one commit per edit under locks, drafts, undo, and the
//! recovery that finishes or forgets an interrupted save.

pub(crate) mod atomic;
pub mod canonical;
pub(crate) mod commit;
pub(crate) mod drafts;
pub mod edit;
pub mod fault;
pub(crate) mod gc;
pub(crate) mod intent;
pub(crate) mod landing;
pub mod lock;
pub mod recovery;
pub(crate) mod ron;
pub(crate) mod splice;
pub(crate) mod undo;
pub(crate) mod worktree;
