//! Validated SQL identifiers.
//!
//! sqlparser's quoting is a display heuristic, not a safety boundary, so every
//! table, column and alias name is checked here before it can reach the AST:
//! ASCII letters, digits and `_`, not starting with a digit, at most 63 bytes.

use std::fmt;
use std::rc::Rc;

use crate::error::Error;

/// A table, column or alias name that is safe to quote.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident(Rc<str>);

impl Ident {
    /// Validate `name`; `what` says what it names, for the error message.
    pub fn new(name: &str, what: &str) -> Result<Ident, Error> {
        let mut chars = name.chars();
        let ok = match chars.next() {
            Some(c) if c.is_ascii_alphabetic() || c == '_' => chars.all(|c| c.is_ascii_alphanumeric() || c == '_'),
            _ => false,
        };
        if !ok || name.len() > 63 {
            return Err(Error::invalid_name(format!(
                "{what} '{name}' is not a valid SQL identifier: use ASCII letters, digits and '_', \
                 not starting with a digit, at most 63 characters"
            )));
        }
        Ok(Ident(Rc::from(name)))
    }

    /// A name chosen by the compiler itself (aliases such as `U0`, `__count`).
    /// Panics never: falls back to a fixed safe name when given bad input,
    /// which only a compiler bug could do.
    pub fn fixed(name: &str) -> Ident {
        Ident::new(name, "name").unwrap_or_else(|_| Ident(Rc::from("_invalid")))
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.0)
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_names() {
        for n in ["book", "pubDate", "_x", "author_id", "T3", "U0"] {
            assert_eq!(Ident::new(n, "column").map(|i| i.to_string()).ok(), Some(n.to_string()));
        }
    }

    #[test]
    fn rejects_quotes_and_escapes() {
        for n in ["", "1a", "a\"b", "a\\\"--", "a b", "naïve", "a.b", &"x".repeat(64)] {
            assert!(Ident::new(n, "column").is_err(), "{n:?} should be rejected");
        }
    }
}
