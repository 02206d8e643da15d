//! The canonical writer: one deterministic text per value, so that saving an
//! unchanged dataset changes no byte and an edit changes only its own lines.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;

use crate::model::{Actor, Manifest, Recommendation};

/// The one pretty-printer configuration every data file is written with.
fn config() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// Serialises a model value canonically, with a trailing newline.
///
/// Our model types hold only strings, numbers, enums, maps and lists, which
/// ron always knows how to write, so the error branch is unreachable in
/// practice; it still returns a readable placeholder rather than panicking.
fn to_canonical<T: Serialize>(value: &T) -> String {
    match ron::ser::to_string_pretty(value, config()) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        Err(error) => format!("// could not be written: {error}\n"),
    }
}

/// The canonical text of an actor file.
pub fn actor_to_ron(actor: &Actor) -> String {
    to_canonical(actor)
}

/// The canonical text of `reconvene.ron`.
pub fn manifest_to_ron(manifest: &Manifest) -> String {
    to_canonical(manifest)
}

/// The canonical text of `recommendations.ron`.
pub fn recommendations_to_ron(recommendations: &[Recommendation]) -> String {
    to_canonical(&recommendations)
}
