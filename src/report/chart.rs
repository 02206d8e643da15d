//! The progress-over-time chart of the HTML report, as inline SVG.

use std::fmt::Write;

use chrono::Datelike;

use super::html::text;
use super::{Report, SeriesPoint};

/// How each line of the chart is drawn: a colour and a dash pattern, so
/// that the lines differ without colour too.
const LINES: [(&str, &str); 6] = [
    ("#1b1b1b", ""),
    ("#1f5f9e", "6 3"),
    ("#8a5a00", "2 3"),
    ("#0a6b2c", "10 3 2 3"),
    ("#7a1fa2", "4 2"),
    ("#b00020", "1 2"),
];

/// The progress-over-time chart as inline SVG: overall and each group's
/// progress as steps (it changes only on the days evidence takes effect),
/// the milestones marked.
pub(super) fn chart(out: &mut String, report: &Report) {
    let points: Vec<&SeriesPoint> = report.progress_over_time.iter().collect();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return;
    };
    // The axis starts where the TUI's chart does (one model function decides
    // both): decades-old evidence would squeeze the years that matter into a
    // corner. The level at the axis's start is the last one before it.
    let stamp = &report.stamp;
    let start = crate::model::story_start(
        first.date,
        last.date,
        stamp.milestones.iter().map(|m| m.date),
    );
    let before: Option<&SeriesPoint> = points
        .iter()
        .copied()
        .take_while(|p| p.date <= start)
        .last();
    let points: Vec<&SeriesPoint> = before
        .into_iter()
        .chain(points.iter().copied().filter(|p| p.date > start))
        .collect();
    let (width, height) = (720.0_f64, 250.0_f64);
    let (left, right, top, bottom) = (40.0, 12.0, 22.0, 26.0);
    let days = (last.date - start).num_days().max(1) as f64;
    let x = |date: chrono::NaiveDate| {
        left + (date.max(start) - start).num_days() as f64 / days * (width - left - right)
    };
    let y = |percent: f64| top + (100.0 - percent) / 100.0 * (height - top - bottom);
    let percent_text = |p: Option<u16>| p.map_or_else(|| "–".into(), |p| format!("{p}%"));
    let _ = writeln!(
        out,
        "<figure>\n<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Overall progress from {} \
         to {}: {} to {}</title>",
        start,
        last.date,
        percent_text(first.percent),
        percent_text(last.percent)
    );
    for percent in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d0d0d0\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{percent}%</text>",
            width - right,
            y(percent),
            y(percent),
            left - 4.0,
            y(percent) + 4.0
        );
    }
    for year in start.year() + 1..=last.date.year() {
        if let Some(january) = chrono::NaiveDate::from_ymd_opt(year, 1, 1) {
            let _ = writeln!(
                out,
                "<line x1=\"{mx:.1}\" x2=\"{mx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1b1b1b\"/>\
                 <text x=\"{mx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{year}</text>",
                height - bottom,
                height - bottom + 4.0,
                height - bottom + 16.0,
                mx = x(january)
            );
        }
    }
    // Milestones are numbered on the chart and named in its caption: their
    // names would overlap where they fall a few weeks apart.
    let mut marks = Vec::new();
    for milestone in stamp
        .milestones
        .iter()
        .filter(|m| m.date >= start && m.date <= last.date)
    {
        marks.push(milestone);
        let mx = x(milestone.date);
        // Neighbours alternate between two rows.
        let label_y = if marks.len() % 2 == 1 {
            top - 3.0
        } else {
            top - 13.0
        };
        let _ = writeln!(
            out,
            "<line x1=\"{mx:.1}\" x2=\"{mx:.1}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"#8a8a8a\" \
             stroke-dasharray=\"3 3\"/><text x=\"{mx:.1}\" y=\"{label_y:.1}\" \
             text-anchor=\"middle\">{}</text>",
            height - bottom,
            marks.len()
        );
    }
    let line_count = 1 + first.groups.len();
    let mut legend = Vec::new();
    for line in 0..line_count {
        let (colour, dash) = LINES.get(line).copied().unwrap_or(LINES[0]);
        let value = |p: &SeriesPoint| match line.checked_sub(1) {
            None => p.percent,
            Some(g) => p.groups.get(g).and_then(|g| g.percent),
        };
        let name = match line.checked_sub(1).and_then(|g| first.groups.get(g)) {
            None => "All actors".to_string(),
            Some(group) => group_label(group.kind).to_string(),
        };
        // Steps: the level holds until the next point's day.
        let mut path = Vec::new();
        let mut previous: Option<f64> = None;
        for point in &points {
            let Some(percent) = value(point).map(f64::from) else {
                continue;
            };
            if let Some(before) = previous {
                path.push(format!("{:.1},{:.1}", x(point.date), y(before)));
            }
            path.push(format!("{:.1},{:.1}", x(point.date), y(percent)));
            previous = Some(percent);
        }
        let width_attr = if line == 0 { "2.5" } else { "1.5" };
        let _ = writeln!(
            out,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width_attr}\" \
             stroke-dasharray=\"{dash}\" points=\"{}\"><title>{name}</title></polyline>",
            path.join(" ")
        );
        legend.push(format!(
            "<span class=\"key\"><svg width=\"28\" height=\"8\" aria-hidden=\"true\"><line x1=\"0\" \
             x2=\"28\" y1=\"4\" y2=\"4\" stroke=\"{colour}\" stroke-width=\"{width_attr}\" \
             stroke-dasharray=\"{dash}\"/></svg> {name} {}</span>",
            percent_text(value(last))
        ));
    }
    let milestones: Vec<String> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| format!("{} {} ({})", i + 1, text(&m.title), m.date))
        .collect();
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>Progress over time on the first clock, up to {}: {}<br>\
         Milestones (dashed): {}.</figcaption>\n</figure>",
        last.date,
        legend.join(" "),
        milestones.join("; ")
    );
}

/// The plural heading of a kind named as in the data files.
pub(super) fn group_label(kind: &str) -> &'static str {
    crate::model::ActorKind::ALL
        .into_iter()
        .find(|k| k.name() == kind)
        .map_or("Other", |k| k.heading())
}
