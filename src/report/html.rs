//! The report as one self-contained HTML file: inline CSS (with a print
//! style that starts each section on a new page), the progress chart as
//! inline SVG, no script and nothing fetched from elsewhere. Every status
//! is written as a symbol and a word, never by colour alone.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute, encode_text};

use super::chart::{chart, group_label};
use super::text::{clean, safe_url};
use super::{EvidenceEntry, Figure, Report};
use crate::model::Status;

/// Text from the data, cleaned by the one rule, then escaped for HTML.
pub(super) fn text(value: &str) -> String {
    encode_text(&clean(value)).into_owned()
}

/// A link when `url` is a web address (escaped for the attribute), else the text.
fn link(label: &str, url: Option<&str>) -> String {
    match url.and_then(safe_url) {
        Some(url) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            encode_double_quoted_attribute(url),
            text(label)
        ),
        None => text(label),
    }
}

fn class(status: Status) -> &'static str {
    match status {
        Status::NoEvidence => "s-none",
        Status::Endorsed => "s-endorsed",
        Status::Initiated => "s-initiated",
        Status::Substantial => "s-substantial",
        Status::Implemented => "s-implemented",
        Status::Reversed => "s-reversed",
        Status::NotApplicable => "s-na",
    }
}

/// A status as a symbol and its word.
fn grade(status: Status) -> String {
    format!(
        "<span class=\"{}\"><span aria-hidden=\"true\">{}</span> {}</span>",
        class(status),
        status.symbol(),
        status.label()
    )
}

const STYLE: &str = "
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --band: #f4f4f4; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink);
  max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .3rem; }
h4 { font-size: 1rem; margin: .9rem 0 .2rem; }
p, li { max-width: 60rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
dl.stamp { display: grid; grid-template-columns: max-content auto; gap: .15rem 1rem; margin: 0;
  padding: .6rem .8rem; background: var(--band); border: 1px solid var(--rule); }
dl.stamp dt { font-weight: 600; }
dl.stamp dd { margin: 0; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: .9em; word-break: break-all; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .2rem .45rem; vertical-align: top; }
thead th { background: var(--band); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tbody th[scope=row] { text-align: left; }
table.matrix td, table.matrix thead th.c { text-align: center; min-width: 1.8rem; }
table.matrix th[scope=row] { text-align: left; font-weight: normal; white-space: nowrap; }
table.matrix tr.group th { text-align: left; background: var(--band); padding-top: .4rem; }
table.tracker th[scope=row] { min-width: 16rem; }
table.tracker thead th { font-weight: normal; font-size: .9em; }
.nowrap, .nowrap code { white-space: nowrap; word-break: normal; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: 0; list-style: none; }
.s-implemented { color: #0a6b2c; } .s-substantial { color: #2b7a0b; } .s-initiated { color: #8a5a00; }
.s-endorsed { color: #1f5f9e; } .s-reversed { color: #b00020; font-weight: 600; } .s-none, .s-na { color: var(--muted); }
.up { color: #0a6b2c; } .down { color: #8a5a00; } .reversed { color: #b00020; }
ol.columns { columns: 2; padding-left: 1.6rem; }
.note { margin: .2rem 0; }
.muted { color: var(--muted); }
ul.evidence { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
.key { white-space: nowrap; margin-right: .6rem; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
article.actor { break-inside: avoid-page; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-before: page; }
  section#headline { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  a { color: inherit; }
  a[href]::after { content: ' <' attr(href) '>'; font-size: .8em; color: var(--muted); word-break: break-all; }
}
";

/// The whole report as one HTML document.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024 + report.actors.len() * 2048);
    let stamp = &report.stamp;
    let (from, to) = (&stamp.from, &stamp.to);
    let named = |point: &super::Point| match &point.milestone {
        Some(id) => format!("{} ({})", point.date.format("%Y-%m-%d"), text(id)),
        None => point.date.format("%Y-%m-%d").to_string(),
    };
    let title = text(&stamp.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{}\">\n\
         <title>{title}: reconvening report, {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        text(&stamp.generator),
        to.date
    );
    let _ = writeln!(
        out,
        "<header>\n<h1>{title}</h1>\n<p class=\"subtitle\">Reconvening report: {} → {}</p>",
        named(from),
        named(to)
    );
    let _ = writeln!(
        out,
        "<dl class=\"stamp\" id=\"stamp\">\n<dt>Dataset</dt><dd>{title}</dd>\n\
         <dt>Period</dt><dd>{} → {}</dd>\n\
         <dt>Record</dt><dd>commit <code>{}</code> of {}</dd>\n\
         <dt>Generated by</dt><dd>{}</dd>\n</dl>",
        named(from),
        named(to),
        text(&stamp.commit.id),
        text(&stamp.commit.date),
        text(&stamp.generator)
    );
    let _ = writeln!(
        out,
        "<p class=\"muted\">Grades are read on the first clock: each commitment's grade is the one \
         its evidence dated up to that day supports. The record's changes are read on the second \
         clock: the commits made in the period.</p>\n</header>"
    );

    headline(&mut out, report);
    matrix(&mut out, report);
    tracker(&mut out, report);
    moves(&mut out, report);
    record(&mut out, report);
    silent(&mut out, report);
    warnings(&mut out, report);
    actors(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

fn figure_cell(figure: &Figure) -> String {
    format!("<td class=\"n\">{}</td>", figure.text())
}

fn headline(out: &mut String, report: &Report) {
    let (from, to) = (report.stamp.from.date, report.stamp.to.date);
    let headline = &report.headline;
    let _ = writeln!(
        out,
        "<section id=\"headline\">\n<h2>Headline</h2>\n<table>\n<caption class=\"visually-hidden\">\
         Progress at each end of the period</caption>\n<thead><tr><th scope=\"col\">Group</th>\
         <th scope=\"col\" class=\"n\">Actors</th><th scope=\"col\" class=\"n\">{from}</th>\
         <th scope=\"col\" class=\"n\">{to}</th></tr></thead>\n<tbody>"
    );
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\">All actors</th><td class=\"n\">{}</td>{}{}</tr>",
        report.matrix.len(),
        figure_cell(&headline.overall.from),
        figure_cell(&headline.overall.to)
    );
    for group in &headline.groups {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td>{}{}</tr>",
            group.label,
            group.actors,
            figure_cell(&group.from),
            figure_cell(&group.to)
        );
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n<p>Between {from} and {to}: <span class=\"up\">▲ {}</span> \
         commitments moved up, <span class=\"down\">▼ {}</span> moved down, \
         <span class=\"reversed\">✗ {}</span> were reversed.</p>",
        headline.moved_up, headline.moved_down, headline.reversed
    );
    chart(out, report);
    out.push_str("</section>\n");
}

fn matrix(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<section id=\"matrix\">\n<h2>Matrix as of {}</h2>\n<ul class=\"legend\">",
        report.stamp.to.date
    );
    for entry in &report.legend {
        let _ = writeln!(out, "<li>{}</li>", grade(entry.status));
    }
    out.push_str("<li>blank: not addressed to this actor</li>\n</ul>\n<ol class=\"columns\">\n");
    for column in &report.recommendations {
        let tracked = if column.tracked { " (tracked)" } else { "" };
        let _ = writeln!(out, "<li>{}{tracked}</li>", text(&column.title));
    }
    out.push_str(
        "</ol>\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\">Actor</th>\
         <th scope=\"col\" class=\"n\">Progress</th>",
    );
    for column in &report.recommendations {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"c\" title=\"{}\">{}</th>",
            encode_double_quoted_attribute(&clean(&column.title)),
            column.number
        );
    }
    out.push_str("</tr></thead>\n");
    let mut kind = "";
    for row in &report.matrix {
        // One body per kind of actor, headed by the kind, as the dashboard groups them.
        if row.kind != kind {
            if !kind.is_empty() {
                out.push_str("</tbody>\n");
            }
            kind = row.kind;
            let _ = writeln!(
                out,
                "<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
                report.recommendations.len() + 2,
                group_label(kind)
            );
        }
        let percent = row.percent.map_or_else(|| "–".into(), |p| format!("{p}%"));
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{percent}</td>",
            text(&row.name)
        );
        for cell in &row.cells {
            match cell {
                Some(status) => {
                    let _ = write!(
                        out,
                        "<td class=\"{}\" title=\"{}\"><span aria-hidden=\"true\">{}</span>\
                         <span class=\"visually-hidden\">{}</span></td>",
                        class(*status),
                        status.label(),
                        status.symbol(),
                        status.label()
                    );
                }
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    if !kind.is_empty() {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</section>\n");
}

fn tracker(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<section id=\"tracker\">\n<h2>Government tracker</h2>\n<p>Governments and \
         intergovernmental bodies on the recommendations the Tech Accord pledged to track, as of \
         {}.</p>\n<table class=\"tracker\">\n<thead><tr><th scope=\"col\">Recommendation</th>",
        report.stamp.to.date
    );
    for entry in &report.legend {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"n\">{}</th>",
            grade(entry.status)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for column in &report.tracker {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}. {}</th>",
            column.number,
            text(&column.title)
        );
        for (_, n) in column.counts.iter() {
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn evidence_item(item: &EvidenceEntry) -> String {
    let mut details = vec![text(&item.source)];
    if let Some(date) = &item.date {
        details.push(text(date));
    }
    details.push(item.provenance.into());
    details.push(format!("supports {}", grade(item.supports)));
    format!(
        "<li>{} — {}</li>",
        link(&item.title, item.url.as_deref()),
        details.join(", ")
    )
}

fn moves(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<section id=\"moves\">\n<h2>What moved, {} → {}</h2>",
        report.stamp.from.date, report.stamp.to.date
    );
    if report.moves.is_empty() {
        out.push_str("<p>No grade changed in the period.</p>\n");
    } else {
        out.push_str(
            "<table>\n<thead><tr><th scope=\"col\">Actor</th><th scope=\"col\">Recommendation</th>\
             <th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">Evidence that \
             moved it</th></tr></thead>\n<tbody>\n",
        );
        for moved in &report.moves {
            let evidence: String = moved.evidence.iter().map(evidence_item).collect();
            let evidence = if evidence.is_empty() {
                "<span class=\"muted\">undated evidence only</span>".to_string()
            } else {
                format!("<ul class=\"evidence\">{evidence}</ul>")
            };
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{} \
                 <span class=\"{}\">{} {}</span></td><td>{evidence}</td></tr>",
                text(&moved.name),
                text(&moved.recommendation),
                grade(moved.from),
                grade(moved.to),
                moved.way.label(),
                moved.way.symbol(),
                moved.way.label()
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn record(out: &mut String, report: &Report) {
    out.push_str("<section id=\"record\">\n<h2>What the record says changed</h2>\n");
    if let Some(note) = &report.record_changes_note {
        let _ = writeln!(out, "<p>{}</p>", text(note));
    }
    if report.record_changes.is_empty() {
        out.push_str("<p>No commit changed the dataset in the period.</p>\n");
    } else {
        out.push_str(
            "<table>\n<thead><tr><th scope=\"col\">Commit</th><th scope=\"col\">When (UTC)</th>\
             <th scope=\"col\">Who</th><th scope=\"col\">What</th></tr></thead>\n<tbody>\n",
        );
        for change in &report.record_changes {
            let short = change.commit.get(..10).unwrap_or(&change.commit);
            let mut lines: String = change
                .lines
                .iter()
                .take(super::LINES_SHOWN)
                .map(|l| format!("<li>{}</li>", text(l)))
                .collect();
            if let Some(more) = change.lines.len().checked_sub(super::LINES_SHOWN)
                && more > 0
            {
                let _ = write!(
                    lines,
                    "<li class=\"muted\">… and {more} more (<code>reconvene log</code> lists \
                     them all)</li>"
                );
            }
            let _ = writeln!(
                out,
                "<tr><td class=\"nowrap\"><code title=\"{}\">{}</code></td><td class=\"nowrap\">{}</td><td>{} &lt;{}&gt;</td>\
                 <td><strong>{}</strong><ul class=\"evidence\">{lines}</ul></td></tr>",
                text(&change.commit),
                text(short),
                text(&change.date),
                text(&change.author_name),
                text(&change.author_email),
                text(&change.subject)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn silent(out: &mut String, report: &Report) {
    let silent = &report.silent;
    let since = match silent
        .since_milestone
        .as_ref()
        .and_then(|id| report.stamp.milestones.iter().find(|m| &m.id == id))
    {
        Some(m) => format!("{} ({})", text(&m.title), m.date),
        None => silent.since.to_string(),
    };
    let _ = writeln!(
        out,
        "<section id=\"silent\">\n<h2>Who is silent</h2>\n<h3>No new evidence since {since}</h3>\n\
         <p>{} actors graded on something have no evidence dated after {} up to {}.</p>",
        silent.actors.len(),
        silent.since,
        report.stamp.to.date
    );
    if !silent.actors.is_empty() {
        out.push_str("<ul>\n");
        for actor in &silent.actors {
            let latest = actor.latest_evidence.as_deref().map_or_else(
                || "no dated evidence".into(),
                |d| format!("latest evidence {}", text(d)),
            );
            let _ = writeln!(
                out,
                "<li>{} <span class=\"muted\">({latest})</span></li>",
                text(&actor.name)
            );
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<h3>Not assessed for {} days</h3>\n<p>{} graded commitments were last assessed before \
         {} (or never).</p>",
        silent.stale_days,
        silent.stale.len(),
        silent.stale_before
    );
    if !silent.stale.is_empty() {
        out.push_str("<ul>\n");
        for stale in &silent.stale {
            let when = stale
                .assessed
                .as_deref()
                .map_or_else(|| "never assessed".into(), text);
            let _ = writeln!(
                out,
                "<li>{} · {}: {when}</li>",
                text(&stale.name),
                text(&stale.recommendation)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn warnings(out: &mut String, report: &Report) {
    out.push_str("<section id=\"warnings\">\n<h2>Warnings</h2>\n");
    if report.warnings.is_empty() {
        out.push_str("<p>The validator found nothing to warn about.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for warning in &report.warnings {
            let _ = writeln!(
                out,
                "<li>{} · {}: {}</li>",
                text(&warning.actor),
                text(&warning.recommendation),
                text(&warning.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn actors(out: &mut String, report: &Report) {
    let (from, to) = (report.stamp.from.date, report.stamp.to.date);
    out.push_str("<section id=\"actors\">\n<h2>Actors</h2>\n");
    for actor in &report.actors {
        let mut about = vec![actor.kind.to_string()];
        if let Some(country) = &actor.country {
            about.push(text(country));
        }
        let _ = writeln!(
            out,
            "<article class=\"actor\" id=\"actor-{}\">\n<h3>{}</h3>\n<p class=\"muted\">{} · \
             progress {} on {from} → {} on {to}</p>",
            encode_double_quoted_attribute(&clean(&actor.id)),
            text(&actor.name),
            about.join(" · "),
            actor.progress.from.text(),
            actor.progress.to.text()
        );
        for commitment in &actor.commitments {
            let was = if commitment.grade_from != commitment.grade {
                format!(
                    " <span class=\"muted\">(was {} on {from})</span>",
                    grade(commitment.grade_from)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<h4>{}. {}: {}{was}</h4>",
                commitment.number,
                text(&commitment.title),
                grade(commitment.grade)
            );
            if !commitment.note.is_empty() {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", text(&commitment.note));
            }
            if let Some(assessed) = &commitment.assessed {
                let _ = writeln!(out, "<p class=\"muted\">Assessed {}.</p>", text(assessed));
            }
            if !commitment.evidence.is_empty() {
                let items: String = commitment.evidence.iter().map(evidence_item).collect();
                let _ = writeln!(out, "<ul class=\"evidence\">{items}</ul>");
            }
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}
