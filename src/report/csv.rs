//! The report as CSV: one row per commitment an actor is graded on (RFC
//! 4180: CRLF line ends, fields quoted when they need it). The README's
//! field dictionary describes each column.

use super::Report;
use super::text::clean;

/// The columns, in order.
pub const HEADER: [&str; 12] = [
    "actor_id",
    "actor_name",
    "kind",
    "recommendation_id",
    "recommendation_title",
    "grade_from",
    "grade_to",
    "assessed",
    "evidence_count",
    "latest_evidence_date",
    "latest_evidence_title",
    "note",
];

/// One row per cell of the matrix that grades its actor, actors in the
/// dashboard's order and recommendations in the blueprint's. Text is
/// cleaned by the one rule (a line break becomes a space), so a row is one
/// line.
pub fn render(report: &Report) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for (row, section) in report.matrix.iter().zip(&report.actors) {
        for (column, cell) in report.recommendations.iter().zip(&row.cells) {
            let Some(grade_to) = cell else {
                continue;
            };
            let entry = section
                .commitments
                .iter()
                .find(|c| c.recommendation == column.id);
            let grade_from = entry.map_or(*grade_to, |e| e.grade_from);
            let latest = entry.and_then(|e| {
                e.evidence
                    .iter()
                    .filter(|item| item.counts_from.is_some())
                    .max_by_key(|item| item.counts_from)
            });
            let fields = [
                row.actor.as_str(),
                row.name.as_str(),
                row.kind,
                column.id.as_str(),
                column.title.as_str(),
                grade_from.name(),
                grade_to.name(),
                entry.and_then(|e| e.assessed.as_deref()).unwrap_or(""),
                &entry.map_or(0, |e| e.evidence.len()).to_string(),
                latest.and_then(|e| e.date.as_deref()).unwrap_or(""),
                latest.map_or("", |e| e.title.as_str()),
                entry.map_or("", |e| e.note.as_str()),
            ];
            writer.write_record(fields.iter().map(|f| clean(f).into_owned()))?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
