//! The report as one JSON document with stable keys (the README lists them).

use super::Report;

/// The report, pretty-printed, ending with a newline. Text from the data is
/// kept whole (JSON escapes it); DEL and the C1 controls, which serde_json
/// leaves raw, are written as `\u` escapes so that a terminal never acts on
/// them.
pub fn render(report: &Report) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(report)?;
    text.push('\n');
    Ok(escape_c1(text))
}

fn escape_c1(json: String) -> String {
    let is_c1 = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !json.chars().any(is_c1) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_c1(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
