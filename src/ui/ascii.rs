//! The screen for a terminal that does not take UTF-8 (`LANG=C`, Latin-1):
//! every cell drawn in ASCII, so nothing arrives as mojibake. Statuses,
//! bars, borders and punctuation have ASCII stand-ins; accented Latin
//! letters lose their accents; anything else becomes `?`, as wide as the
//! original so the columns stay where they were.

use ratatui::buffer::Buffer;

/// The ASCII stand-in for one status symbol, so a legend can say what the
/// matrix shows.
pub fn status_symbol(symbol: char) -> char {
    match symbol {
        '·' => '.',
        '○' => 'o',
        '◔' => '+',
        '◑' => '*',
        '●' => '#',
        '✗' => 'x',
        '–' => '-',
        other => other,
    }
}

/// One grapheme cluster in ASCII, one column wide (a wide cluster keeps its
/// second cell, which ratatui leaves blank).
fn transliterate(cluster: &str) -> char {
    let mut chars = cluster.chars();
    let Some(first) = chars.next() else {
        return ' ';
    };
    if first.is_ascii() {
        return first;
    }
    let symbol = status_symbol(first);
    if symbol != first {
        return symbol;
    }
    match first {
        '█' | '▓' | '▒' => '#',
        '░' => '.',
        '…' => '~',
        '—' | '─' | '━' | '═' => '-',
        '│' | '┃' | '║' | '▏' | '▕' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╯' | '╰' => {
            '+'
        }
        '▶' | '►' | '→' | '›' | '»' => '>',
        '◀' | '◄' | '←' | '‹' | '«' => '<',
        '•' => '*',
        '‘' | '’' | '′' => '\'',
        '“' | '”' | '″' => '"',
        '\u{a0}' => ' ',
        '�' => '?',
        letter => unaccented(letter).unwrap_or('?'),
    }
}

/// A Latin letter without its accent, for names such as Türkiye or Côte
/// d'Ivoire (composed or decomposed: a combining mark follows its base in
/// the same cluster, and only the base is read here).
fn unaccented(letter: char) -> Option<char> {
    const TABLE: [(&str, char); 30] = [
        ("ÀÁÂÃÄÅĀĂĄ", 'A'),
        ("àáâãäåāăą", 'a'),
        ("ÇĆČ", 'C'),
        ("çćč", 'c'),
        ("ÈÉÊËĒĖĘĚ", 'E'),
        ("èéêëēėęě", 'e'),
        ("ÌÍÎÏĪİ", 'I'),
        ("ìíîïīı", 'i'),
        ("ÑŃŇ", 'N'),
        ("ñńň", 'n'),
        ("ÒÓÔÕÖØŌŐ", 'O'),
        ("òóôõöøōő", 'o'),
        ("ÙÚÛÜŪŮŰ", 'U'),
        ("ùúûüūůű", 'u'),
        ("ÝŸ", 'Y'),
        ("ýÿ", 'y'),
        ("ŚŠŞ", 'S'),
        ("śšşß", 's'),
        ("ŹŻŽ", 'Z'),
        ("źżž", 'z'),
        ("Ł", 'L'),
        ("ł", 'l'),
        ("ĎĐ", 'D'),
        ("ďđ", 'd'),
        ("Ř", 'R'),
        ("ř", 'r'),
        ("ŤŢ", 'T'),
        ("ťţ", 't'),
        ("Ğ", 'G'),
        ("ğ", 'g'),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(letter))
        .map(|(_, plain)| *plain)
}

/// Rewrites every cell of `buffer` in ASCII.
pub fn to_ascii(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if !cell.symbol().is_ascii() {
            let plain = transliterate(cell.symbol());
            cell.set_char(plain);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_symbol_has_a_distinct_ascii_stand_in() {
        let symbols: Vec<char> = crate::model::Status::ALL
            .iter()
            .map(|s| status_symbol(s.symbol()))
            .collect();
        assert!(symbols.iter().all(char::is_ascii_graphic), "{symbols:?}");
        let mut distinct = symbols.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), symbols.len(), "{symbols:?}");
    }

    #[test]
    fn letters_lose_their_accents_and_other_scripts_become_question_marks() {
        assert_eq!(transliterate("ü"), 'u');
        assert_eq!(transliterate("C\u{327}"), 'C');
        assert_eq!(transliterate("Ô"), 'O');
        assert_eq!(transliterate("日"), '?');
        assert_eq!(transliterate("█"), '#');
        assert_eq!(transliterate("┌"), '+');
    }
}
