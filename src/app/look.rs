//! What the terminal can show and how the user wants it to look: colours
//! (none, the 16 ANSI ones, or more), whether it takes UTF-8, and the theme.
//! Decided once at start from the environment's values, as a pure function
//! of them so that every combination can be tested without touching the
//! process environment.

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colours {
    /// None (`TERM=dumb`, `NO_COLOR`): styles only (bold, reverse).
    None,
    /// The 8 ANSI colours in their normal intensity, which every colour
    /// terminal (a VT100 emulator, the Linux console) shows the same way.
    Sixteen,
    /// 256 colours or more (`*-256color`, `COLORTERM=truecolor`).
    Many,
}

/// The themes a user can choose in the config (`theme: "light"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Colours that read on a dark background (the default).
    #[default]
    Dark,
    /// Colours that read on a light background.
    Light,
}

impl Theme {
    /// Every theme with its name in the config.
    pub const ALL: [(Theme, &'static str); 2] = [(Theme::Dark, "dark"), (Theme::Light, "light")];

    /// The theme the config names (dark when it names none), and a warning
    /// when the name is not a theme: a typo never stops the program.
    pub fn from_config(name: Option<&str>) -> (Theme, Option<String>) {
        match name.map(Theme::named) {
            None => (Theme::Dark, None),
            Some(Ok(theme)) => (theme, None),
            Some(Err(warning)) => (Theme::Dark, Some(warning)),
        }
    }

    /// The theme called `name` in the config, or why there is none.
    pub fn named(name: &str) -> Result<Theme, String> {
        Theme::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(theme, _)| *theme)
            .ok_or_else(|| {
                let known: Vec<&str> = Theme::ALL.iter().map(|(_, n)| *n).collect();
                format!(
                    "config: no theme named `{}` (known: {}); using dark",
                    name.escape_debug(),
                    known.join(", ")
                )
            })
    }
}

/// How the screen is drawn on this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// The colours the terminal shows.
    pub colours: Colours,
    /// Whether the terminal takes UTF-8; without it, statuses, bars and
    /// borders are drawn in ASCII.
    pub unicode: bool,
    /// The theme chosen in the config.
    pub theme: Theme,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            colours: Colours::Sixteen,
            unicode: true,
            theme: Theme::Dark,
        }
    }
}

/// A variable's value when it is set and not empty.
fn set(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// The environment's values the look depends on (`None` when unset).
#[derive(Debug, Clone, Copy, Default)]
pub struct TerminalEnv<'a> {
    /// `TERM`.
    pub term: Option<&'a str>,
    /// `COLORTERM`.
    pub colorterm: Option<&'a str>,
    /// `NO_COLOR` (any non-empty value turns colour off).
    pub no_color: Option<&'a str>,
    /// `LC_ALL`.
    pub lc_all: Option<&'a str>,
    /// `LC_CTYPE`.
    pub lc_ctype: Option<&'a str>,
    /// `LANG`.
    pub lang: Option<&'a str>,
}

impl Look {
    /// The look for the terminal whose environment variables `var` reads
    /// (the runner passes the process environment; tests pass a table).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>, theme: Theme) -> Look {
        let values = [
            "TERM",
            "COLORTERM",
            "NO_COLOR",
            "LC_ALL",
            "LC_CTYPE",
            "LANG",
        ]
        .map(var);
        let [term, colorterm, no_color, lc_all, lc_ctype, lang] =
            values.each_ref().map(|v| v.as_deref());
        let env = TerminalEnv {
            term,
            colorterm,
            no_color,
            lc_all,
            lc_ctype,
            lang,
        };
        Look::detect(&env, theme)
    }

    /// The look for a terminal described by `env`, in the `theme` chosen.
    pub fn detect(env: &TerminalEnv<'_>, theme: Theme) -> Look {
        let term = set(env.term).unwrap_or("dumb").to_ascii_lowercase();
        let colorterm = set(env.colorterm).unwrap_or("").to_ascii_lowercase();
        let colours = if set(env.no_color).is_some() || term == "dumb" {
            Colours::None
        } else if term.starts_with("vt") || term == "ansi" || term == "linux" {
            Colours::Sixteen
        } else if colorterm == "truecolor"
            || colorterm == "24bit"
            || term.contains("256color")
            || term.contains("direct")
        {
            Colours::Many
        } else {
            Colours::Sixteen
        };
        // The locale that decides the character set is the first of these
        // set, as in C's setlocale; none at all is taken as UTF-8, today's
        // default everywhere, while an explicit C, POSIX or Latin-1 is not.
        let unicode = match [env.lc_all, env.lc_ctype, env.lang]
            .into_iter()
            .find_map(set)
        {
            Some(locale) => {
                let locale = locale.to_ascii_lowercase();
                locale.contains("utf-8") || locale.contains("utf8")
            }
            None => true,
        };
        Look {
            colours,
            unicode,
            theme,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(term: &str, colorterm: &str, no_color: &str, lang: &str) -> Look {
        let env = TerminalEnv {
            term: Some(term),
            colorterm: Some(colorterm),
            no_color: Some(no_color),
            lang: Some(lang),
            ..TerminalEnv::default()
        };
        Look::detect(&env, Theme::Dark)
    }

    #[test]
    fn colours_follow_term_colorterm_and_no_color() {
        let utf8 = "en_GB.UTF-8";
        assert_eq!(look("dumb", "", "", utf8).colours, Colours::None);
        assert_eq!(look("", "", "", utf8).colours, Colours::None);
        assert_eq!(look("vt100", "", "", utf8).colours, Colours::Sixteen);
        assert_eq!(look("xterm", "", "", utf8).colours, Colours::Sixteen);
        assert_eq!(look("screen", "", "", utf8).colours, Colours::Sixteen);
        assert_eq!(look("xterm-256color", "", "", utf8).colours, Colours::Many);
        assert_eq!(look("tmux-256color", "", "", utf8).colours, Colours::Many);
        assert_eq!(look("xterm", "truecolor", "", utf8).colours, Colours::Many);
        assert_eq!(look("xterm-256color", "", "1", utf8).colours, Colours::None);
        // NO_COLOR set but empty does not count, as no-color.org says.
        assert_eq!(look("xterm", "", "", utf8).colours, Colours::Sixteen);
    }

    #[test]
    fn a_locale_without_utf8_gets_ascii() {
        assert!(look("xterm", "", "", "en_US.UTF-8").unicode);
        assert!(look("xterm", "", "", "C.utf8").unicode);
        assert!(!look("xterm", "", "", "C").unicode);
        assert!(!look("xterm", "", "", "POSIX").unicode);
        assert!(!look("xterm", "", "", "de_DE.ISO-8859-1").unicode);
        // LC_ALL wins over LANG; LC_CTYPE over LANG.
        let env = TerminalEnv {
            term: Some("xterm"),
            lc_all: Some("C"),
            lang: Some("en_US.UTF-8"),
            ..TerminalEnv::default()
        };
        assert!(!Look::detect(&env, Theme::Dark).unicode);
        let env = TerminalEnv {
            term: Some("xterm"),
            lc_all: Some(""),
            lc_ctype: Some("fr_FR.UTF-8"),
            lang: Some("C"),
            ..TerminalEnv::default()
        };
        assert!(Look::detect(&env, Theme::Dark).unicode);
        // Nothing set at all: UTF-8.
        assert!(Look::detect(&TerminalEnv::default(), Theme::Dark).unicode);
    }

    #[test]
    fn themes_are_named_in_the_config() {
        assert_eq!(Theme::named("light"), Ok(Theme::Light));
        assert_eq!(Theme::named("Dark"), Ok(Theme::Dark));
        let refused = Theme::named("solarized").expect_err("not a theme");
        assert!(refused.contains("`solarized`") && refused.contains("dark, light"));
    }
}
