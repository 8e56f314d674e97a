//! Terminal methods over an [`Executor`]: what to run, in which order, and how
//! to read the answer. Django's semantics: `get` fetches at most 21 rows,
//! `first`/`last` order by pk when unordered, deletion follows `onDelete`
//! like Django's collector and runs as one atomic batch.

use std::rc::Rc;

use crate::chain::Terminal;
use crate::compiler::{self, Compiled, Shape};
use crate::error::{Error, ErrorKind, Result};
use crate::exec::Executor;
use crate::ident::Ident;
use crate::model::{FieldKind, Model, OnDelete, Registry};
use crate::query::expr::{Cmp, Cond, SExpr};
use crate::query::resolve::{Output, Resolver};
use crate::query::slots::{self, Check, How, Slot, Src};
use crate::query::{QInput, QuerySet};
use crate::value::{Input, Value};

/// Django's MAX_GET_RESULTS.
const MAX_GET_RESULTS: i64 = 21;

/// The statement reading `qs` as `shape` (`Rows`: all rows; `Exists`:
/// `aexists()`); `None`, with no query, when `qs` is known to be empty
/// (no rows, `false`).
pub fn statement(qs: &QuerySet, shape: Shape) -> Result<Option<Compiled>> {
    if qs.is_empty() {
        return Ok(None);
    }
    compiler::compile(qs, shape).map(Some)
}

/// What a read terminal answers.
pub enum Answer<R> {
    /// Rows (all, at most one, or the one `aget()` found).
    Rows(R),
    /// `acount()`.
    Count(u64),
    /// `aexists()`.
    Exists(bool),
}

/// Read a read terminal's answer as Django does, from the rows its statement
/// returned (`None`: nothing ran, the QuerySet is known to be empty).
pub fn settle<E: Executor>(ex: &E, term: Terminal, model: &str, rows: Option<E::Rows>) -> Result<Answer<E::Rows>> {
    let Some(rows) = rows else {
        return match term {
            Terminal::Count => Ok(Answer::Count(0)),
            Terminal::Exists => Ok(Answer::Exists(false)),
            Terminal::Get => Err(does_not_exist(model)),
            Terminal::Rows | Terminal::First | Terminal::Last => Ok(Answer::Rows(ex.empty_rows())),
        };
    };
    Ok(match term {
        Terminal::Count => Answer::Count(count_of(ex, &rows)?),
        Terminal::Exists => Answer::Exists(ex.row_count(&rows) > 0),
        Terminal::Get => Answer::Rows(one_row(ex, rows, model)?),
        Terminal::Rows | Terminal::First | Terminal::Last => Answer::Rows(rows),
    })
}

fn count_of<E: Executor>(ex: &E, rows: &E::Rows) -> Result<u64> {
    match ex.cell(rows, 0, 0) {
        Value::Int(n) if n >= 0 => Ok(n as u64),
        Value::Real(f) if f >= 0.0 => Ok(f as u64),
        _ => Err(Error::executor("The host answered COUNT(*) with something other than a count.", Default::default())),
    }
}

/// Django's `Model.DoesNotExist` for a `get()` that matched no row.
fn does_not_exist(model: &str) -> Error {
    ErrorKind::DoesNotExist { model: model.into() }.into()
}

fn one_row<E: Executor>(ex: &E, rows: E::Rows, model: &str) -> Result<E::Rows> {
    match ex.row_count(&rows) {
        1 => Ok(rows),
        0 => Err(does_not_exist(model)),
        n => Err(ErrorKind::MultipleObjectsReturned {
            model: model.into(),
            count: if n as i64 >= MAX_GET_RESULTS { format!("more than {}", MAX_GET_RESULTS - 1) } else { n.to_string() },
        }
        .into()),
    }
}

/// `aget(...args)` with filters: Django refuses them after a combinator.
pub fn get_filtered(qs: &QuerySet, args: &[crate::query::QInput]) -> Result<QuerySet> {
    if args.is_empty() {
        return Ok(qs.clone());
    }
    if let Some(c) = &qs.node.combined {
        return Err(Error::not_supported(format!("Calling QuerySet.get(...) with filters after {}() is not supported.", c.op.name())));
    }
    qs.filter(args)
}

/// Check `aexplain()`'s options as Django does on SQLite: option names
/// `[\w-]+`, no format (SQLite has none), no other options.
pub fn explain_options(format: Option<&str>, options: &[String]) -> Result<()> {
    for o in options {
        let ok = !o.is_empty() && !crate::text::contains(o, "--") && o.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            let quoted = if crate::text::contains(o, "'") && !crate::text::contains(o, "\"") {
                format!("\"{o}\"")
            } else {
                format!("'{}'", crate::text::replace(&crate::text::replace(o, "\\", "\\\\"), "'", "\\'"))
            };
            return Err(Error::value(format!("Invalid option name: {quoted}.")));
        }
    }
    if let Some(f) = format.filter(|f| !f.is_empty()) {
        return Err(Error::value(format!("{} is not a recognized format. SQLite does not support any formats.", f.to_ascii_uppercase())));
    }
    if !options.is_empty() {
        let mut names: Vec<&str> = Vec::with_capacity(options.len());
        for o in options {
            names.push(o);
        }
        crate::value::sort_small(&mut names, |a, b| a < b);
        return Err(Error::value(format!("Unknown options: {}", crate::text::join(&names, ", "))));
    }
    Ok(())
}

/// The statement of `aexplain()`; `None` when `qs` is known to be empty
/// (then the plan is empty).
pub fn explain_statement(qs: &QuerySet) -> Result<Option<Compiled>> {
    if qs.is_empty() {
        return Ok(None);
    }
    compiler::compile_explain(qs).map(Some)
}

/// `aexplain()`: SQLite's `EXPLAIN QUERY PLAN` rows as Django prints them,
/// one line per row, `id parent notused detail` separated by spaces.
pub fn explain_text<E: Executor>(ex: &E, rows: &E::Rows) -> String {
    let mut out = String::new();
    for r in 0..ex.row_count(rows) {
        if r > 0 {
            out.push('\n');
        }
        for c in 0..4 {
            if c > 0 {
                out.push(' ');
            }
            match ex.cell(rows, r, c) {
                Value::Int(n) => out.push_str(&n.to_string()),
                Value::Text(t) => out.push_str(&t),
                Value::Null => out.push_str("None"),
                // EXPLAIN QUERY PLAN answers integers and text only.
                _ => out.push('?'),
            }
        }
    }
    out
}

/// The QuerySet `afirst()` / `alast()` fetch.
pub fn first_query(qs: &QuerySet, last: bool) -> Result<QuerySet> {
    let q = if qs.is_ordered() {
        if last {
            qs.reverse()?
        } else {
            qs.clone()
        }
    } else {
        let pk = if last { "-pk" } else { "pk" };
        qs.order_by(&[pk.to_string()])?
    };
    q.slice_const(Some(0), Some(1))
}

/// Column assignments of an UPDATE: `SET column = expression`.
pub type Assignments = Vec<(Ident, SExpr)>;

/// Turn `{ field: value }` into column assignments for UPDATE (local fields and FKs only).
pub fn assignments(reg: &Registry, model: &Rc<Model>, values: &[(String, Input)]) -> Result<Vec<(Ident, SExpr)>> {
    Ok(assignments_at(reg, model, values, None)?.0)
}

/// [`assignments`], the values taking slots from `slot` on (in the order
/// given; see [`crate::query::slots`]), with the conversions run on them.
pub fn assignments_at(reg: &Registry, model: &Rc<Model>, values: &[(String, Input)], slot: Option<Slot>) -> Result<(Assignments, Vec<Check>)> {
    let mut out: Vec<(Ident, SExpr)> = Vec::new();
    let mut checks = Vec::new();
    let mut slot = slot;
    for (name, v) in values {
        let this = slot;
        slot = slots::after(slot, slots::lookup_count(v));
        let f = model.field(name).ok_or_else(|| Error::field(format!("{} has no field named '{name}'", model.name)))?;
        if f.kind == FieldKind::ManyToMany {
            return Err(Error::field(format!("Cannot update model field '{}' (only non-relations and foreign keys permitted).", f.name)));
        }
        let e = match v {
            Input::Expr(e) => {
                let mut joins = Vec::new();
                let mut r = Resolver::new(reg, model, &mut joins, 0).with_slot(slots::after(this, 1));
                let e = r.update_value(e, f);
                checks.extend(r.take_checks());
                e?
            }
            v => {
                let out = Output::Field(f.clone());
                let p = crate::query::resolve::lookup_value(&out, reg, false, v)?;
                let src = match this {
                    Some(s) => {
                        let how = Rc::new(How::ToDb { out, round: false, elem: None });
                        checks.push((s, how.clone()));
                        Src::Slot { slot: s, how }
                    }
                    None => Src::Unknown,
                };
                SExpr::Param(p, src)
            }
        };
        let col = f.col()?.clone();
        if out.iter().any(|(c, _)| *c == col) {
            return Err(Error::value(format!("Field '{}' was given more than once.", f.name)));
        }
        out.push((col, e));
    }
    Ok((out, checks))
}

/// The statement `get()` runs: at most 21 rows, ordering cleared (a sliced query as it is).
pub fn get_query(qs: &QuerySet) -> Result<QuerySet> {
    if qs.is_sliced() {
        return Ok(qs.clone());
    }
    qs.unordered().slice_const(None, Some(MAX_GET_RESULTS))
}

/// Django's refusals of `update()`: after a combinator, after a slice.
pub fn update_allowed(qs: &QuerySet) -> Result<()> {
    qs.not_combined("update")?;
    if qs.is_sliced() {
        return Err(Error::usage("Cannot update a query once a slice has been taken."));
    }
    Ok(())
}

/// The query `acontains(obj)` runs for an object of `model` with primary key
/// `pk`; `None` when the answer is `false` without a query.
pub fn contains_query(qs: &QuerySet, model: &str, pk: Input) -> Result<Option<QuerySet>> {
    qs.not_combined("contains")?;
    if !matches!(qs.node.select, crate::query::Select::Model) {
        return Err(Error::usage("Cannot call QuerySet.contains() after .values() or .values_list()."));
    }
    if pk.is_nullish() {
        return Err(Error::value("QuerySet.contains() cannot be used on unsaved objects."));
    }
    if model != &*qs.model.name {
        return Ok(None);
    }
    qs.pk_filter(pk).map(Some)
}

/// The INSERT for one new row: values of the given fields (by name or attname).
pub fn insert_statement(reg: &Registry, model: &Model, values: &[(String, Input)]) -> Result<Compiled> {
    let (cols, row) = insert_row(reg, model, values)?;
    Ok(compiler::compile_insert(model, &cols, vec![row], reg.config.dialect, false))
}

/// The columns and values of one new row (an unset auto primary key left out).
pub fn insert_row(reg: &Registry, model: &Model, values: &[(String, Input)]) -> Result<(Vec<Ident>, Vec<Value>)> {
    let mut cols: Vec<Ident> = Vec::new();
    let mut row: Vec<Value> = Vec::new();
    for (name, v) in values {
        let f = model.field(name).ok_or_else(|| Error::usage(format!("{}() got unexpected keyword arguments: '{name}'", model.name)))?;
        if f.kind == FieldKind::ManyToMany {
            return Err(Error::usage(format!(
                "Direct assignment to the forward side of a many-to-many set is prohibited. Use {}.aset() instead.",
                f.name
            )));
        }
        // An unset auto primary key is left to the database.
        if f.primary_key && matches!(f.kind, FieldKind::Auto | FieldKind::BigAuto) && v.is_nullish() {
            continue;
        }
        let col = f.col()?.clone();
        if cols.contains(&col) {
            continue;
        }
        if let Input::Expr(_) = v {
            return Err(Error::value(format!("Field '{}': expressions cannot be saved on a new row.", f.name)));
        }
        row.push(f.to_db(v, reg.target_pk(f)?.as_ref())?);
        cols.push(col);
    }
    Ok((cols, row))
}

/// One model's share of a deletion.
struct Collected {
    model: Rc<Model>,
    pks: Vec<Value>,
}

/// What a deletion will do, computed before anything is written.
#[derive(Default)]
struct Plan {
    deletes: Vec<Collected>,
    updates: Vec<(Compiled, Rc<Model>)>,
    restricted: Vec<(Rc<Model>, Rc<str>, Vec<Value>)>,
}

fn add_pks(plan: &mut Plan, model: &Rc<Model>, pks: &[Value]) -> Vec<Value> {
    let slot = match plan.deletes.iter_mut().position(|c| c.model.id == model.id) {
        Some(i) => i,
        None => {
            plan.deletes.push(Collected { model: model.clone(), pks: Vec::new() });
            plan.deletes.len() - 1
        }
    };
    let mut new = Vec::new();
    // `slot` was found or pushed just above.
    let Some(c) = plan.deletes.get_mut(slot) else { return new };
    for pk in pks {
        if !c.pks.contains(pk) {
            c.pks.push(pk.clone());
            new.push(pk.clone());
        }
    }
    new
}

fn pks_of<E: Executor>(ex: &E, rows: &E::Rows) -> Vec<Value> {
    let n = ex.row_count(rows);
    let mut pks = Vec::with_capacity(n);
    for i in 0..n {
        pks.push(ex.cell(rows, i, 0));
    }
    pks
}

async fn collect<E: Executor>(ex: &E, reg: &Registry, plan: &mut Plan, model: &Rc<Model>, pks: Vec<Value>) -> Result<()> {
    let mut stack = vec![(model.clone(), pks)];
    let max = reg.config.max_params;
    let dialect = reg.config.dialect;
    while let Some((m, pks)) = stack.pop() {
        let new = add_pks(plan, &m, &pks);
        if new.is_empty() {
            continue;
        }
        for rel in reg.reverse_relations(&m) {
            let f = rel.model.field_at(rel.field);
            let Some(r) = &f.rel else { continue };
            if f.kind == FieldKind::ManyToMany {
                continue;
            }
            let fk_col = f.col()?;
            let related_pk = rel.model.pk_column().clone();
            let mut related = Vec::new();
            for stmt in compiler::compile_select_in(&rel.model, std::slice::from_ref(&related_pk), fk_col, &new, dialect, max) {
                let rows = ex.query(&stmt).await?;
                related.extend(pks_of(ex, &rows));
            }
            if related.is_empty() {
                continue;
            }
            match r.on_delete {
                OnDelete::Cascade => stack.push((rel.model.clone(), related)),
                OnDelete::Protect => {
                    return Err(Error::protected(format!(
                        "Cannot delete some instances of model '{}' because they are referenced through protected foreign keys: '{}.{}'.",
                        m.name, rel.model.name, f.name
                    )))
                }
                OnDelete::Restrict => plan.restricted.push((rel.model.clone(), f.name.clone(), related)),
                OnDelete::SetNull | OnDelete::SetDefault => {
                    let v = on_delete_value(reg, &rel.model, f, r.on_delete)?;
                    for s in compiler::compile_update_in(&rel.model, fk_col, &v, &related_pk, &related, dialect, max) {
                        plan.updates.push((s, rel.model.clone()));
                    }
                }
                OnDelete::DoNothing => {}
            }
        }
    }
    Ok(())
}

/// Django's refusals of `delete()`: after a combinator, a slice, `values()`.
pub fn delete_allowed(qs: &QuerySet) -> Result<()> {
    qs.not_combined("delete")?;
    if qs.is_sliced() {
        return Err(Error::usage("Cannot use 'limit' or 'offset' with delete()."));
    }
    if !matches!(qs.node.select, crate::query::Select::Model) {
        return Err(Error::usage("Cannot call delete() after .values() or .values_list()"));
    }
    Ok(())
}

/// Statements of a deletion, each with the model whose table it changes
/// and whether it deletes rows (else a SET_NULL / SET_DEFAULT update).
pub type Owned = Vec<(Compiled, Rc<Model>, bool)>;

/// The statements deleting `qs`'s rows and what Django's collector finds
/// depending on them, decided by reading first (PROTECT and RESTRICT
/// refuse here, before anything is written).
pub async fn delete_collected<E: Executor>(ex: &E, qs: &QuerySet) -> Result<Owned> {
    let reg = &qs.reg;
    let rows = ex.query(&compiler::compile(&qs.unordered(), Shape::Pks)?).await?;
    let pks = pks_of(ex, &rows);
    if pks.is_empty() {
        return Ok(Vec::new());
    }
    let mut plan = Plan::default();
    collect(ex, reg, &mut plan, &qs.model, pks).await?;
    for (model, field, pks) in &plan.restricted {
        let deleted = plan.deletes.iter().find(|c| c.model.id == model.id);
        if !pks.iter().all(|pk| deleted.is_some_and(|c| c.pks.contains(pk))) {
            return Err(Error::restricted(format!(
                "Cannot delete some instances of model '{}' because they are referenced through restricted foreign keys: '{}.{}'.",
                qs.model.name, model.name, field
            )));
        }
    }
    let mut stmts: Owned = Vec::new();
    for (s, m) in plan.updates {
        stmts.push((s, m, false));
    }
    // Dependents were collected after what they depend on: delete them first.
    for c in plan.deletes.iter().rev() {
        let col = c.model.pk_column().clone();
        for s in compiler::compile_delete_in(&c.model, &col, &c.pks, reg.config.dialect, reg.config.max_params) {
            stmts.push((s, c.model.clone(), true));
        }
    }
    Ok(stmts)
}

/// Django's `(total, { "Model": n })` from the rows each statement deleted
/// (`None`: a statement that deletes nothing, a SET_NULL update).
pub fn tally(changes: &[(Option<Rc<str>>, u64)]) -> (u64, Vec<(String, u64)>) {
    let mut counts: Vec<(String, u64)> = Vec::new();
    let mut total = 0;
    for (owner, n) in changes {
        let (Some(name), 1..) = (owner, *n) else { continue };
        total += n;
        match counts.iter_mut().find(|(c, _)| **c == **name) {
            Some(e) => e.1 += n,
            None => counts.push((name.to_string(), *n)),
        }
    }
    (total, counts)
}

/// The value a SET_NULL / SET_DEFAULT foreign key `f` of `model` gets when its target is deleted.
pub fn on_delete_value(reg: &Registry, model: &Model, f: &crate::model::Field, how: OnDelete) -> Result<Value> {
    if how == OnDelete::SetNull {
        return Ok(Value::Null);
    }
    let Some(default) = f.default.as_ref() else {
        return Err(Error::not_supported(format!(
            "'{}.{}' uses onDelete SET_DEFAULT with a function default; give it a plain default value.",
            model.name, f.name
        )));
    };
    f.to_db(default, reg.target_pk(f)?.as_ref())
}

/// A change to a many-to-many relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum M2mOp {
    /// `aadd(...objs)`.
    Add,
    /// `aremove(...objs)`.
    Remove,
    /// `aclear()`.
    Clear,
    /// `aset(objs)`.
    Set,
    /// `aset(objs, { clear: true })`: clear, then add, in one batch.
    Reset,
}

/// The statements of an M2M change on `model`'s relation `name` for the row `pk`
/// (all on the returned through model's table): run them as one batch
/// (atomic where the host has `batch`).
pub fn m2m_statements(reg: &Registry, model: &Rc<Model>, name: &str, pk: &Input, op: M2mOp, targets: &[Input]) -> Result<(Rc<Model>, Vec<Compiled>)> {
    let rel = crate::query::resolve::relation(reg, model, name)?;
    let Some((through_name, this_col, far_col)) = rel.through.clone() else {
        return Err(Error::usage(format!("'{name}' is not a many-to-many relation of {}.", model.name)));
    };
    let through = reg.require(&through_name, name)?;
    let target = reg.require(&rel.target, name)?;
    if pk.is_nullish() {
        return Err(Error::value(format!(
            "'{}' instance needs to have a primary key value before a many-to-many relationship can be used.",
            model.name
        )));
    }
    let this = model.pk_field().to_db(pk, None)?;
    let mut far: Vec<Value> = Vec::new();
    for t in targets {
        if let Input::Instance { model: m, pk } = t {
            if **m != *target.name {
                return Err(Error::usage(format!("'{}' instance expected, got <{m}: {}>", target.name, pk.repr())));
            }
            if pk.is_nullish() {
                // Django's remove() lets an object without a pk remove nothing; add() refuses it.
                if op == M2mOp::Remove {
                    continue;
                }
                let field = through.fields.iter().find(|f| f.column.as_ref() == Some(&far_col)).map_or("", |f| &*f.name);
                return Err(Error::value(format!("Cannot add \"<{m}: {m} object (None)>\": the value for field \"{field}\" is None")));
            }
        }
        let v = target.pk_field().to_db(t, None)?;
        if !far.contains(&v) {
            far.push(v);
        }
    }
    let dialect = reg.config.dialect;
    // Other columns of an explicit through model get their plain defaults
    // (NOT NULL columns without one are left to fail loudly).
    let mut cols = vec![this_col.clone(), far_col.clone()];
    let mut extra = Vec::new();
    for f in through.concrete_fields() {
        let col = f.col()?;
        if f.primary_key || *col == this_col || *col == far_col {
            continue;
        }
        if let Some(d) = &f.default {
            cols.push(col.clone());
            extra.push(f.to_db(d, reg.target_pk(f)?.as_ref())?);
        }
    }
    let max = reg.config.max_params.max(2 * cols.len());
    let adds = |out: &mut Vec<Compiled>| {
        for chunk in far.chunks((max / cols.len().max(1)).max(1)) {
            let mut rows = Vec::with_capacity(chunk.len());
            for v in chunk {
                let mut row = vec![this.clone(), v.clone()];
                row.extend_from_slice(&extra);
                rows.push(row);
            }
            // ON CONFLICT DO NOTHING skips existing links only; OR IGNORE would also hide NOT NULL failures.
            out.push(compiler::compile_insert_rows(&through, &cols, rows, dialect, true, false));
        }
    };
    let mut out = Vec::new();
    match op {
        M2mOp::Add => adds(&mut out),
        M2mOp::Remove => {
            for chunk in far.chunks((max - 1).max(1)) {
                out.push(compiler::compile_delete_pair(&through, (&this_col, &this), Some((&far_col, chunk, false)), dialect));
            }
        }
        M2mOp::Clear => out.push(compiler::compile_delete_pair(&through, (&this_col, &this), None, dialect)),
        M2mOp::Reset => {
            out.push(compiler::compile_delete_pair(&through, (&this_col, &this), None, dialect));
            adds(&mut out);
        }
        M2mOp::Set => {
            if !far.is_empty() && far.len() < max {
                out.push(compiler::compile_delete_pair(&through, (&this_col, &this), Some((&far_col, &far, true)), dialect));
            } else {
                out.push(compiler::compile_delete_pair(&through, (&this_col, &this), None, dialect));
            }
            adds(&mut out);
        }
    }
    Ok((through, out))
}

/// Conflict handling of `abulkCreate`.
#[derive(Clone, Debug, Default)]
pub struct BulkOptions {
    /// Rows per statement at most (also bounded by the parameter limit).
    pub batch_size: Option<usize>,
    /// `INSERT OR IGNORE` (primary keys stay unset).
    pub ignore_conflicts: bool,
    /// Upsert: `ON CONFLICT (unique_fields) DO UPDATE SET update_fields`.
    pub update_conflicts: bool,
    /// Fields updated on conflict.
    pub update_fields: Vec<String>,
    /// Fields whose uniqueness triggers the upsert.
    pub unique_fields: Vec<String>,
}

/// The INSERTs of `abulkCreate(objs)`: several rows each, under the
/// parameter limit (one row each with `single`). Per statement: the
/// objects whose rows it inserts, and whether they set the primary key.
pub struct BulkInserts {
    /// The statements (`RETURNING pk` unless `ignore_conflicts`).
    pub stmts: Vec<Compiled>,
    /// Per statement: the objects' indices, in row order.
    pub owners: Vec<Vec<usize>>,
    /// Per statement: the rows give their primary keys.
    pub explicit_pk: Vec<bool>,
}

/// [`BulkInserts`] for `objs`; checks Django's options first.
pub fn bulk_create_statements(reg: &Registry, model: &Model, objs: &[Vec<(String, Input)>], opts: &BulkOptions, single: bool) -> Result<BulkInserts> {
    if opts.batch_size == Some(0) {
        return Err(Error::value("Batch size must be a positive integer."));
    }
    if opts.ignore_conflicts && opts.update_conflicts {
        return Err(Error::value("ignore_conflicts and update_conflicts are mutually exclusive."));
    }
    let field_idents = |names: &[String]| -> Result<Vec<Ident>> {
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            let f = model.field(n).ok_or_else(|| Error::field(format!("{} has no field named '{n}'", model.name)))?;
            out.push(f.col()?.clone());
        }
        Ok(out)
    };
    let conflict = if opts.update_conflicts {
        if opts.update_fields.is_empty() {
            return Err(Error::value("Fields that will be updated when a row insertion fails on conflicts must be provided."));
        }
        if opts.update_fields.iter().any(|n| model.field(n).is_some_and(|f| f.primary_key)) {
            return Err(Error::value("bulk_create() cannot be used with primary keys in update_fields."));
        }
        if opts.unique_fields.is_empty() {
            return Err(Error::value("Unique fields that can trigger the upsert must be provided."));
        }
        Some((field_idents(&opts.unique_fields)?, field_idents(&opts.update_fields)?))
    } else {
        None
    };
    // Group rows by the columns they set (an unset auto pk is left out):
    // the columns, then each row's index and values.
    type Rows = Vec<(usize, Vec<Value>)>;
    let mut groups: Vec<(Vec<Ident>, Rows)> = Vec::new();
    for (i, values) in objs.iter().enumerate() {
        let mut cols = Vec::new();
        let mut row = Vec::new();
        for (name, v) in values {
            let f = model.field(name).ok_or_else(|| Error::usage(format!("{}() got unexpected keyword arguments: '{name}'", model.name)))?;
            if f.kind == FieldKind::ManyToMany || (f.primary_key && matches!(f.kind, FieldKind::Auto | FieldKind::BigAuto) && v.is_nullish()) {
                continue;
            }
            let col = f.col()?.clone();
            if cols.contains(&col) {
                continue;
            }
            row.push(f.to_db(v, reg.target_pk(f)?.as_ref())?);
            cols.push(col);
        }
        match groups.iter_mut().find(|(c, _)| *c == cols) {
            Some(g) => g.1.push((i, row)),
            None => groups.push((cols, vec![(i, row)])),
        }
    }
    let returning = !opts.ignore_conflicts;
    let max = if single { 1 } else { reg.config.max_params };
    let pk_col = model.pk_column();
    let mut out = BulkInserts { stmts: Vec::new(), owners: Vec::new(), explicit_pk: Vec::new() };
    for (cols, rows) in groups {
        let per = (max / cols.len().max(1)).min(opts.batch_size.unwrap_or(usize::MAX)).max(1);
        for chunk in rows.chunks(per) {
            let mut values: Vec<Vec<Value>> = Vec::with_capacity(chunk.len());
            let mut owners = Vec::with_capacity(chunk.len());
            for (i, r) in chunk {
                values.push(r.clone());
                owners.push(*i);
            }
            let stmt = match &conflict {
                Some((target, update)) => compiler::compile_upsert(model, &cols, values, reg.config.dialect, target.clone(), update.clone()),
                None => compiler::compile_insert_rows(model, &cols, values, reg.config.dialect, opts.ignore_conflicts, returning),
            };
            out.stmts.push(stmt);
            out.owners.push(owners);
            out.explicit_pk.push(cols.contains(pk_col));
        }
    }
    Ok(out)
}

/// The primary keys `RETURNING` gave, per object (None where a row was not returned).
pub fn returned_pks<E: Executor>(ex: &E, n: usize, owners: &[Vec<usize>], results: &[&E::Rows]) -> Vec<Option<Value>> {
    let mut pks: Vec<Option<Value>> = vec![None; n];
    for (rows, owner) in results.iter().zip(owners.iter()) {
        for (r, i) in owner.iter().enumerate() {
            // Each owner is an object's index (< n).
            if let (true, Some(p)) = (r < ex.row_count(rows), pks.get_mut(*i)) {
                *p = Some(ex.cell(rows, r, 0));
            }
        }
    }
    pks
}

/// One object given to `abulkUpdate`: its values by attname (as `asave()`
/// sends them) and the relation fields whose cached object is unsaved.
#[derive(Clone, Debug, Default)]
pub struct BulkObj {
    /// `{ attname: value }`.
    pub values: Vec<(String, Input)>,
    /// Names of relation fields holding an unsaved object.
    pub unsaved: Vec<String>,
}

/// The UPDATE statements of `abulkUpdate(objs, fields)` on `qs`, as Django's
/// `bulk_update`: per batch, `SET "f" = CASE WHEN ("t"."id" = ?) THEN ? ...
/// ELSE NULL END WHERE "t"."id" IN (...)` (and `qs`'s own filters). Batches
/// stay under the parameter limit (each object binds its pk once per field
/// and once in the IN list) and under `batch_size`. Checks in Django's order.
/// The JS API runs them with `runBatch`: one atomic batch, the sum of rows changed.
pub fn bulk_update_statements(qs: &QuerySet, objs: &[BulkObj], fields: &[String], batch_size: Option<usize>) -> Result<Vec<Compiled>> {
    if batch_size == Some(0) {
        return Err(Error::value("Batch size must be a positive integer."));
    }
    if fields.is_empty() {
        return Err(Error::value("Field names must be given to bulk_update()."));
    }
    let (reg, model) = (&qs.reg, &qs.model);
    let pk_field = model.pk_field();
    let pk_of = |o: &BulkObj| o.values.iter().find(|(k, _)| model.field(k).is_some_and(|f| f.primary_key)).map(|(_, v)| v.clone());
    let mut pks = Vec::with_capacity(objs.len());
    for o in objs {
        match pk_of(o) {
            Some(v) if !v.is_nullish() => pks.push(v),
            _ => return Err(Error::value("All bulk_update() objects must have a primary key set.")),
        }
    }
    // Django's get_field(): fields by name or attname, reverse relations by
    // query name (not concrete); "pk" is no field name there.
    let reverse = reg.reverse_relations(model);
    let mut resolved: Vec<Option<&crate::model::Field>> = Vec::with_capacity(fields.len());
    for name in fields {
        match model.field(name).filter(|_| name != "pk") {
            Some(f) => resolved.push(Some(f)),
            None if reverse.iter().any(|r| !r.hidden && *r.query_name == **name) => resolved.push(None),
            None => return Err(Error::field(format!("{} has no field named '{name}'", model.name))),
        }
    }
    let mut targets = Vec::with_capacity(resolved.len());
    for f in &resolved {
        match f {
            Some(f) if f.kind != FieldKind::ManyToMany && f.column.is_some() => targets.push(*f),
            _ => return Err(Error::value("bulk_update() can only be used with concrete fields.")),
        }
    }
    if targets.iter().any(|f| f.primary_key) {
        return Err(Error::value("bulk_update() cannot be used with primary key fields."));
    }
    if objs.is_empty() {
        return Ok(vec![]);
    }
    for o in objs {
        if let Some(f) = model.fields.iter().find(|f| o.unsaved.iter().any(|u| *u == *f.name) && targets.iter().any(|t| t.name == f.name)) {
            return Err(Error::value(format!("bulk_update() prohibited to prevent data loss due to unsaved related object '{}'.", f.name)));
        }
    }
    let pk_col = SExpr::Col { alias: 0, col: pk_field.col()?.clone() };
    let per = (reg.config.max_params / (2 * targets.len() + 1)).min(batch_size.unwrap_or(usize::MAX)).max(1);
    let mut out = Vec::new();
    for (chunk, pks) in objs.chunks(per).zip(pks.chunks(per)) {
        let batch = qs.filter_internal(&[QInput::Lookup("pk__in".into(), Input::List(pks.to_vec()))])?;
        if batch.is_empty() {
            continue;
        }
        let mut sets = Vec::with_capacity(targets.len());
        for f in &targets {
            let target_pk = reg.target_pk(f)?;
            let mut whens = Vec::with_capacity(chunk.len());
            for (o, pk) in chunk.iter().zip(pks) {
                let v = o.values.iter().find(|(k, _)| *k == *f.attname || *k == *f.name).map_or(&Input::Null, |(_, v)| v);
                let then = match v {
                    Input::Expr(e) => Resolver::new(reg, model, &mut Vec::new(), 0).update_value(e, f)?,
                    v => SExpr::Param(f.to_db(v, target_pk.as_ref())?, Src::Unknown),
                };
                whens.push((Cond::Cmp { lhs: pk_col.clone(), op: Cmp::Eq, rhs: SExpr::Param(pk_field.to_db(pk, None)?, Src::Unknown) }, then));
            }
            sets.push((f.col()?.clone(), SExpr::Case { whens, default: Some(Box::new(SExpr::Null)), paren: true }));
        }
        out.push(compiler::compile_update(&batch, sets)?);
    }
    Ok(out)
}
