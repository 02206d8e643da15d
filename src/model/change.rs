//! Describing a change to a commitment in words, for commit messages and
//! the edit form's default message.

use super::Commitment;

/// The default commit message's first line for a change, e.g.
/// "United States · blacklist: Initiated → Implemented, evidence added".
pub fn describe_change(
    actor_name: &str,
    recommendation: &str,
    old: Option<&Commitment>,
    new: &Commitment,
) -> String {
    let mut parts = Vec::new();
    match old {
        None => parts.push(format!("{} (new)", new.status.label())),
        Some(old) if old.status != new.status => {
            parts.push(format!("{} → {}", old.status.label(), new.status.label()))
        }
        Some(_) => {}
    }
    let (old_note, old_evidence) =
        old.map_or(("", &[][..]), |o| (o.note.as_str(), &o.evidence[..]));
    if old.is_some() && old_note != new.note {
        parts.push("note changed".into());
    }
    let kept = old_evidence.len().min(new.evidence.len());
    if old_evidence[..kept] != new.evidence[..kept] {
        parts.push("evidence changed".into());
    }
    if new.evidence.len() > old_evidence.len() {
        parts.push("evidence added".into());
    } else if new.evidence.len() < old_evidence.len() {
        parts.push("evidence removed".into());
    }
    if parts.is_empty() {
        parts.push("reassessed".into());
    }
    format!("{actor_name} · {recommendation}: {}", parts.join(", "))
}
