//! Splicing an edit into an actor file as it was written: only the edited
//! commitments' text changes; comments, layout, the order of entries and
//! the line endings (CRLF, CR) everywhere else stay byte for byte.
//!
//! The new commitment's text is the canonical writer's, cut out of the
//! canonical text of the whole new actor, re-indented to the file's
//! indentation and given the file's line ending. When the file's shape
//! leaves no safe place to put it, the whole file is written canonically
//! instead, and the caller is told why.

#[cfg(test)]
mod tests;
mod tokens;

use tokens::{Kind, plain_string, tokens};

use crate::model::Actor;
use crate::store::actor_to_ron;
use crate::store::parse::parse_file;

/// An actor file's new text, and why it was rewritten canonically if it
/// could not be spliced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActorText {
    /// The whole new file.
    pub text: String,
    /// Why the file was rewritten in canonical form instead of spliced
    /// (`None` when spliced, or when there was no file before).
    pub rewritten: Option<String>,
}

/// The text of `new`'s file, spliced into `old` (the file's bytes as
/// committed) when there is one; see the module's documentation.
pub(crate) fn actor_text(old: Option<&[u8]>, new: &Actor) -> ActorText {
    let canonical = actor_to_ron(new);
    let Some(old) = old else {
        return ActorText {
            text: canonical,
            rewritten: None,
        };
    };
    match splice(old, new, &canonical) {
        Ok(text) => ActorText {
            text,
            rewritten: None,
        },
        Err(reason) => ActorText {
            text: canonical,
            rewritten: Some(reason),
        },
    }
}

const BOM: &str = "\u{feff}";

fn splice(old: &[u8], new: &Actor, canonical: &str) -> Result<String, String> {
    let whole = std::str::from_utf8(old).map_err(|_| "it is not valid UTF-8".to_string())?;
    let (bom, text) = match whole.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", whole),
    };
    let before: Actor =
        parse_file("", old).map_err(|_| "the committed file does not load".to_string())?;
    let mut expected = before.clone();
    expected.commitments = new.commitments.clone();
    if expected != *new {
        return Err("fields other than commitments changed".into());
    }
    let file = Layout::of(text)?;
    let fresh = Layout::of(canonical)?;
    let eol = line_ending(text);
    let mut edits = Edits::default();
    let changed = |key: &str| before.commitments.get(key) != new.commitments.get(key);
    let mut seen = std::collections::HashSet::new();
    for entry in &file.entries {
        if !seen.insert(entry.key.as_str()) {
            return Err(format!("the commitment `{}` is written twice", entry.key));
        }
        if !changed(&entry.key) {
            continue;
        }
        match fresh.entry(&entry.key) {
            Some(replacement) => {
                let value = reindent(
                    fresh.value_text(canonical, replacement),
                    &indent_at(canonical, replacement.key_start),
                    &file.entry_indent(text, entry),
                    eol,
                );
                edits.push(entry.value_start, entry.value_end, value);
            }
            None => {
                let (start, end) = removal(text, entry);
                edits.push(start, end, String::new());
            }
        }
    }
    let added: Vec<&Entry> = fresh
        .entries
        .iter()
        .filter(|e| !before.commitments.contains_key(&e.key))
        .collect();
    if !added.is_empty() && file.map.is_none() {
        add_field(text, canonical, &file, &fresh, eol, &mut edits)?;
    } else if !added.is_empty() {
        insert(text, canonical, &file, &fresh, &added, eol, &mut edits)?;
    }
    let spliced = format!("{bom}{}", edits.apply(text)?);
    match parse_file::<Actor>("", spliced.as_bytes()) {
        Ok(actor) if actor == *new => Ok(spliced),
        _ => Err("the spliced file did not read back as the edit".into()),
    }
}

/// Places the commitments that are new: each before the first entry whose
/// key sorts after it (so a sorted file stays sorted), or after the last.
fn insert(
    text: &str,
    canonical: &str,
    file: &Layout,
    fresh: &Layout,
    added: &[&Entry],
    eol: &str,
    edits: &mut Edits,
) -> Result<(), String> {
    let (Some(map), Some(fresh_map)) = (&file.map, &fresh.map) else {
        return Err("its commitments are not written as a map".into());
    };
    let Some(last) = file.entries.last() else {
        // An empty map (`commitments: {}`): write the whole map afresh.
        let value = reindent(
            &canonical[fresh_map.start..fresh_map.end],
            &indent_at(canonical, fresh_map.field_start),
            &Indent::at(text, map.field_start, None),
            eol,
        );
        edits.push(map.start, map.end, value);
        return Ok(());
    };
    let fresh_indent = |entry: &Entry| indent_at(canonical, entry.key_start);
    let mut at_end = Vec::new();
    for new in added {
        let entry_text = |indent: &Indent| {
            format!(
                "{}{}",
                indent.base,
                reindent(
                    &canonical[new.key_start..new.value_end],
                    &fresh_indent(new),
                    indent,
                    eol
                )
            )
        };
        match file.entries.iter().find(|e| e.key > new.key) {
            Some(next) => {
                if !starts_line(text, next.key_start) {
                    return Err("its commitments do not each start a line".into());
                }
                let indent = file.entry_indent(text, next);
                let at = line_start(text, next.key_start);
                edits.push(at, at, format!("{},{eol}", entry_text(&indent)));
            }
            None => at_end.push(new),
        }
    }
    if at_end.is_empty() {
        return Ok(());
    }
    if !starts_line(text, last.key_start) {
        return Err("its commitments do not each start a line".into());
    }
    let indent = file.entry_indent(text, last);
    let comma = last.comma_end.is_some();
    if !comma {
        edits.push(last.value_end, last.value_end, ",".into());
    }
    let after = last.comma_end.unwrap_or(last.value_end);
    let at = line_end(text, after);
    let mut inserted = String::new();
    for (n, new) in at_end.iter().enumerate() {
        inserted.push_str(eol);
        let full = format!(
            "{}{}",
            indent.base,
            reindent(
                &canonical[new.key_start..new.value_end],
                &fresh_indent(new),
                &indent,
                eol
            )
        );
        inserted.push_str(&full);
        // The file's own habit for the last entry: a trailing comma or none.
        if comma || n + 1 < at_end.len() {
            inserted.push(',');
        }
    }
    edits.push(at, at, inserted);
    Ok(())
}

/// Adds the `commitments` field to a file that has none, as the last field
/// (where the canonical writer puts it), indented like the field before it.
fn add_field(
    text: &str,
    canonical: &str,
    file: &Layout,
    fresh: &Layout,
    eol: &str,
    edits: &mut Edits,
) -> Result<(), String> {
    let Some(fresh_map) = &fresh.map else {
        return Err("the canonical text has no commitments".into());
    };
    if !starts_line(text, file.close) {
        return Err("its fields do not each start a line".into());
    }
    let from = indent_at(canonical, fresh_map.field_start);
    let indent = Indent::at(text, file.before_close, None);
    let field = reindent(
        &canonical[fresh_map.field_start..fresh_map.end],
        &from,
        &indent,
        eol,
    );
    if !file.comma_before_close {
        edits.push(file.before_close, file.before_close, ",".into());
    }
    let at = line_start(text, file.close);
    edits.push(at, at, format!("{}{field},{eol}", indent.base));
    Ok(())
}

/// The bytes to remove for a commitment that is gone: its whole lines when
/// it has them to itself, else just the entry and its comma.
fn removal(text: &str, entry: &Entry) -> (usize, usize) {
    let end = entry.comma_end.unwrap_or(entry.value_end);
    let rest_of_line = line_end(text, end);
    if starts_line(text, entry.key_start) && text[end..rest_of_line].trim().is_empty() {
        let after_eol = if text[rest_of_line..].starts_with("\r\n") {
            rest_of_line + 2
        } else if rest_of_line < text.len() {
            rest_of_line + 1
        } else {
            rest_of_line
        };
        (line_start(text, entry.key_start), after_eol)
    } else {
        (entry.key_start, end)
    }
}

/// The file's line ending: the most common of `\r\n`, `\n` and a lone `\r`.
fn line_ending(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let cr = text.matches('\r').count() - crlf;
    if crlf >= lf && crlf >= cr && crlf > 0 {
        "\r\n"
    } else if cr > lf {
        "\r"
    } else {
        "\n"
    }
}

fn is_eol(c: char) -> bool {
    c == '\n' || c == '\r'
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(is_eol).map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find(is_eol).map_or(text.len(), |i| at + i)
}

fn starts_line(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at].trim().is_empty()
}

/// The whitespace that begins the line `at` is on.
fn indent_at(text: &str, at: usize) -> String {
    let line = &text[line_start(text, at)..];
    line.chars()
        .take_while(|c| c.is_whitespace() && !is_eol(*c))
        .collect()
}

/// How the file indents: the whitespace of the line being written, and one
/// level of nesting (two spaces, four, a tab).
struct Indent {
    base: String,
    unit: String,
}

/// The canonical writer's nesting step.
const CANONICAL_UNIT: &str = "    ";

impl Indent {
    /// The indentation at `at`, with the step from `outer` (a line one
    /// level out) to it as the unit; four spaces when that tells nothing.
    fn at(text: &str, at: usize, outer: Option<usize>) -> Indent {
        let base = indent_at(text, at);
        let outer = outer.map_or(String::new(), |o| indent_at(text, o));
        let unit = match base.strip_prefix(&outer) {
            Some(step) if !step.is_empty() => step.to_string(),
            _ => CANONICAL_UNIT.to_string(),
        };
        Indent { base, unit }
    }
}

/// `text` (canonical, `\n`-separated, its lines after the first indented
/// from `from`) with those lines indented from `to` — each level of
/// nesting in `to`'s unit — and joined by `eol`.
fn reindent(text: &str, from: &str, to: &Indent, eol: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n == 0 {
            out.push_str(line);
            continue;
        }
        out.push_str(eol);
        let rest = line.strip_prefix(from).unwrap_or(line);
        let body = rest.trim_start_matches(' ');
        let spaces = rest.len() - body.len();
        out.push_str(&to.base);
        for _ in 0..spaces / CANONICAL_UNIT.len() {
            out.push_str(&to.unit);
        }
        out.push_str(&" ".repeat(spaces % CANONICAL_UNIT.len()));
        out.push_str(body);
    }
    out
}

/// Replacements by byte range, applied in one pass.
#[derive(Default)]
struct Edits(Vec<(usize, usize, String)>);

impl Edits {
    fn push(&mut self, start: usize, end: usize, text: String) {
        self.0.push((start, end, text));
    }

    fn apply(mut self, text: &str) -> Result<String, String> {
        // Stable: insertions at one place keep the order they were made in.
        self.0.sort_by_key(|(start, end, _)| (*start, *end));
        let mut out = String::with_capacity(text.len() + 256);
        let mut done = 0;
        for (start, end, replacement) in &self.0 {
            if *start < done {
                return Err("two changes overlap".into());
            }
            out.push_str(&text[done..*start]);
            out.push_str(replacement);
            done = *end;
        }
        out.push_str(&text[done..]);
        Ok(out)
    }
}

/// One `"key": value` of the commitments map, by byte offsets.
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    key_start: usize,
    value_start: usize,
    value_end: usize,
    /// Just after the comma that follows the value, if one does.
    comma_end: Option<usize>,
}

/// Where the commitments map and its entries are in a file's text.
#[derive(Debug)]
struct Layout {
    /// The map, when the file has a `commitments` field.
    map: Option<Map>,
    entries: Vec<Entry>,
    /// The top-level struct's closing `)`, and whether a comma precedes it.
    close: usize,
    comma_before_close: bool,
    /// Just after the last token before that `)`.
    before_close: usize,
}

/// The `commitments: { … }` field.
#[derive(Debug)]
struct Map {
    /// The field's name.
    field_start: usize,
    /// The map's `{`, and just after its `}`.
    start: usize,
    end: usize,
}

impl Layout {
    fn of(text: &str) -> Result<Layout, String> {
        let tokens = tokens(text)?;
        let mut depth = 0usize;
        let mut field = None;
        let mut close = None;
        for (i, token) in tokens.iter().enumerate() {
            match token.kind {
                Kind::Open(_) => depth += 1,
                Kind::Close(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && token.kind == Kind::Close(')') && i > 0 {
                        close = Some(i);
                        break;
                    }
                }
                Kind::Ident if depth == 1 && &text[token.start..token.end] == "commitments" => {
                    let colon = tokens.get(i + 1).map(|t| t.kind);
                    let open = tokens.get(i + 2).map(|t| t.kind);
                    if colon == Some(Kind::Punct(':')) && open == Some(Kind::Open('{')) {
                        field = Some(i);
                    }
                }
                _ => {}
            }
        }
        let close = close.ok_or("its top-level `( … )` is not found")?;
        let last = &tokens[close - 1];
        let mut layout = Layout {
            map: None,
            entries: Vec::new(),
            close: tokens[close].start,
            comma_before_close: last.kind == Kind::Punct(','),
            before_close: last.end,
        };
        let Some(field) = field else {
            return Ok(layout);
        };
        let mut i = field + 3;
        loop {
            let token = tokens.get(i).ok_or("the commitments map is never closed")?;
            if token.kind == Kind::Close('}') {
                layout.map = Some(Map {
                    field_start: tokens[field].start,
                    start: tokens[field + 2].start,
                    end: token.end,
                });
                return Ok(layout);
            }
            let Kind::Str = token.kind else {
                return Err("a commitment's key is not a plain string".into());
            };
            let key = plain_string(&text[token.start..token.end])
                .ok_or("a commitment's key is not a plain string")?;
            if tokens.get(i + 1).map(|t| t.kind) != Some(Kind::Punct(':')) {
                return Err("a commitment's key is not followed by `:`".into());
            }
            let value_first = i + 2;
            let mut j = value_first;
            let mut nested = 0usize;
            while let Some(t) = tokens.get(j) {
                match t.kind {
                    Kind::Open(_) => nested += 1,
                    Kind::Close(_) if nested == 0 => break,
                    Kind::Close(_) => nested -= 1,
                    Kind::Punct(',') if nested == 0 => break,
                    _ => {}
                }
                j += 1;
            }
            if j == value_first {
                return Err("a commitment has no value".into());
            }
            let value_start = tokens[value_first].start;
            let value_end = tokens[j - 1].end;
            let comma_end = match tokens.get(j) {
                Some(t) if t.kind == Kind::Punct(',') => {
                    j += 1;
                    Some(t.end)
                }
                _ => None,
            };
            layout.entries.push(Entry {
                key,
                key_start: token.start,
                value_start,
                value_end,
                comma_end,
            });
            i = j;
        }
    }

    /// How the file indents `entry` and the levels within it.
    fn entry_indent(&self, text: &str, entry: &Entry) -> Indent {
        let field = self.map.as_ref().map(|map| map.field_start);
        Indent::at(text, entry.key_start, field)
    }

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    fn value_text<'t>(&self, text: &'t str, entry: &Entry) -> &'t str {
        &text[entry.value_start..entry.value_end]
    }
}
