//! The one error type of the crate. Each variant becomes one JavaScript error
//! class (see `js/errors.js`); messages follow Django's wording where Django
//! has one.

use std::fmt;
use std::rc::Rc;

use crate::exec::HostError;

/// Everything that can go wrong, from building a QuerySet to running it:
/// an [`ErrorKind`] behind one pointer, so that a `Result` carries a word
/// for its error (a `Result<()>` returns in a register, not through memory).
#[derive(Debug)]
pub struct Error(pub Box<ErrorKind>);

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Unknown field or lookup, bad field use (Django `FieldError`).
    Field(String),
    /// A bad value (Django `ValueError`): negative indexing, None as a query value, ...
    Value(String),
    /// A value a field cannot hold (Django `ValidationError`): a malformed date, ...
    Validation(String),
    /// A method called where it is not allowed (Django `TypeError`): filter after slice, ...
    Type(String),
    /// The backend cannot do this (Django `NotSupportedError`).
    NotSupported(String),
    /// The database cannot run this query (Django `DatabaseError`), e.g. an
    /// ordered or sliced operand of `union()` on SQLite.
    Database(String),
    /// A model or field definition that cannot be used.
    InvalidName(String),
    /// `get()` found nothing.
    DoesNotExist { model: Rc<str> },
    /// `get()` found more than one row; `count` is "2" or "more than 20".
    MultipleObjectsReturned { model: Rc<str>, count: String },
    /// A deletion blocked by PROTECT (`ProtectedError`).
    Protected(String),
    /// A deletion blocked by RESTRICT (`RestrictedError`).
    Restricted(String),
    /// A constraint failure reported by the host.
    Integrity { message: String, cause: HostError },
    /// The host failed: a rejected promise, an HTTP error, a malformed response.
    Executor { message: String, cause: HostError },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// The JavaScript class name this error maps to.
    pub fn class_name(&self) -> &'static str {
        use ErrorKind as E;
        match self.kind() {
            E::Field(_) => "FieldError",
            E::Value(_) | E::InvalidName(_) => "ValueError",
            E::Validation(_) => "ValidationError",
            E::Type(_) => "TypeError",
            E::NotSupported(_) => "NotSupportedError",
            E::Database(_) => "DatabaseError",
            E::DoesNotExist { .. } => "DoesNotExist",
            E::MultipleObjectsReturned { .. } => "MultipleObjectsReturned",
            E::Protected(_) => "ProtectedError",
            E::Restricted(_) => "RestrictedError",
            E::Integrity { .. } => "IntegrityError",
            E::Executor { .. } => "ExecutorError",
        }
    }

    /// A Django `ExecutorError`: the host failed or answered what Quarry
    /// cannot read; `cause` is the host's own error or answer (none: its default).
    pub fn executor(message: impl Into<String>, cause: HostError) -> Error {
        ErrorKind::Executor { message: message.into(), cause }.into()
    }

    /// The model the error is about, when there is one.
    pub fn model(&self) -> Option<&str> {
        use ErrorKind as E;
        match self.kind() {
            E::DoesNotExist { model } | E::MultipleObjectsReturned { model, .. } => Some(model),
            _ => None,
        }
    }
}

/// `Error::field(msg)`, ...: one constructor per message-only kind.
macro_rules! constructors {
    ($($(#[$doc:meta])* $name:ident => $kind:ident,)*) => {
        impl Error {
            $(
                $(#[$doc])*
                pub fn $name(msg: impl Into<String>) -> Error {
                    ErrorKind::$kind(msg.into()).into()
                }
            )*
        }
    };
}

constructors! {
    /// A Django `FieldError`.
    field => Field,
    /// A Django `ValueError`.
    value => Value,
    /// A Django `TypeError`.
    usage => Type,
    /// A Django `NotSupportedError`.
    not_supported => NotSupported,
    /// A Django `DatabaseError`.
    database => Database,
    /// A Django `ValidationError`.
    validation => Validation,
    /// A Django `ProtectedError`.
    protected => Protected,
    /// A Django `RestrictedError`.
    restricted => Restricted,
    /// A model or field definition that cannot be used.
    invalid_name => InvalidName,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind as E;
        match self.kind() {
            E::Field(m)
            | E::Value(m)
            | E::Validation(m)
            | E::Type(m)
            | E::NotSupported(m)
            | E::Database(m)
            | E::InvalidName(m)
            | E::Protected(m)
            | E::Restricted(m) => f.write_str(m),
            E::DoesNotExist { model } => write!(f, "{model} matching query does not exist."),
            E::MultipleObjectsReturned { model, count } => {
                write!(f, "get() returned more than one {model} -- it returned {count}!")
            }
            E::Integrity { message, .. } | E::Executor { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
