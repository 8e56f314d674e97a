//! DDL for the registry's models: `CREATE TABLE IF NOT EXISTS` in dependency
//! order, then indexes, as Django's schema editor writes them on SQLite.

use crate::compiler::sql_ast::{self, ColumnSpec, References};
use crate::error::Result;
use crate::ident::Ident;
use crate::model::{Field, FieldKind, Model, Registry};

const QUOTE: char = '"';

fn column_type(reg: &Registry, f: &Field) -> Result<String> {
    Ok(match f.kind {
        FieldKind::Auto | FieldKind::BigAuto => "integer".into(),
        FieldKind::Integer => "integer".into(),
        FieldKind::BigInteger => "bigint".into(),
        FieldKind::Float => "real".into(),
        FieldKind::Decimal => "decimal".into(),
        FieldKind::Char => match f.max_length {
            Some(n) => format!("varchar({n})"),
            None => "varchar".into(),
        },
        FieldKind::Text | FieldKind::Json => "text".into(),
        FieldKind::Boolean => "bool".into(),
        FieldKind::Date => "date".into(),
        FieldKind::DateTime => "datetime".into(),
        FieldKind::Uuid => "char(32)".into(),
        FieldKind::Binary => "blob".into(),
        // The type of the field whose values the column holds: the target's
        // primary key, followed while that key is a relation itself. A chain
        // of them that comes back to itself (`ForeignKey("self", { primaryKey:
        // true })`) has no type at all (Django recurses until RecursionError).
        FieldKind::ForeignKey | FieldKind::OneToOne => match reg.target_pk(f)? {
            Some(pk) if pk.kind == FieldKind::BigAuto => "bigint".into(),
            Some(pk) if pk.kind == FieldKind::Auto => "integer".into(),
            Some(pk) if !pk.kind.is_relation() => column_type(reg, &pk)?,
            _ => {
                return Err(crate::error::Error::value(format!(
                    "The relation '{}' to {} leads back to itself through primary keys that are relations: one of them must be an ordinary field.",
                    f.name,
                    reg.target(f)?.name
                )))
            }
        },
        FieldKind::ManyToMany => "".into(),
    })
}

/// Models in an order where each comes after the models it references (cycles keep definition order).
fn ordered(reg: &Registry) -> Vec<std::rc::Rc<Model>> {
    let models = reg.models();
    let mut done: Vec<bool> = vec![false; models.len()];
    let mut out = Vec::new();
    fn visit(i: usize, models: &[std::rc::Rc<Model>], done: &mut Vec<bool>, stack: &mut Vec<usize>, out: &mut Vec<std::rc::Rc<Model>>) {
        // `i` is an index of `models`, as `done` is.
        let (Some(m), Some(false)) = (models.get(i), done.get(i).copied()) else { return };
        if stack.contains(&i) {
            return;
        }
        stack.push(i);
        for f in &m.fields {
            if let (Some(rel), true) = (&f.rel, f.column.is_some()) {
                if let Some(j) = models.iter().position(|m| *m.name == *rel.target) {
                    visit(j, models, done, stack, out);
                }
            }
        }
        stack.pop();
        if let Some(d @ false) = done.get_mut(i) {
            *d = true;
            out.push(m.clone());
        }
    }
    for i in 0..models.len() {
        visit(i, &models, &mut done, &mut Vec::new(), &mut out);
    }
    out
}

/// Short stable hash for index names (FNV-1a).
fn short_hash(s: &str) -> String {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    format!("{h:08x}")
}

fn index_name(table: &Ident, cols: &[&Ident], suffix: &str) -> Ident {
    let mut joined: Vec<&str> = Vec::with_capacity(cols.len());
    for c in cols {
        joined.push(c.as_str());
    }
    let base = format!("{}_{}", table, crate::text::join(&joined, "_"));
    let hash = short_hash(&base);
    let mut name = format!("{base}_{hash}");
    if !suffix.is_empty() {
        name.push('_');
        name.push_str(suffix);
    }
    if name.len() > 63 {
        // `base` is identifiers and `_` (ASCII), so any cut is a char boundary.
        name = format!("{}_{hash}", base.get(..base.len().min(50)).unwrap_or(&base));
    }
    Ident::fixed(&name)
}

/// The DDL statements creating every model's table and indexes.
pub fn statements(reg: &Registry) -> Result<Vec<String>> {
    let mut tables = Vec::new();
    let mut indexes = Vec::new();
    for m in ordered(reg) {
        let mut cols = Vec::new();
        for f in m.concrete_fields() {
            let name = f.col()?.clone();
            let references = match &f.rel {
                Some(_) => {
                    let t = reg.target(f)?;
                    Some(References { table: t.table.clone(), column: t.pk_column().clone(), on_delete: None, deferrable: true })
                }
                None => None,
            };
            let auto = matches!(f.kind, FieldKind::Auto | FieldKind::BigAuto);
            cols.push(ColumnSpec {
                name: name.clone(),
                type_name: column_type(reg, f)?,
                not_null: !f.null,
                primary_key: f.primary_key,
                autoincrement: auto,
                unique: f.unique && !f.primary_key,
                references,
            });
            if f.db_index && !f.unique && !f.primary_key {
                indexes.push(
                    sql_ast::create_index(QUOTE, &index_name(&m.table, &[&name], ""), &m.table, std::slice::from_ref(&name), false, true).to_string(),
                );
            }
        }
        let mut unique_together = Vec::new();
        if m.auto_through.is_some() {
            let mut fks: Vec<Ident> = Vec::new();
            for f in m.fields.iter() {
                if f.rel.is_none() {
                    continue;
                }
                if let Some(c) = &f.column {
                    fks.push(c.clone());
                }
            }
            unique_together.push(fks);
        }
        tables.push(sql_ast::create_table(QUOTE, &m.table, true, cols, unique_together).to_string());
    }
    for i in indexes {
        tables.push(i);
    }
    Ok(tables)
}
