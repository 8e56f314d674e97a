//! `Model.objects.raw(sql, params)`: Django's `RawQuerySet` on SQLite.
//!
//! The SQL is the user's, passed through as Django passes it (no AST: there is
//! nothing to build); only Django's SQLite placeholder translation applies, and
//! `params` are always bound. What the rows become is decided here from the
//! columns the host reports: Django's `RawQuerySet.resolve_model_init_order`.

use super::resolve::expr_param;
use super::Conv;
use crate::error::{Error, Result};
use crate::model::{Model, Registry};
use crate::value::{db_datetime, Input, Value};

/// Django's SQLite `convert_query`: every `%s` not preceded by `%` becomes
/// `?`, then `%%` becomes `%`. (A count of params that does not match is
/// the host's error, as it is sqlite3's in Django.)
pub fn translate(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut prev = '\0';
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' && prev != '%' && chars.peek() == Some(&'s') {
            chars.next();
            out.push('?');
            prev = 's';
            continue;
        }
        out.push(c);
        prev = c;
    }
    crate::text::replace(&out, "%%", "%")
}

/// A `raw()` param as sqlite3 binds Python's: numbers (integral ones as
/// integers), text, booleans as 0/1, bytes; a `Date` as the text a
/// DateTimeField stores. Anything else cannot be bound.
pub fn param(reg: &Registry, v: &Input) -> Result<Value> {
    Ok(match v {
        Input::Bytes(b) => Value::Blob(b.clone()),
        Input::Date(ms) => Value::Text(db_datetime(*ms).ok_or_else(|| Error::value("raw() got an invalid Date as a param."))?),
        Input::List(_) | Input::Json(_) | Input::Instance { .. } | Input::Expr(_) => {
            return Err(Error::value(format!("raw() cannot bind {}: pass numbers, strings, booleans, null, Dates or Uint8Arrays.", v.repr())))
        }
        v => expr_param(reg, v, None)?,
    })
}

/// How a row of the raw query becomes an instance.
#[derive(Debug, PartialEq)]
pub struct RawPlan {
    /// The row's columns to read, in order.
    pub pick: Vec<usize>,
    /// The attribute each picked column sets: a field's attname, or the
    /// column's name for a column that is no field's (Django's annotations).
    pub keys: Vec<String>,
    /// The conversion of each picked column (none for annotations).
    pub convs: Vec<Conv>,
    /// The attnames of the concrete fields no column loaded (deferred).
    pub deferred: Vec<String>,
}

/// The plan for rows with these `columns`. Model fields are matched by column
/// name (the first column of a name wins), in the model's field order, then
/// the other columns in query order; the primary key must be among them.
pub fn plan(model: &Model, columns: &[String]) -> Result<RawPlan> {
    let mut p = RawPlan { pick: Vec::new(), keys: Vec::new(), convs: Vec::new(), deferred: Vec::new() };
    let mut has_pk = false;
    for (i, f) in model.fields.iter().enumerate() {
        let Some(col) = &f.column else { continue };
        match columns.iter().position(|c| c == col.as_str()) {
            Some(at) => {
                has_pk |= i == model.pk;
                p.pick.push(at);
                p.keys.push(f.attname.to_string());
                p.convs.push(Conv::for_field(f));
            }
            None => p.deferred.push(f.attname.to_string()),
        }
    }
    if !has_pk {
        return Err(Error::field("Raw query must include the primary key"));
    }
    for (at, c) in columns.iter().enumerate() {
        if !model.fields.iter().any(|f| f.column.as_ref().is_some_and(|col| col.as_str() == c)) {
            p.pick.push(at);
            p.keys.push(c.clone());
            p.convs.push(Conv::Raw);
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_placeholders_as_django_sqlite() {
        assert_eq!(translate("SELECT * FROM t WHERE a = %s AND b = %s"), "SELECT * FROM t WHERE a = ? AND b = ?");
        assert_eq!(translate("SELECT '100%%' WHERE name LIKE %s"), "SELECT '100%' WHERE name LIKE ?");
        // `%%s` is a literal `%s`; `%%%s` stays `%%s` then becomes `%s` (Django's regex, then replace).
        assert_eq!(translate("a %%s b"), "a %s b");
        assert_eq!(translate("a %%%s b"), "a %%s b");
        assert_eq!(translate("%s%s"), "??");
    }
}
