//! `db.atomic(fn)`: a group of writes compiled and checked before anything
//! runs, then sent to the host as one atomic batch.
//!
//! D1 has no interactive transaction, so no statement of the batch can
//! depend on a value read back in between. Each write is compiled so that
//! the batch itself decides what it touches:
//!
//! - a deletion selects its cascades with subqueries of the deleted rows,
//!   evaluated in the batch ([`static_delete`]). Where that cannot be exact
//!   (PROTECT, RESTRICT, a cycle of relations, a filter over a table the
//!   deletion changes) Django's collector reads first, before the batch,
//!   which is exact only when no earlier write of the group changes what it
//!   reads: otherwise the group is refused;
//! - `save()` of an instance with a primary key is `UPDATE`, then
//!   `INSERT ... ON CONFLICT (pk) DO NOTHING`: Django's "update, else insert";
//! - an instance created earlier in the group and used by a later write
//!   (`tx.create(Book, { author: a })`) is found in the batch by its rank
//!   among its table's newest rows ([`pending_pk`]). JS passes it with a
//!   reserved primary key ([`PENDING`] plus the write and row that create
//!   it); that value reaches the statement as a bound parameter, which
//!   [`resolve`] replaces by the subquery.

use std::rc::Rc;

use crate::compiler::{self, Compiled};
use crate::error::{Error, Result};
use crate::exec::ops::{self, BulkOptions};
use crate::exec::Executor;
use crate::ident::Ident;
use crate::model::{Dialect, FieldKind, Model, OnDelete, Registry};
use crate::query::expr::SExpr;
use crate::query::slots::Src;
use crate::query::{QInput, QuerySet};
use crate::value::{ExprInput, Input, SubqueryInput, Value};

/// The primary key JS gives an instance created earlier in the group:
/// `PENDING + (write << 24) + row`, write and row counted from 0: numbers
/// JS holds exactly (so they are bound as integers) that no real row's
/// primary key is (-2^53 + 1 and the 2^48 above it).
pub const PENDING: i64 = -(1 << 53) + 1;

/// One write of the group, as the bindings read it.
pub enum Write {
    /// `tx.bulkCreate(Model, objs, options)`; also `tx.create(Model, values)`
    /// and `tx.save(obj)` of an object without a primary key (one object).
    Create { model: Rc<Model>, objs: Vec<Vec<(String, Input)>>, opts: BulkOptions },
    /// `tx.delete(qs)`.
    Delete { qs: QuerySet },
    /// `tx.save(obj)` of an object with a primary key: its values by attname.
    /// `loaded_only` (an instance loaded with deferred fields, saved alone):
    /// an UPDATE of those values, which must match the row (Django's
    /// `update_fields` save).
    Save { model: Rc<Model>, values: Vec<(String, Input)>, pk: Input, loaded_only: bool },
    /// Statements on `model`'s table: an update's UPDATE (none when there
    /// is nothing to run) or `abulkUpdate`'s UPDATEs; `other`: they change
    /// rowids (an M2M change's DELETEs and INSERTs, an UPDATE assigning the
    /// primary key).
    Many { model: Rc<Model>, stmts: Vec<Compiled>, other: bool },
}

/// What one write resolves to.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The new primary keys, per object (`create`, `bulkCreate`).
    Pks(Vec<Option<Value>>),
    /// Rows changed (`update`, `bulkUpdate`, M2M changes).
    Count(u64),
    /// Django's `(total, { "Model": n })` (`delete`).
    Deleted(u64, Vec<(String, u64)>),
    /// The primary key and whether a row was inserted (`save`).
    Saved(Value, bool),
}

/// How a statement changes its table's rowids, for [`pending_pk`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// A plain INSERT of this many rows, each with a new auto primary key.
    Insert(usize),
    /// Rowids unchanged.
    Update,
    /// Anything else: a DELETE, an upsert or ignored conflict, given primary keys.
    Other,
}

/// One statement of the batch.
struct Step {
    stmt: Compiled,
    table: Ident,
    kind: Kind,
    /// The model whose rows this statement deletes (a deletion's counts).
    owner: Option<Rc<str>>,
}

fn step(stmt: Compiled, model: &Model, kind: Kind) -> Step {
    Step { stmt, table: model.table.clone(), kind, owner: None }
}

/// A statement deleting `model`'s rows (counted as its deletions).
fn deleting(stmt: Compiled, model: &Model) -> Step {
    Step { owner: Some(model.name.clone()), ..step(stmt, model, Kind::Other) }
}

/// How a write reads its outcome from its statements' results.
enum Reads {
    /// Per object, from the rows of its statements (none without RETURNING).
    Pks { n: usize, owners: Vec<Vec<usize>>, returning: bool },
    /// The sum of rows changed.
    Count,
    /// Rows deleted per model.
    Deleted,
    /// Whether its last statement (the INSERT) inserted; `false`: there is
    /// none, and the UPDATE must have matched.
    Saved(Value, bool),
}

/// One write compiled: its statements (or a deletion still to collect) and
/// where its new rows are: `rows[r]` is the statement and the row's place
/// counted from the statement's last row.
struct Entry {
    steps: Vec<Step>,
    collect: Option<QuerySet>,
    reads: Reads,
    rows: Vec<Option<(usize, usize)>>,
    model: Option<Rc<Model>>,
}

fn entry(steps: Vec<Step>, reads: Reads) -> Entry {
    Entry { steps, collect: None, reads, rows: Vec::new(), model: None }
}

/// The write and row a reserved primary key stands for.
fn pending_of(v: &Value) -> Option<(usize, usize)> {
    match v {
        Value::Int(i) if (PENDING..PENDING + (1 << 48)).contains(i) => {
            let d = i - PENDING;
            Some(((d >> 24) as usize, (d & 0xFF_FFFF) as usize))
        }
        _ => None,
    }
}

/// `db.atomic()` refuses a host without an atomic batch, before anything else.
pub fn check_host<E: Executor>(ex: &E) -> Result<()> {
    if ex.can_batch() {
        return Ok(());
    }
    Err(Error::not_supported("db.atomic() needs a host that runs statements as one atomic batch (D1's batch(), or an executor with batch()); this one has none, so nothing was written."))
}

/// Run the group: compile and check every write, read what deletions must
/// read, then send all statements to the host as one atomic batch. Not
/// `strict` (a single a-method's write): a host without a batch runs them
/// one by one.
pub async fn run<E: Executor>(ex: &E, reg: &Rc<Registry>, writes: Vec<Write>, strict: bool) -> Result<Vec<Outcome>> {
    if strict {
        check_host(ex)?;
    }
    let mut entries = compile_all(reg, writes)?;
    // A deletion deciding by reading reads now, before anything is written.
    if let Some(e) = entries.first_mut() {
        if let Some(qs) = e.collect.take() {
            let collected = ops::delete_collected(ex, &qs).await?;
            collected_steps(e, collected);
        }
    }
    let (steps, starts) = flatten(reg, entries.iter_mut())?;
    let mut stmts: Vec<Compiled> = Vec::with_capacity(steps.len());
    for s in &steps {
        stmts.push(s.stmt.clone());
    }
    // The statements whose rows are read: INSERT ... RETURNING.
    let mut rows = vec![false; stmts.len()];
    // `starts` holds each write's first statement and then the end.
    for (e, w) in entries.iter().zip(starts.windows(2)) {
        if let (Reads::Pks { returning: true, .. }, &[a, b]) = (&e.reads, w) {
            rows.get_mut(a..b).unwrap_or_default().fill(true);
        }
    }
    let results = if stmts.is_empty() { Vec::new() } else { ex.atomic(&stmts, &rows, strict).await? };
    outcomes(ex, entries, &steps, &starts, &results)
}

fn compile_all(reg: &Rc<Registry>, writes: Vec<Write>) -> Result<Vec<Entry>> {
    let mut entries = Vec::with_capacity(writes.len());
    for (i, w) in writes.into_iter().enumerate() {
        let e = compile(reg, w)?;
        // What it reads before the batch is as the group found it only if it comes first.
        if let (Some(qs), true) = (&e.collect, i > 0) {
            return Err(Error::not_supported(format!(
                "db.atomic(): write #{} deletes {} rows, and must read them before the batch (for PROTECT or RESTRICT relations, \
                 a cycle of relations, or a filter on a table the deletion changes): make it the group's first write, or give it a group of its own.",
                i + 1,
                qs.model.name
            )));
        }
        entries.push(e);
    }
    Ok(entries)
}

fn collected_steps(e: &mut Entry, collected: ops::Owned) {
    for (stmt, model, deletes) in collected {
        e.steps.push(if deletes { deleting(stmt, &model) } else { step(stmt, &model, Kind::Update) });
    }
}

/// Per write flattened so far: its first statement, the model it creates
/// rows of, and where they are (see [`Entry`]).
type Made = (usize, Option<Rc<Model>>, Vec<Option<(usize, usize)>>);

/// All statements in order, each instance created earlier bound as the
/// subquery that finds it; and where each write's statements start.
fn flatten<'a>(reg: &Registry, entries: impl Iterator<Item = &'a mut Entry>) -> Result<(Vec<Step>, Vec<usize>)> {
    let mut steps: Vec<Step> = Vec::new();
    let mut starts = Vec::new();
    let mut found: Vec<Made> = Vec::new();
    for (w, e) in entries.enumerate() {
        let start = steps.len();
        starts.push(start);
        for mut s in e.steps.drain(..) {
            if s.stmt.params.iter().any(|p| pending_of(p).is_some()) {
                if reg.config.dialect != Dialect::Sqlite {
                    return Err(Error::not_supported("db.atomic(): using an object created in the same group needs SQLite (D1)."));
                }
                let stmt = std::mem::take(&mut s.stmt);
                s.stmt = resolve(stmt, |fw, r| pending_pk(&steps, &starts, &found, w, fw, r))?;
            }
            steps.push(s);
        }
        found.push((start, e.model.clone(), std::mem::take(&mut e.rows)));
    }
    starts.push(steps.len());
    Ok((steps, starts))
}

/// Each write's outcome from its statements' results.
fn outcomes<E: Executor>(
    ex: &E,
    entries: Vec<Entry>,
    steps: &[Step],
    starts: &[usize],
    results: &[(crate::exec::RunResult, E::Rows)],
) -> Result<Vec<Outcome>> {
    let mut out = Vec::with_capacity(entries.len());
    // `starts` holds each write's first statement and then the end; the
    // host gave one result per statement (checked in its batch).
    for (e, w) in entries.into_iter().zip(starts.windows(2)) {
        let &[a, b] = w else { continue };
        let res = results.get(a..b).unwrap_or_default();
        let mut changes = Vec::with_capacity(res.len());
        let mut rows = Vec::with_capacity(res.len());
        for (s, r) in steps.get(a..b).unwrap_or_default().iter().zip(res) {
            changes.push((s.owner.clone(), r.0.changes));
            rows.push(&r.1);
        }
        out.push(match e.reads {
            Reads::Count => Outcome::Count(changes.iter().map(|c| c.1).sum()),
            Reads::Pks { n, owners, returning } => Outcome::Pks(ops::returned_pks(ex, n, &owners, if returning { &rows } else { &[] })),
            Reads::Deleted => {
                let (total, counts) = ops::tally(&changes);
                Outcome::Deleted(total, counts)
            }
            Reads::Saved(pk, insert) => {
                let changed = changes.last().is_some_and(|c| c.1 > 0);
                if !insert && !changed {
                    return Err(Error::database("Save with update_fields did not affect any rows."));
                }
                Outcome::Saved(pk, insert && changed)
            }
        });
    }
    Ok(out)
}

/// Compile one write.
fn compile(reg: &Rc<Registry>, w: Write) -> Result<Entry> {
    Ok(match w {
        Write::Create { model, objs, opts } => {
            let mut plan = ops::bulk_create_statements(reg, &model, &objs, &opts, false)?;
            // A row using an earlier object finds it with a subquery, which
            // must not see rows its own statement inserts: one row each.
            if plan.stmts.iter().any(|s| s.params.iter().any(|p| pending_of(p).is_some())) {
                plan = ops::bulk_create_statements(reg, &model, &objs, &opts, true)?;
            }
            let plain = !opts.ignore_conflicts && !opts.update_conflicts;
            let mut rows = vec![None; objs.len()];
            let mut steps = Vec::new();
            for (s, ((stmt, explicit), owners)) in plan.stmts.into_iter().zip(plan.explicit_pk).zip(&plan.owners).enumerate() {
                let n = owners.len();
                let kind = if plain && !explicit { Kind::Insert(n) } else { Kind::Other };
                if kind != Kind::Other {
                    for (r, o) in owners.iter().enumerate() {
                        // Each owner is an object's index.
                        if let Some(x) = rows.get_mut(*o) {
                            *x = Some((s, n - 1 - r));
                        }
                    }
                }
                steps.push(step(stmt, &model, kind));
            }
            let reads = Reads::Pks { n: objs.len(), owners: plan.owners, returning: !opts.ignore_conflicts };
            Entry { rows, model: Some(model), ..entry(steps, reads) }
        }
        Write::Many { model, stmts, other } => {
            let kind = if other { Kind::Other } else { Kind::Update };
            let mut steps = Vec::with_capacity(stmts.len());
            for s in stmts {
                steps.push(step(s, &model, kind));
            }
            entry(steps, Reads::Count)
        }
        Write::Save { model, values, pk, loaded_only } => save(reg, &model, &values, &pk, loaded_only)?,
        Write::Delete { qs } => {
            ops::delete_allowed(&qs)?;
            let mut e = entry(vec![], Reads::Deleted);
            if !qs.is_empty() {
                match static_delete(&qs)? {
                    Some(steps) => e.steps = steps,
                    None => e.collect = Some(qs),
                }
            }
            e
        }
    })
}

/// `save()` of an instance with a primary key, as Django's: UPDATE the row,
/// and INSERT it when there was none (`ON CONFLICT (pk) DO NOTHING` skips
/// the insert exactly when the row exists; other conflicts still fail).
fn save(reg: &Rc<Registry>, model: &Rc<Model>, values: &[(String, Input)], pk: &Input, loaded_only: bool) -> Result<Entry> {
    let pk_field = model.pk_field();
    let mut rest: Vec<(String, Input)> = Vec::new();
    for (k, v) in values {
        if model.field(k).is_none_or(|f| !f.primary_key && f.kind != FieldKind::ManyToMany) {
            rest.push((k.clone(), v.clone()));
        }
    }
    let mut steps = Vec::new();
    if !rest.is_empty() {
        let qs = QuerySet::new(reg.clone(), model.clone()).pk_filter(pk.clone())?;
        let sets = ops::assignments(reg, model, &rest)?;
        steps.push(step(compiler::compile_update(&qs, sets)?, model, Kind::Update));
    }
    if !loaded_only {
        let (cols, row) = ops::insert_row(reg, model, values)?;
        let stmt = compiler::compile_upsert(model, &cols, vec![row], reg.config.dialect, vec![pk_field.col()?.clone()], vec![]);
        steps.push(step(stmt, model, Kind::Other));
    }
    Ok(entry(steps, Reads::Saved(pk_field.to_db(pk, None)?, !loaded_only)))
}

/// Does `sql` name `table` (quoted, as the compiler writes tables)?
fn names(sql: &str, table: &Ident) -> bool {
    crate::text::contains(sql, &format!("\"{table}\""))
}

/// A deletion of `qs` that decides nothing before the batch: the SET_NULL /
/// SET_DEFAULT updates, then the cascaded deletions (dependents first), then
/// `qs`'s own, each selecting its rows with subqueries of `qs`. `None` when
/// that would not be Django's collector: a PROTECT or RESTRICT relation, a
/// cycle of relations, or `qs` reading a table the deletion changes before
/// its own DELETE runs.
fn static_delete(qs: &QuerySet) -> Result<Option<Vec<Step>>> {
    let mut steps = Vec::new();
    let mut deletes = Vec::new();
    let mut budget = 64;
    if !cascade(qs, &mut vec![qs.model.id], &mut steps, &mut deletes, &mut budget)? {
        return Ok(None);
    }
    steps.append(&mut deletes);
    let root = compiler::compile_delete(qs)?;
    if steps.iter().any(|s| names(&root.sql, &s.table)) {
        return Ok(None);
    }
    steps.push(deleting(root, &qs.model));
    Ok(Some(steps))
}

fn cascade(qs: &QuerySet, path: &mut Vec<usize>, updates: &mut Vec<Step>, deletes: &mut Vec<Step>, budget: &mut usize) -> Result<bool> {
    let reg = &qs.reg;
    for rel in reg.reverse_relations(&qs.model) {
        let f = rel.model.field_at(rel.field);
        let Some(r) = &f.rel else { continue };
        if f.kind == FieldKind::ManyToMany || r.on_delete == OnDelete::DoNothing {
            continue;
        }
        if matches!(r.on_delete, OnDelete::Protect | OnDelete::Restrict) || path.contains(&rel.model.id) || *budget == 0 {
            return Ok(false);
        }
        *budget -= 1;
        let pks = qs.unordered().values(&["pk".to_string()])?;
        let within = Input::Expr(Rc::new(ExprInput::Subquery { qs: SubqueryInput(pks), exists: false, bare: false }));
        let related = QuerySet::new(reg.clone(), rel.model.clone()).filter_internal(&[QInput::Lookup(format!("{}__in", f.name), within)])?;
        if r.on_delete == OnDelete::Cascade {
            path.push(rel.model.id);
            let ok = cascade(&related, path, updates, deletes, budget)?;
            path.pop();
            if !ok {
                return Ok(false);
            }
            let stmt = compiler::compile_delete(&related)?;
            deletes.push(deleting(stmt, &rel.model));
        } else {
            let v = ops::on_delete_value(reg, &rel.model, f, r.on_delete)?;
            let stmt = compiler::compile_update(&related, vec![(f.col()?.clone(), SExpr::Param(v, Src::Unknown))])?;
            updates.push(step(stmt, &rel.model, Kind::Update));
        }
    }
    Ok(true)
}

/// The SQL that finds, in the batch, the primary key of row `r` of write
/// `w`, for a statement of write `me` after the statements `steps`:
/// `(SELECT pk FROM t ORDER BY pk DESC LIMIT 1 OFFSET n)`, `n` the rows
/// inserted into `t` since. Exact because new auto primary keys only grow
/// (SQLite's AUTOINCREMENT, or max + 1) and a batch runs alone; refused when
/// a statement in between changes `t` otherwise.
fn pending_pk(steps: &[Step], starts: &[usize], found: &[Made], me: usize, w: usize, r: usize) -> Result<String> {
    let made =
        found.get(w).and_then(|(start, m, rows)| Some((start + rows.get(r).copied().flatten()?.0, rows.get(r).copied().flatten()?.1, m.clone()?)));
    let Some((q, mut n, model)) = made else {
        return Err(Error::not_supported(format!(
            "db.atomic(): write #{} uses an object of write #{} whose primary key the batch cannot know (made with ignoreConflicts or updateConflicts, or after it).",
            me + 1,
            w + 1
        )));
    };
    let table = &model.table;
    for (s, st) in steps.iter().enumerate().skip(q + 1) {
        if st.table != *table {
            continue;
        }
        match st.kind {
            Kind::Insert(k) => n += k,
            Kind::Update => {}
            Kind::Other => {
                let by = starts.iter().rposition(|b| *b <= s).unwrap_or(0);
                return Err(Error::not_supported(format!(
                    "db.atomic(): write #{} uses the {} write #{} creates, but write #{} changes table \"{table}\" in between (deleting rows, \
                     giving primary keys, or ignoring or updating conflicts), after which the batch cannot find its primary key. Use it before, or in a later group.",
                    me + 1,
                    model.name,
                    w + 1,
                    by + 1
                )));
            }
        }
    }
    let pk = model.pk_column();
    Ok(format!("SELECT \"{pk}\" FROM \"{table}\" ORDER BY \"{pk}\" DESC LIMIT 1 OFFSET {n}"))
}

/// `stmt` with each parameter that stands for an instance created earlier
/// in the group replaced by `(found(write, row))` in its SQL.
fn resolve(stmt: Compiled, mut found: impl FnMut(usize, usize) -> Result<String>) -> Result<Compiled> {
    let mut sql = String::with_capacity(stmt.sql.len() + 64);
    let mut params = Vec::with_capacity(stmt.params.len());
    let mut values = stmt.params.into_iter();
    let mut quote = None;
    for c in stmt.sql.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '?') => match values.next() {
                Some(v) => match pending_of(&v) {
                    Some((w, r)) => {
                        sql.push('(');
                        sql.push_str(&found(w, r)?);
                        sql.push(')');
                        continue;
                    }
                    None => params.push(v),
                },
                None => return Err(Error::value("A statement has more placeholders than parameters.")),
            },
            _ => {}
        }
        sql.push(c);
    }
    params.extend(values);
    Ok(Compiled { sql, params })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, FieldSpec};

    fn spec(kind: &str) -> FieldSpec {
        FieldSpec { kind: kind.into(), ..Default::default() }
    }

    fn fk(to: &str, on_delete: &str, null: bool) -> FieldSpec {
        FieldSpec { to: Some(to.into()), on_delete: Some(on_delete.into()), null, ..spec("ForeignKey") }
    }

    /// Author <- Book (CASCADE author, SET_NULL editor, M2M tags); Shelf -> Box (PROTECT); Node -> Node.
    fn registry() -> Rc<Registry> {
        let reg = Rc::new(Registry::new(Config::default()));
        reg.define("Author", vec![("name".into(), spec("CharField"))], Some("author".into()), vec![], vec![]).unwrap();
        reg.define("Tag", vec![("name".into(), spec("CharField"))], None, vec![], vec![]).unwrap();
        let tags = FieldSpec { to: Some("Tag".into()), ..spec("ManyToManyField") };
        let book = vec![
            ("title".into(), spec("CharField")),
            ("author".into(), fk("Author", "CASCADE", false)),
            ("editor".into(), fk("Author", "SET_NULL", true)),
            ("tags".into(), tags),
        ];
        reg.define("Book", book, None, vec![], vec![]).unwrap();
        reg.define("Box", vec![("name".into(), spec("CharField"))], None, vec![], vec![]).unwrap();
        reg.define("Shelf", vec![("box".into(), fk("Box", "PROTECT", false))], None, vec![], vec![]).unwrap();
        reg.define("Node", vec![("parent".into(), fk("Node", "CASCADE", true))], None, vec![], vec![]).unwrap();
        reg
    }

    fn qs(reg: &Rc<Registry>, model: &str, lookup: &str, v: Input) -> QuerySet {
        QuerySet::new(reg.clone(), reg.get(model).unwrap()).filter(&[QInput::Lookup(lookup.into(), v)]).unwrap()
    }

    fn sqls(steps: &[Step]) -> Vec<(String, Option<String>)> {
        steps.iter().map(|s| (s.stmt.sql.clone(), s.owner.as_deref().map(String::from))).collect()
    }

    #[test]
    fn a_deletion_selects_its_cascades_in_the_batch() {
        let reg = registry();
        let steps = static_delete(&qs(&reg, "Author", "name", Input::Str("Ann".into()))).unwrap().unwrap();
        let sub = r#"(SELECT "U0"."id" AS "pk" FROM "author" AS "U0" WHERE "U0"."name" = ?)"#;
        assert_eq!(
            sqls(&steps),
            vec![
                (format!(r#"UPDATE "book" SET "editor_id" = ? WHERE "book"."editor_id" IN {sub}"#), None),
                (
                    format!(
                        r#"DELETE FROM "book_tags" WHERE "book_tags"."book_id" IN (SELECT "V0"."id" AS "pk" FROM "book" AS "V0" WHERE "V0"."author_id" IN {sub})"#
                    ),
                    Some("Book_tags".into())
                ),
                (format!(r#"DELETE FROM "book" WHERE "book"."author_id" IN {sub}"#), Some("Book".into())),
                (r#"DELETE FROM "author" WHERE "author"."name" = ?"#.into(), Some("Author".into())),
            ]
        );
        // Each statement binds the filter's value itself: no value read in between.
        assert!(steps.iter().all(|s| s.stmt.params.contains(&Value::Text("Ann".into()))));
    }

    #[test]
    fn a_deletion_django_decides_by_reading_is_not_static() {
        let reg = registry();
        // PROTECT (Box <- Shelf), a cycle (Node <- Node), a filter across the table it cascades to.
        for q in [
            qs(&reg, "Box", "name", Input::Str("x".into())),
            qs(&reg, "Node", "id", Input::Num(1.0)),
            qs(&reg, "Tag", "name", Input::Str("x".into())).filter(&[QInput::Lookup("book__title".into(), Input::Str("t".into()))]).unwrap(),
        ] {
            assert!(static_delete(&q).unwrap().is_none(), "{}", q.model.name);
        }
        // ... and must then be the group's first write.
        let author = reg.get("Author").unwrap();
        let create = Write::Create { model: author, objs: vec![vec![("name".into(), Input::Str("a".into()))]], opts: BulkOptions::default() };
        let err = compile_all(&reg, vec![create, Write::Delete { qs: qs(&reg, "Node", "id", Input::Num(1.0)) }]).err().unwrap();
        assert!(err.to_string().starts_with("db.atomic(): write #2 deletes Node rows, and must read them before the batch"), "{err}");
    }

    fn create(reg: &Rc<Registry>, model: &str, rows: Vec<Vec<(&str, Input)>>) -> Write {
        let objs = rows.into_iter().map(|r| r.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).collect();
        Write::Create { model: reg.get(model).unwrap(), objs, opts: BulkOptions::default() }
    }

    fn pending(w: i64, r: i64) -> Input {
        Input::Num((PENDING + (w << 24) + r) as f64)
    }

    #[test]
    fn an_object_created_earlier_is_found_by_its_rank_among_new_rows() {
        let reg = registry();
        let writes = vec![
            create(&reg, "Author", vec![vec![("name", Input::Str("a".into()))]]),
            create(&reg, "Author", vec![vec![("name", Input::Str("b".into()))], vec![("name", Input::Str("c".into()))]]),
            create(&reg, "Book", vec![vec![("title", Input::Str("t".into())), ("author", pending(0, 0)), ("editor", pending(1, 0))]]),
        ];
        let mut entries = compile_all(&reg, writes).unwrap();
        let (steps, starts) = flatten(&reg, entries.iter_mut()).unwrap();
        assert_eq!(starts, vec![0, 1, 2, 3]);
        assert_eq!(
            steps[2].stmt.sql,
            r#"INSERT INTO "book" ("title", "author_id", "editor_id") VALUES (?, (SELECT "id" FROM "author" ORDER BY "id" DESC LIMIT 1 OFFSET 2), (SELECT "id" FROM "author" ORDER BY "id" DESC LIMIT 1 OFFSET 1)) RETURNING "book"."id""#
        );
        assert_eq!(steps[2].stmt.params, vec![Value::Text("t".into())]);
        // A deletion from the table in between: refused, naming the writes.
        let writes = vec![
            create(&reg, "Tag", vec![vec![("name", Input::Str("a".into()))]]),
            Write::Delete { qs: qs(&reg, "Tag", "name", Input::Str("zz".into())) },
            create(&reg, "Book", vec![vec![("title", Input::Str("t".into())), ("author", pending(0, 0))]]),
        ];
        let err = flatten(&reg, compile_all(&reg, writes).unwrap().iter_mut()).err().unwrap();
        assert!(
            err.to_string().starts_with(r#"db.atomic(): write #3 uses the Tag write #1 creates, but write #2 changes table "tag" in between"#),
            "{err}"
        );
    }

    #[test]
    fn resolve_replaces_only_reserved_parameters_outside_quotes() {
        let stmt = Compiled { sql: r#"SELECT '?', "a?" , ?, ?"#.into(), params: vec![Value::Int(PENDING + (3 << 24) + 2), Value::Int(7)] };
        let out = resolve(stmt, |w, r| Ok(format!("X{w}.{r}"))).unwrap();
        assert_eq!(out, Compiled { sql: r#"SELECT '?', "a?" , (X3.2), ?"#.into(), params: vec![Value::Int(7)] });
        assert_eq!(pending_of(&Value::Int(PENDING - 1)), None);
        assert_eq!(pending_of(&Value::Int(-5)), None);
    }
}
