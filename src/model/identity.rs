//! Who is editing: a validated name and email for commit attribution.

use std::fmt;

/// A coordinator's identity, safe to write into a commit header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The display name.
    pub name: String,
    /// The email address.
    pub email: String,
}

impl Identity {
    /// The tool's own identity, used only for the first import commit.
    pub fn tool() -> Identity {
        Identity {
            name: "reconvene".into(),
            email: "reconvene@localhost".into(),
        }
    }

    /// Parses and validates `Name <email>`: both parts non-empty, no control
    /// characters, no `<` or `>` inside them.
    pub fn parse(text: &str) -> Result<Identity, String> {
        let text = text.trim();
        // Checked before the parts are trimmed: "Name\n <email>" must be
        // refused, not quietly repaired.
        if text.chars().any(char::is_control) {
            return Err(format!(
                "{text:?} contains a control character (a newline?); refusing it"
            ));
        }
        let (name, rest) = text
            .split_once('<')
            .ok_or_else(|| format!("`{text}`: expected \"Name <email>\""))?;
        let email = rest
            .strip_suffix('>')
            .ok_or_else(|| format!("`{text}`: expected \"Name <email>\""))?;
        Identity::new(name.trim(), email.trim())
    }

    /// Validates a name and email given apart.
    pub fn new(name: &str, email: &str) -> Result<Identity, String> {
        for (what, value) in [("name", name), ("email", email)] {
            if value.is_empty() {
                return Err(format!("the {what} is empty"));
            }
            if value
                .chars()
                .any(|c| c.is_control() || c == '<' || c == '>')
            {
                return Err(format!(
                    "the {what} {value:?} contains a control character, `<` or `>`; refusing it"
                ));
            }
        }
        Ok(Identity {
            name: name.into(),
            email: email.into(),
        })
    }
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} <{}>", self.name, self.email)
    }
}
