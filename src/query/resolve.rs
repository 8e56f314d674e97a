//! Resolution of Django's double-underscore syntax against the models:
//! `author__name__istartswith` becomes joins, a column, transforms and a
//! lookup with its value converted by the field. Join choice follows
//! Django's `setup_joins`/`JoinPromoter`: INNER by default, LEFT OUTER where
//! a NULL on the far side must survive (isnull, OR branches, negation), one
//! join per multi-valued relation per `filter()` call, and `exclude()` over a
//! multi-valued relation as a correlated `EXISTS` subquery.

use std::rc::Rc;

use crate::compiler::sql_ast::BinOp;
use crate::error::{Error, Result};
use crate::ident::Ident;
use crate::model::{Field, FieldKind, Model, Registry};
use crate::query::expr::{Cmp, Cond, Join, LikeKind, SExpr, SubQuery};
use crate::query::funcs::{self, Out};
use crate::query::slots::{self, Check, How, Slot, Src};
use crate::query::{Conv, OrderTerm, QInput, Related, ValueCol};
use crate::text;
use crate::value::{format_date, ExprInput, Input, Value};

/// The `call` of a resolver for anything but `filter()`/`exclude()`
/// (`annotate`, `values`, `orderBy`, `aggregate`, ...): as Django's
/// `setup_joins(can_reuse=None)` it reuses any join, also a multi-valued one
/// a filter made; the joins it makes no later filter reuses (a filter's
/// `can_reuse` holds only its own call's joins).
pub const ANY_CALL: usize = usize::MAX;

/// Lookups every field accepts (registered on Django's `Field`).
const LOOKUPS: &[&str] = &[
    "exact",
    "iexact",
    "gt",
    "gte",
    "lt",
    "lte",
    "in",
    "contains",
    "icontains",
    "startswith",
    "istartswith",
    "endswith",
    "iendswith",
    "range",
    "isnull",
    "regex",
    "iregex",
];
// Indexes into LOOKUPS (then JSON_LOOKUPS at 17..): lookups matched as numbers, not strings.
const EXACT: usize = 0;
const IEXACT: usize = 1;
const GT: usize = 2;
const GTE: usize = 3;
const LT: usize = 4;
const LTE: usize = 5;
const IN: usize = 6;
const CONTAINS: usize = 7;
const ICONTAINS: usize = 8;
const IENDSWITH: usize = 12;
const RANGE: usize = 13;
const ISNULL: usize = 14;
const REGEX: usize = 15;
const IREGEX: usize = 16;
const HAS_KEY: usize = 17;
const HAS_ANY_KEYS: usize = 19;
const CONTAINED_BY: usize = 20;
/// Lookups a relation accepts (`RelatedExact`, `RelatedIn`, ...).
const RELATED_LOOKUPS: &[&str] = &["exact", "in", "gt", "gte", "lt", "lte", "isnull"];
/// Transforms of DateField.
const DATE_TRANSFORMS: &[&str] = &["year", "iso_year", "month", "day", "week", "week_day", "iso_week_day", "quarter"];
/// Extra transforms of DateTimeField.
const DATETIME_TRANSFORMS: &[&str] = &["hour", "minute", "second", "date", "time"];

/// The type of an expression, for choosing lookups and converting values.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// A model field's column (or a transform keeping its type, like `date`).
    Field(Field),
    /// An integer from a transform (`year`, `month`, ...).
    Int,
    /// A `YYYY-MM-DD` date from the `date` transform.
    Date,
    /// An `HH:MM:SS[.ffffff]` time from the `time` transform.
    Time,
    /// A JSONField key (Django's `KeyTransform`): values compare as JSON;
    /// `true`: a `KT()` (KeyTextTransform), whose values TextField prepares.
    Key(bool),
}

impl Output {
    fn kind_name(&self) -> &'static str {
        match self {
            Output::Field(f) => f.kind.class_name(),
            Output::Int => "IntegerField",
            Output::Date => "DateField",
            Output::Time => "TimeField",
            Output::Key(_) => "JSONField",
        }
    }

    fn to_db(&self, reg: &Registry, v: &Input) -> Result<Value> {
        match self {
            Output::Field(f) => {
                let tpk = reg.target_pk(f)?;
                f.to_db(v, tpk.as_ref())
            }
            Output::Int => int_field().to_db(v, None),
            Output::Date => date_field().to_db(v, None),
            Output::Time => crate::value::db_time(v).map(Value::Text),
            Output::Key(true) if !v.is_nullish() => plain_field(FieldKind::Text, "value").to_db(v, None),
            // JSONField's get_prep_value: json.dumps, None as JSON's null.
            Output::Key(_) => Ok(Value::Text(match v {
                v if v.is_nullish() => "null".into(),
                v => crate::value::py_json(&v.to_json().ok_or_else(|| Error::value(format!("{} is not JSON serializable", v.repr())))?),
            })),
        }
    }

    fn is_integer(&self, reg: &Registry) -> bool {
        match self {
            Output::Int => true,
            Output::Date | Output::Time | Output::Key(_) => false,
            Output::Field(f) if f.kind.is_relation() => reg.target_pk(f).ok().flatten().is_some_and(|p| p.kind.is_integer()),
            Output::Field(f) => f.kind.is_integer(),
        }
    }
}

fn plain_field(kind: FieldKind, name: &str) -> Field {
    Field {
        name: name.into(),
        attname: name.into(),
        column: None,
        kind,
        null: true,
        unique: false,
        primary_key: false,
        db_index: false,
        max_length: None,
        decimal_places: None,
        max_digits: None,
        choices: None,
        has_default: false,
        default: None,
        rel: None,
    }
}

fn int_field() -> Field {
    plain_field(FieldKind::Integer, "value")
}

fn date_field() -> Field {
    plain_field(FieldKind::Date, "value")
}

/// Where a path ended: the alias and field holding the final column.
struct Target {
    alias: usize,
    field: Field,
    /// Index of the first part not consumed (transforms and lookup follow).
    rest: usize,
    /// Joins the path used, in order.
    joins: Vec<usize>,
    /// Set when the path ends on a relation seen from its far side
    /// (`books` → ManyToOneRel): only related lookups apply.
    via: Option<&'static str>,
}

/// A path step that would need a multi-valued join in a negated branch.
struct MultiJoin {
    /// Outer alias the relation hangs off.
    alias: usize,
    /// Model at that alias.
    model: Rc<Model>,
    /// Index of the part naming the multi-valued relation.
    part: usize,
    /// Joins made before it (promoted to LEFT OUTER: the correlation must see NULLs).
    joins: Vec<usize>,
}

enum Walk {
    Done(Target),
    Multi(MultiJoin),
}

/// Resolves names against one query's model and joins.
pub struct Resolver<'a> {
    reg: &'a Registry,
    model: &'a Rc<Model>,
    joins: &'a mut Vec<Join>,
    call: usize,
    /// Prefix for new aliases (`T` in the main query, `U` in subqueries).
    alias_prefix: char,
    /// Base alias name (the table in the main query, `U0` in subqueries).
    base_alias: Ident,
    /// New joins are LEFT OUTER when nullable (ordering, values, selectRelated).
    outer_when_nullable: bool,
    /// Annotations names can refer to (`annotate({ n: Count("books") })`).
    annotations: &'a [Annotation],
    /// The slot of the next user value (`None`: the values are the library's own).
    slot: Option<Slot>,
    /// The conversions run on slot values so far, in order.
    checks: Vec<Check>,
    /// Resolving a `Window`'s source (window functions are allowed).
    in_window: bool,
    /// A negated multi-valued lookup becomes an EXISTS subquery (Django's
    /// `split_subq`); not inside a Q resolved as an expression.
    split_subq: bool,
    /// In split_exclude's subquery: `F()` paths of the value resolved in the
    /// outer query (Django's OuterRef), and the path prefix that names this
    /// subquery's start (with its alias and model), where `F()` paths continue.
    split: Option<Rc<SplitRefs>>,
    /// Joins from this index on were made by this resolver: Django makes a
    /// nullable join LEFT OUTER when it creates it, until a Q node's
    /// JoinPromoter demotes it (`demoted` lists those demoted so far).
    fresh_from: usize,
    demoted: Vec<usize>,
}

/// How `F()` paths of an exclude's value read inside split_exclude's subquery.
struct SplitRefs {
    outer: Vec<(String, SExpr)>,
    prefix: String,
    start: usize,
    model: Rc<Model>,
}

/// An `annotate()`/`alias()` expression, referable by name.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// Its name.
    pub name: Rc<str>,
    /// The expression.
    pub expr: SExpr,
    /// How its value converts.
    pub conv: Conv,
    /// Contains an aggregate: GROUP BY, and filters on it go to HAVING.
    pub aggregate: bool,
    /// Selected (`annotate`) or only referable (`alias`).
    pub selected: bool,
    /// The field whose values it holds, for converting lookup values; `None`: a number.
    pub source: Option<Field>,
}

/// The result of resolving part of a Q tree: its condition and the joins it needs INNER.
struct Resolved {
    cond: Cond,
    needed_inner: Vec<usize>,
}

impl<'a> Resolver<'a> {
    /// A resolver adding joins to `joins`; `call` numbers the current
    /// `filter()` call, or is [`ANY_CALL`] for the other methods.
    pub fn new(reg: &'a Registry, model: &'a Rc<Model>, joins: &'a mut Vec<Join>, call: usize) -> Resolver<'a> {
        let fresh_from = joins.len();
        Resolver {
            reg,
            model,
            joins,
            call,
            alias_prefix: 'T',
            base_alias: model.table.clone(),
            outer_when_nullable: false,
            annotations: &[],
            slot: None,
            checks: Vec::new(),
            in_window: false,
            split_subq: true,
            split: None,
            fresh_from,
            demoted: Vec::new(),
        }
    }

    /// Number the values met from slot `slot` on (see [`slots`]); `None`:
    /// they are the library's own (their params are [`Src::Unknown`]).
    pub fn with_slot(mut self, slot: Option<Slot>) -> Resolver<'a> {
        self.slot = slot;
        self
    }

    /// The conversions run on slot values, in order (see [`Check`]).
    pub fn take_checks(&mut self) -> Vec<Check> {
        std::mem::take(&mut self.checks)
    }

    /// The source of a param derived from `slot` by `how`, recorded as a check.
    fn src(&mut self, slot: Option<Slot>, how: How) -> Src {
        match slot {
            Some(slot) => {
                let how = Rc::new(how);
                self.checks.push((slot, how.clone()));
                Src::Slot { slot, how }
            }
            None => Src::Unknown,
        }
    }

    /// Take the next slot.
    fn take_slot(&mut self) -> Option<Slot> {
        let s = self.slot;
        self.slot = slots::after(s, 1);
        s
    }

    /// Let names refer to these annotations.
    pub fn with_annotations(mut self, annotations: &'a [Annotation]) -> Resolver<'a> {
        self.annotations = annotations;
        self
    }

    fn annotation(&self, name: &str) -> Option<&'a Annotation> {
        self.annotations.iter().find(|a| &*a.name == name)
    }

    fn alias_name(&self, table: &Ident) -> Ident {
        let used = |name: &str| self.base_alias.as_str() == name || self.joins.iter().any(|j| j.alias.as_str() == name);
        if self.alias_prefix == 'T' && !used(table.as_str()) {
            return table.clone();
        }
        let start = if self.alias_prefix == 'T' { self.joins.len() + 2 } else { self.joins.len() + 1 };
        let mut n = start;
        loop {
            let name = format!("{}{}", self.alias_prefix, n);
            if !used(&name) {
                return Ident::fixed(&name);
            }
            n += 1;
        }
    }

    /// Find or add the join `parent.parent_col = table.col`; returns its alias index.
    #[allow(clippy::too_many_arguments)]
    fn join(&mut self, parent: usize, parent_col: &Ident, table: &Ident, col: &Ident, multi: bool, nullable: bool, path: &str) -> usize {
        // Django's Query.join reuses the most recent alias of a join (a
        // relation may be joined several times, by separate filter() calls).
        if let Some(i) = self.joins.iter().rposition(|j| {
            j.parent == parent
                && j.parent_col == *parent_col
                && j.table == *table
                && j.col == *col
                && (!multi || self.call == ANY_CALL || j.call == self.call)
        }) {
            return i + 1;
        }
        let parent_outer = parent > 0 && self.joins.get(parent - 1).is_some_and(|j| j.outer);
        let alias = self.alias_name(table);
        self.joins.push(Join {
            table: table.clone(),
            alias,
            parent,
            parent_col: parent_col.clone(),
            col: col.clone(),
            outer: parent_outer || (self.outer_when_nullable && (nullable || multi)),
            multi,
            nullable: nullable || multi,
            path: path.into(),
            call: self.call,
        });
        self.joins.len()
    }

    /// Can `name` continue a path on `m` (a field or a reverse relation)?
    fn is_path_part(&self, m: &Model, name: &str) -> bool {
        m.field(name).is_some() || self.reg.reverse_named(m, name, false).is_some()
    }

    /// After reaching `m` through a relation, what `parts[idx]` does: `Some(true)`
    /// continues the path, `Some(false)` names `m`'s pk with nothing after it
    /// (the join can be trimmed), `None` is a lookup.
    fn next_step(&self, m: &Model, parts: &[&str], idx: usize) -> Option<bool> {
        let name = *parts.get(idx)?;
        if !self.is_path_part(m, name) {
            return None;
        }
        let f = m.field(name);
        let is_pk = f.is_some_and(|f| f.primary_key);
        // A primary key that is a relation (a one-to-one parent link) leads on to its target's fields.
        let target = f.filter(|f| f.rel.is_some()).and_then(|f| self.reg.target(f).ok());
        let last = parts.get(idx + 1).is_none_or(|p| !self.is_path_part(m, p) && !target.as_ref().is_some_and(|t| self.is_path_part(t, p)));
        Some(!(is_pk && last))
    }

    /// The model on the far side of a path ending on a relation: the target
    /// of a foreign key, or (seen from its far side) the model of the last join.
    fn far_model(&self, t: &Target) -> Option<Rc<Model>> {
        if t.via.is_some() {
            let table = &self.joins.get(t.alias.wrapping_sub(1))?.table;
            for m in self.reg.models() {
                if m.table == *table {
                    return Some(m);
                }
            }
            return None;
        }
        t.field.rel.as_ref().and_then(|r| self.reg.get(&r.target))
    }

    /// Walk `parts` from (`alias`, `model`), joining through relations, until a
    /// field whose column holds the value. With `allow_multi` false, a
    /// multi-valued relation stops the walk (for exclude subqueries).
    fn walk(&mut self, parts: &[&str], alias: usize, model: &Rc<Model>, allow_multi: bool) -> Result<Walk> {
        let mut alias = alias;
        let mut model = model.clone();
        let mut i = 0;
        let mut used = Vec::new();
        loop {
            // `i` stays in `parts` (an empty name would be an unknown field).
            let name = at(parts, i);
            let path = text::join(parts.get(..=i).unwrap_or_default(), "__");
            if let Some(f) = model.field(name).cloned() {
                let by_attname = &*f.attname == name && &*f.name != name;
                match f.kind {
                    FieldKind::ForeignKey | FieldKind::OneToOne if !by_attname && i + 1 < parts.len() => {
                        let target = self.reg.target(&f)?;
                        match self.next_step(&target, parts, i + 1) {
                            // `author__id`: the FK column already holds it; no join (Django trims it).
                            Some(false) => {
                                return Ok(Walk::Done(Target { alias, field: f, rest: i + 2, joins: used, via: None }));
                            }
                            Some(true) => {
                                let a = self.join(alias, f.col()?, &target.table, target.pk_column(), false, f.null, &path);
                                used.push(a);
                                alias = a;
                                model = target;
                                i += 1;
                                continue;
                            }
                            None => return Ok(Walk::Done(Target { alias, field: f, rest: i + 1, joins: used, via: None })),
                        }
                    }
                    FieldKind::ManyToMany => {
                        if !allow_multi {
                            return Ok(Walk::Multi(MultiJoin { alias, model, part: i, joins: used.clone() }));
                        }
                        let target = self.reg.target(&f)?;
                        let (through, src, dst) = self.reg.through(&model, &f)?;
                        let src_col = through.field_at(src).col()?.clone();
                        let dst_field = through.field_at(dst).clone();
                        let t = self.join(alias, model.pk_column(), &through.table, &src_col, true, true, &format!("{path}+"));
                        used.push(t);
                        match self.next_step(&target, parts, i + 1) {
                            Some(true) => {
                                let a = self.join(t, dst_field.col()?, &target.table, target.pk_column(), false, true, &path);
                                used.push(a);
                                alias = a;
                                model = target;
                                i += 1;
                                continue;
                            }
                            Some(false) => return Ok(Walk::Done(Target { alias: t, field: dst_field, rest: i + 2, joins: used, via: None })),
                            None => return Ok(Walk::Done(Target { alias: t, field: dst_field, rest: i + 1, joins: used, via: None })),
                        }
                    }
                    _ => return Ok(Walk::Done(Target { alias, field: f, rest: i + 1, joins: used, via: None })),
                }
            }
            let reverse = self.reg.reverse_named(&model, name, false);
            let Some(rev) = reverse else {
                return Err(unknown_field(self.reg, &model, name));
            };
            let rf = rev.model.field_at(rev.field).clone();
            let multi = rf.kind != FieldKind::OneToOne;
            if multi && !allow_multi {
                return Ok(Walk::Multi(MultiJoin { alias, model, part: i, joins: used.clone() }));
            }
            if rf.kind == FieldKind::ManyToMany {
                // Reverse M2M: owner ← through → this model.
                let (through, src, dst) = self.reg.through(&rev.model, &rf)?;
                let dst_col = through.field_at(dst).col()?.clone();
                let src_field = through.field_at(src).clone();
                let t = self.join(alias, model.pk_column(), &through.table, &dst_col, true, true, &format!("{path}+"));
                used.push(t);
                let owner = rev.model.clone();
                match self.next_step(&owner, parts, i + 1) {
                    Some(true) => {
                        let a = self.join(t, src_field.col()?, &owner.table, owner.pk_column(), false, true, &path);
                        used.push(a);
                        alias = a;
                        model = owner;
                        i += 1;
                        continue;
                    }
                    // Ends on the through table's FK (Django reports lookups on it as ForeignKey).
                    Some(false) => return Ok(Walk::Done(Target { alias: t, field: src_field, rest: i + 2, joins: used, via: None })),
                    None => return Ok(Walk::Done(Target { alias: t, field: src_field, rest: i + 1, joins: used, via: None })),
                }
            }
            let a = self.join(alias, model.pk_column(), &rev.model.table, rf.col()?, multi, true, &path);
            used.push(a);
            alias = a;
            model = rev.model.clone();
            let via = if multi { "ManyToOneRel" } else { "OneToOneRel" };
            match parts.get(i + 1).filter(|p| self.is_path_part(&model, p)) {
                Some(_) => {
                    i += 1;
                    continue;
                }
                None => {
                    let pk = model.pk_field().clone();
                    return Ok(Walk::Done(Target { alias, field: pk, rest: i + 1, joins: used, via: Some(via) }));
                }
            }
        }
    }

    /// Resolve a whole Q tree.
    pub fn q(&mut self, q: &QInput) -> Result<Cond> {
        Ok(self.q_node(q, false, false)?.cond)
    }

    fn q_node(&mut self, q: &QInput, negated: bool, branch_negated: bool) -> Result<Resolved> {
        match q {
            QInput::Lookup(key, value) => {
                let slot = self.slot;
                let end = slots::after(slot, slots::lookup_count(value));
                self.slot = slots::after(slot, 1);
                let r = self.leaf(key, value, slot, negated, branch_negated);
                self.slot = end;
                r
            }
            QInput::Expr(e) => {
                let expr = match e {
                    ExprInput::Subquery { exists: true, .. } => self.expr_value(e)?,
                    _ => return Err(Error::usage("Cannot filter against a non-conditional expression.")),
                };
                Ok(Resolved { cond: Cond::Expr(expr), needed_inner: Vec::new() })
            }
            QInput::Node { or, negated: neg, children } => {
                let cur_neg = negated ^ neg;
                let branch = branch_negated || *neg;
                let mut conds = Vec::new();
                let mut votes: Vec<(usize, usize)> = Vec::new();
                for c in children {
                    let r = self.q_node(c, cur_neg, branch)?;
                    for a in r.needed_inner {
                        match votes.iter_mut().find(|(x, _)| *x == a) {
                            Some(v) => v.1 += 1,
                            None => votes.push((a, 1)),
                        }
                    }
                    conds.push(r.cond);
                }
                // JoinPromoter: under negation the connector flips.
                let effective_or = *or != cur_neg;
                let n = children.len();
                let mut to_promote = Vec::new();
                let mut to_demote = Vec::new();
                for (a, count) in votes {
                    if effective_or && count < n {
                        to_promote.push(a);
                    } else if !effective_or || count == n {
                        to_demote.push(a);
                    }
                }
                self.promote(&to_promote);
                self.demote(&to_demote);
                let mut cond = if *or { Cond::Or(conds) } else { Cond::And(conds) };
                if *neg {
                    cond = Cond::Not(Box::new(cond));
                }
                Ok(Resolved { cond, needed_inner: to_demote })
            }
        }
    }

    /// LEFT OUTER for these joins where a NULL can arise, and for their children.
    fn promote(&mut self, aliases: &[usize]) {
        let mut queue: Vec<usize> = aliases.to_vec();
        while let Some(a) = queue.pop() {
            // Alias 0 (the base table) has no join.
            let Some(p) = self.joins.get(a.wrapping_sub(1)).map(|j| j.parent) else { continue };
            let parent_outer = self.joins.get(p.wrapping_sub(1)).is_some_and(|j| j.outer);
            let Some(j) = self.joins.get_mut(a - 1) else { continue };
            if (j.nullable || parent_outer) && !j.outer {
                j.outer = true;
                for (i, child) in self.joins.iter().enumerate() {
                    if child.parent == a && !queue.contains(&(i + 1)) {
                        queue.push(i + 1);
                    }
                }
            }
        }
    }

    /// INNER for these joins (and their outer parents), as Django's demote_joins.
    fn demote(&mut self, aliases: &[usize]) {
        let mut queue: Vec<usize> = aliases.to_vec();
        while let Some(a) = queue.pop() {
            // Alias 0 (the base table) has no join.
            let Some(j) = self.joins.get_mut(a.wrapping_sub(1)) else { continue };
            self.demoted.push(a);
            if j.outer {
                j.outer = false;
                let p = j.parent;
                if self.joins.get(p.wrapping_sub(1)).is_some_and(|j| j.outer) {
                    queue.push(p);
                }
            }
        }
    }

    fn leaf(&mut self, key: &str, value: &Input, slot: Option<Slot>, negated: bool, branch_negated: bool) -> Result<Resolved> {
        let parts: Vec<&str> = crate::text::split(key, "__").collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(unknown_field(self.reg, self.model, key));
        }
        if let Some(a) = self.annotation(at(&parts, 0)) {
            // Django's Exact of a condition with a boolean: the condition itself, or NOT it.
            if let (SExpr::Cond(c), [] | ["exact"], Input::Bool(b)) = (&a.expr, tail(&parts, 1), value) {
                let c = (**c).clone();
                return Ok(Resolved { cond: if *b { c } else { Cond::Not(Box::new(c)) }, needed_inner: Vec::new() });
            }
            let out = match (&a.expr, &a.source) {
                (SExpr::JsonKey { text, .. }, _) => Output::Key(*text),
                (_, Some(f)) => Output::Field(f.clone()),
                _ => Output::Int,
            };
            let (cond, _, _) = self.lookup_on(a.expr.resolved_again(), out, tail(&parts, 1), &parts, value, slot, false)?;
            return Ok(Resolved { cond, needed_inner: Vec::new() });
        }
        let model = self.model.clone();
        let target = match self.walk(&parts, 0, &model, !branch_negated || !self.split_subq)? {
            Walk::Done(t) => t,
            Walk::Multi(m) => {
                self.promote(&m.joins);
                // Django resolves an expression value in this query first
                // (resolve_lookup_value, before its MultiJoin): the joins it
                // makes stay, LEFT OUTER where nullable, even when only the
                // subquery reads them.
                let (nullable, at) = (self.outer_when_nullable, self.slot);
                self.outer_when_nullable = true;
                let r = value.exprs().try_for_each(|e| self.expr_value(e).map(drop));
                (self.outer_when_nullable, self.slot) = (nullable, at);
                r?;
                let cond = self.split_exclude(&parts, value, slot, m)?;
                return Ok(Resolved { cond, needed_inner: Vec::new() });
            }
        };
        let before = self.joins.len();
        let (cond, rhs_none, lookup_name) = self.build_lookup(&target, &parts, value, slot)?;
        // Joins an F() value made: promoted and voted with the lookup's own (Django's used_joins).
        let mut joins = target.joins.clone();
        for a in before + 1..=self.joins.len() {
            joins.push(a);
        }
        // Django's build_filter: which joins must be LEFT OUTER, and the NULL guard under negation.
        // `exact=None` is `isnull=True` (Django's build_lookup), for join promotion too.
        let none_exact = rhs_none && matches!(lookup_name, "exact" | "iexact");
        let is_isnull = lookup_name == "isnull" || none_exact;
        let isnull_true = none_exact || (is_isnull && matches!(value, Input::Bool(true)));
        let mut require_outer = isnull_true && !negated;
        let mut cond = cond;
        if negated && (!is_isnull || (!none_exact && matches!(value, Input::Bool(false)))) && !rhs_none {
            require_outer = true;
            if !is_isnull {
                // The last join is LEFT OUTER as Django sees it now: promoted,
                // or made nullable by this resolver and not demoted since.
                let a = target.alias;
                let last_outer =
                    self.joins.get(a.wrapping_sub(1)).is_some_and(|j| j.outer || (j.nullable && a > self.fresh_from && !self.demoted.contains(&a)));
                if target.field.null || last_outer {
                    let col = SExpr::Col { alias: target.alias, col: target_column(&target)? };
                    cond = Cond::And(vec![cond, Cond::IsNull { lhs: col, negated: true }]);
                }
                // A nullable column as the value (a plain F()): `value IS NOT NULL` too.
                if let Some(rhs) = self.nullable_f_value(value, &cond)? {
                    cond = Cond::And(vec![cond, Cond::IsNull { lhs: rhs, negated: true }]);
                }
            }
        }
        if require_outer {
            self.promote(&joins);
            return Ok(Resolved { cond, needed_inner: Vec::new() });
        }
        Ok(Resolved { cond, needed_inner: joins })
    }

    /// The column a lookup compared with, when its value is a plain `F()` of
    /// a nullable field (not an annotation): Django's `isinstance(value, Col)
    /// and self.is_nullable(value.target)`.
    #[inline(never)]
    fn nullable_f_value(&self, value: &Input, cond: &Cond) -> Result<Option<SExpr>> {
        let Input::Expr(e) = value else { return Ok(None) };
        let ExprInput::F(path) = &**e else { return Ok(None) };
        if self.annotation(path).is_some() || !self.expr_output(e)?.is_some_and(|f| f.null) {
            return Ok(None);
        }
        let mut c = cond;
        while let Cond::And(items) = c {
            let Some(first) = items.first() else { break };
            c = first;
        }
        Ok(match c {
            Cond::Cmp { rhs: x @ SExpr::Col { .. }, .. } => Some(x.clone()),
            Cond::Like { pattern: SExpr::LikeRhs { e, .. }, .. } if matches!(**e, SExpr::Col { .. }) => Some((**e).clone()),
            _ => None,
        })
    }

    /// `exclude()` across a multi-valued relation: `EXISTS` over the related
    /// rows, correlated with the outer row (Django's split_exclude).
    #[inline(never)]
    fn split_exclude(&mut self, parts: &[&str], value: &Input, slot: Option<Slot>, m: MultiJoin) -> Result<Cond> {
        let name = at(parts, m.part);
        let rest = tail(parts, m.part + 1);
        // The subquery's base model, its column and the outer column they
        // correlate on, and (M2M) the through table's far key and target.
        type Split = (Rc<Model>, Ident, Ident, Option<(Field, Rc<Model>)>);
        let (base_model, inner_col, outer_col, next): Split =
            if let Some(f) = m.model.field(name).filter(|f| f.kind == FieldKind::ManyToMany).cloned() {
                let (through, src, dst) = self.reg.through(&m.model, &f)?;
                let target = self.reg.target(&f)?;
                (through.clone(), through.field_at(src).col()?.clone(), m.model.pk_column().clone(), Some((through.field_at(dst).clone(), target)))
            } else {
                let rev = self.reg.reverse_named(&m.model, name, false).ok_or_else(|| unknown_field(self.reg, &m.model, name))?;
                let rf = rev.model.field_at(rev.field).clone();
                if rf.kind == FieldKind::ManyToMany {
                    let (through, src, dst) = self.reg.through(&rev.model, &rf)?;
                    (
                        through.clone(),
                        through.field_at(dst).col()?.clone(),
                        m.model.pk_column().clone(),
                        Some((through.field_at(src).clone(), rev.model.clone())),
                    )
                } else {
                    (rev.model.clone(), rf.col()?.clone(), m.model.pk_column().clone(), None)
                }
            };
        // `rel__isnull` (or `rel__pk__isnull`): whether any related row exists.
        let far: &Model = match &next {
            Some((_, target)) => target,
            None => &base_model,
        };
        let tail: &[&str] = match rest.first() {
            Some(p) if far.field(p).is_some_and(|f| f.primary_key) => tail(rest, 1),
            _ => rest,
        };
        if tail == ["isnull"] {
            let Input::Bool(b) = value else {
                return Err(Error::value("The QuerySet value for an isnull lookup must be True or False."));
            };
            return Ok(match exists_cond(&base_model, Vec::new(), Cond::Everything, m.alias, outer_col, inner_col) {
                Cond::Exists { sub, .. } => Cond::Exists { sub, negated: *b },
                other => other,
            });
        }
        // `rel__field__isnull=True` (or `=None`) is true also where no
        // related row exists: Django's inner query LEFT JOINs the relation
        // from the parent, which split_exclude cannot trim, so authors with
        // no books are excluded too.
        let isnull_true = match rest.last() {
            Some(&"isnull") => matches!(value, Input::Bool(true)),
            Some(&("exact" | "iexact")) | None => matches!(value, Input::Null),
            Some(l) => !is_lookup_name(l) && matches!(value, Input::Null),
        };
        if isnull_true {
            let parent = m.model.clone();
            let mut sub_joins = Vec::new();
            let mut sub = self.subquery_resolver(&parent, &mut sub_joins, slots::after(slot, 1));
            sub.outer_when_nullable = true;
            let cond = sub.leaf_from(&text::join(parts.get(m.part..).unwrap_or_default(), "__"), value, slot, 0, &parent);
            let checks = sub.take_checks();
            self.checks.extend(checks);
            let pk = parent.pk_column().clone();
            return Ok(exists_cond(&parent, sub_joins, cond?, m.alias, pk.clone(), pk));
        }
        // Django's split_exclude checks whether its inner query's first table
        // has, by name, an alias this filter() call already joined (`alias
        // in can_reuse`): then the subquery matches that row by primary key
        // (`U0.id = book.id`) instead of the relation's key.
        let (corr, outer_col, inner_col) = match self.split_reuse(&base_model.table, &m) {
            Some(a) => (a, base_model.pk_column().clone(), base_model.pk_column().clone()),
            None => (m.alias, outer_col, inner_col),
        };
        let outer_refs = self.split_outer_refs(parts, m.part, value)?;
        let mut sub_joins = Vec::new();
        let mut sub = self.subquery_resolver(&base_model, &mut sub_joins, slot);
        let prefix = text::join(parts.get(..=m.part).unwrap_or_default(), "__");
        sub.split = Some(Rc::new(SplitRefs { outer: outer_refs.clone(), prefix: prefix.clone(), start: 0, model: base_model.clone() }));
        let (start_alias, start_model) = match &next {
            Some((fk, target)) => match rest.first().and_then(|p| target.field(p)) {
                // `tags__name`: join the far table and continue there.
                Some(tf) if !tf.primary_key => {
                    let a = sub.join(0, fk.col()?, &target.table, target.pk_column(), false, false, name);
                    sub.split = Some(Rc::new(SplitRefs { outer: outer_refs, prefix, start: a, model: target.clone() }));
                    (a, target.clone())
                }
                // `tags`, `tags__in`, `tags__pk__in`: the through table's FK column holds it.
                first => {
                    let skip = usize::from(first.is_some());
                    let mut key_parts: Vec<&str> = vec![&*fk.name];
                    key_parts.extend_from_slice(rest.get(skip..).unwrap_or_default());
                    let cond = sub.q(&QInput::Lookup(text::join(&key_parts, "__"), value.clone()));
                    let checks = sub.take_checks();
                    self.checks.extend(checks);
                    return Ok(exists_cond(&base_model, sub_joins, cond?, corr, outer_col, inner_col));
                }
            },
            None => (0, base_model.clone()),
        };
        let rest_key = match rest.first() {
            None => "pk".to_string(),
            Some(p) if !self.is_path_part(&start_model, p) => format!("pk__{}", text::join(rest, "__")),
            Some(_) => text::join(rest, "__"),
        };
        sub.slot = slots::after(slot, 1);
        let cond = sub.leaf_from(&rest_key, value, slot, start_alias, &start_model);
        let checks = sub.take_checks();
        self.checks.extend(checks);
        let cond = cond?;
        Ok(exists_cond(&base_model, sub_joins, cond, corr, outer_col, inner_col))
    }

    /// The `F()` paths of an exclude's value that split_exclude reads in the
    /// outer query, resolved there (nullable joins LEFT OUTER, any join
    /// reused): a bare `F()` whatever its path (Django turns it into an
    /// OuterRef); inside an expression, the paths that do not go through the
    /// multi-valued relation (those continue in the subquery).
    #[inline(never)]
    fn split_outer_refs(&mut self, parts: &[&str], at: usize, value: &Input) -> Result<Vec<(String, SExpr)>> {
        let prefix = text::join(parts.get(..=at).unwrap_or_default(), "__");
        let mut paths = Vec::new();
        match value {
            Input::Expr(e) if matches!(**e, ExprInput::F(_)) => f_paths(e, &mut |p| paths.push(p.to_string())),
            _ => value.exprs().for_each(|e| {
                f_paths(e, &mut |p| {
                    if p != prefix && !p.strip_prefix(prefix.as_str()).is_some_and(|r| r.starts_with("__")) {
                        paths.push(p.to_string());
                    }
                })
            }),
        }
        let (nullable, call) = (self.outer_when_nullable, self.call);
        (self.outer_when_nullable, self.call) = (true, ANY_CALL);
        let mut out = Vec::new();
        let mut err = None;
        for p in paths {
            match self.expr_value(&ExprInput::F(p.clone())) {
                Ok(SExpr::Col { alias, col }) => out.push((p, SExpr::OuterCol { alias, col, up: 1 })),
                Ok(_) => {
                    err = Some(Error::not_supported(format!(
                        "F('{p}') as the value of an exclude() across a multi-valued relation is not supported by this version of Quarry."
                    )));
                    break;
                }
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        (self.outer_when_nullable, self.call) = (nullable, call);
        err.map_or(Ok(out), Err)
    }

    /// The outer alias split_exclude's subquery correlates with by primary
    /// key, as Django's `alias in can_reuse` finds it: Django's inner query
    /// starts from this query's model and joins the path up to `table`,
    /// naming it by the table when the path has not joined that table
    /// before; it matches when a join of this filter() call has that name.
    /// (A `T<n>` name matching by chance is not followed.)
    #[inline(never)]
    fn split_reuse(&self, table: &Ident, m: &MultiJoin) -> Option<usize> {
        if *table == self.model.table || m.joins.iter().any(|&a| self.joins.get(a.wrapping_sub(1)).is_some_and(|j| j.table == *table)) {
            return None;
        }
        self.joins.iter().position(|j| j.alias == *table && j.call == self.call && self.call != ANY_CALL).map(|i| i + 1)
    }

    /// A resolver for split_exclude's subquery over `model` (aliases `U0`, `U1`, ...).
    fn subquery_resolver<'b>(&self, model: &'b Rc<Model>, joins: &'b mut Vec<Join>, slot: Option<Slot>) -> Resolver<'b>
    where
        'a: 'b,
    {
        let mut r = Resolver::new(self.reg, model, joins, 1).with_slot(slot);
        r.alias_prefix = 'U';
        r.base_alias = Ident::fixed("U0");
        r
    }

    /// A positive lookup starting at an alias other than the base (subqueries).
    fn leaf_from(&mut self, key: &str, value: &Input, slot: Option<Slot>, alias: usize, model: &Rc<Model>) -> Result<Cond> {
        let parts: Vec<&str> = crate::text::split(key, "__").collect();
        match self.walk(&parts, alias, model, true)? {
            Walk::Done(t) => Ok(self.build_lookup(&t, &parts, value, slot)?.0),
            Walk::Multi(_) => Err(Error::field(format!("Cannot resolve '{key}'."))),
        }
    }

    /// Transforms and the final lookup after the field: returns the condition,
    /// whether the value was None, and the lookup name.
    fn build_lookup(&mut self, target: &Target, parts: &[&str], value: &Input, slot: Option<Slot>) -> Result<(Cond, bool, &'static str)> {
        let rest = tail(parts, target.rest);
        let f = &target.field;
        if let Some(kind) = target.via {
            let lookup = rest.first().copied().unwrap_or("exact");
            if rest.len() > 1 || !RELATED_LOOKUPS.contains(&lookup) {
                let name = rest.first().copied().unwrap_or("");
                // Not a lookup: a field the far model lacks.
                if let Some(far) = self.far_model(target).filter(|_| !is_lookup_name(name)) {
                    return Err(unknown_field(self.reg, &far, name));
                }
                return Err(Error::field(format!("Unsupported lookup '{name}' for {kind} or join on the field not permitted.")));
            }
        }
        let lhs = SExpr::Col { alias: target.alias, col: target_column(target)? };
        self.lookup_on(lhs, Output::Field(f.clone()), rest, parts, value, slot, f.kind.is_relation())
    }

    /// Transforms and the lookup in `rest` applied to `lhs` of type `out`.
    /// `slot` is the slot of `value` (an expression's own values follow it).
    #[allow(clippy::too_many_arguments)]
    fn lookup_on(
        &mut self,
        lhs: SExpr,
        out: Output,
        rest: &[&str],
        parts: &[&str],
        value: &Input,
        slot: Option<Slot>,
        related: bool,
    ) -> Result<(Cond, bool, &'static str)> {
        if matches!(&out, Output::Key(_)) || matches!(&out, Output::Field(f) if f.kind == FieldKind::Json) {
            return self.json_lookup(lhs, out, rest, parts, value, slot);
        }
        let mut lhs = lhs;
        let mut out = out;
        let (transforms, lookup) = match rest.split_last() {
            None => (&[][..], "exact"),
            Some((last, init)) => {
                if lookup_allowed(&out, last) {
                    (init, *last)
                } else {
                    (rest, "exact")
                }
            }
        };
        let (li, name) = lookup_index(lookup);
        for (k, t) in transforms.iter().enumerate() {
            let is_last_transform = k + 1 == transforms.len();
            // The year lookup compares the raw column with bounds (Django's YearLookup).
            if *t == "year" && is_last_transform && li <= LTE && li != IEXACT && date_like(&out) {
                return Ok((self.year_lookup(lhs, &out, li, value, slot)?, false, name));
            }
            let (e, o) = apply_transform(lhs, &out, t).ok_or_else(|| unsupported_lookup(self.reg, &out, t, related))?;
            lhs = e;
            out = o;
        }
        self.apply_lookup(lhs, out, lookup, parts, value, slot, related)
    }

    /// A JSONField's lookups on SQLite (`key`: on one of its keys, Django's
    /// `KeyTransform`), after the key transforms in `rest`.
    #[inline(never)]
    fn json_lookup(
        &mut self,
        lhs: SExpr,
        out: Output,
        rest: &[&str],
        parts: &[&str],
        value: &Input,
        slot: Option<Slot>,
    ) -> Result<(Cond, bool, &'static str)> {
        let (keys, li) = match rest.split_last().map(|(l, init)| (init, json_lookup_index(l))) {
            Some((init, Some(li))) => (init, li),
            _ => (rest, EXACT),
        };
        let lookup = json_lookup_name(li);
        let (lhs, out) = if keys.is_empty() { (lhs, out) } else { (json_key(lhs, keys, false), Output::Key(false)) };
        let key = matches!(out, Output::Key(_));
        let (base, path): (SExpr, Vec<Rc<str>>) = match &lhs {
            SExpr::JsonKey { e, keys, .. } => ((**e).clone(), keys.to_vec()),
            e => (e.clone(), Vec::new()),
        };
        let plain = !matches!(value, Input::Expr(_));
        if value.is_nullish() && !matches!(li, EXACT | IEXACT | ISNULL) {
            return Err(Error::value("Cannot use None as a query value"));
        }
        Ok(match li {
            CONTAINS | CONTAINED_BY => return Err(Error::not_supported(format!("{lookup} lookup is not supported on this database backend."))),
            HAS_KEY..=HAS_ANY_KEYS => {
                let many = li != HAS_KEY;
                let items = match value {
                    Input::List(items) if many => items.clone(),
                    v => vec![v.clone()],
                };
                let prefix: Rc<str> = funcs::json_path(&path, false).into();
                let mut conds = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let p = has_key_path(self.reg, &prefix, item, many)?;
                    let src = self
                        .src(slot, How::HasKey { prefix: prefix.clone(), elem: (many && matches!(value, Input::List(_))).then_some(i as u32), many });
                    let jt = SExpr::Func { name: "JSON_TYPE", args: vec![base.clone(), SExpr::Param(Value::Text(p), src)] };
                    conds.push(Cond::IsNull { lhs: jt, negated: true });
                }
                (if li == HAS_ANY_KEYS { Cond::Or(conds) } else { Cond::And(conds) }, false, "has_key")
            }
            ISNULL if key => match value {
                Input::Bool(b) => (Cond::IsNull { lhs: funcs::json_type(base, funcs::json_path(&path, false)), negated: !b }, false, "isnull"),
                _ => return Err(Error::value("The QuerySet value for an isnull lookup must be True or False.")),
            },
            // JSONExact: the value as JSON text, None as JSON's null.
            EXACT if plain => {
                let out = if key { out } else { Output::Key(false) };
                let v = out.to_db(self.reg, value)?;
                let p = SExpr::Param(v, self.src(slot, How::ToDb { out, round: false, elem: None }));
                let rhs = if key { funcs::json_value(p) } else { p };
                (Cond::Cmp { lhs, op: Cmp::Eq, rhs }, value.is_nullish(), "exact")
            }
            // KeyTransformNumericLookupMixin: the value itself.
            GT..=LTE if key && plain => {
                let v = expr_param(self.reg, value, None)?;
                let rhs = SExpr::Param(v, self.src(slot, How::ExprValue { field: None }));
                (Cond::Cmp { lhs, op: cmp_op(li), rhs }, false, "gt")
            }
            // Text lookups compare the text (KeyTextTransform).
            IEXACT | ICONTAINS..=IENDSWITH | REGEX | IREGEX => {
                self.apply_lookup(lhs, Output::Field(plain_field(FieldKind::Text, "value")), lookup, parts, value, slot, false)?
            }
            _ => self.apply_lookup(lhs, out, lookup, parts, value, slot, false)?,
        })
    }

    /// apply_lookup with an expression as the value (F(), a function, a
    /// Subquery): out of line, so a first plain lookup does not compile it.
    #[inline(never)]
    fn expr_lookup(&mut self, lhs: SExpr, out: &Output, li: usize, lookup: &'static str, e: &ExprInput) -> Result<(Cond, bool, &'static str)> {
        let bare;
        let e = match e {
            ExprInput::Subquery { qs, exists: false, bare: true } => {
                bare = ExprInput::Subquery { qs: crate::value::SubqueryInput(self.bare_qs(&qs.0, out, lookup)?), exists: false, bare: false };
                &bare
            }
            e => e,
        };
        // `in` a Subquery: selected as it is (Django checks nothing; the
        // database rejects a subquery of several columns).
        if let (ExprInput::Subquery { qs, exists: false, .. }, IN) = (e, li) {
            let sub = self.subquery(&qs.0, false, false)?;
            return Ok((Cond::InSub { lhs, sub }, false, lookup));
        }
        let op = match li {
            EXACT | GT..=LTE => cmp_op(li),
            IEXACT | CONTAINS..=IENDSWITH => {
                let kind = like_kind(li);
                let e = Box::new(self.expr_value(e)?);
                // icontains, istartswith, iendswith.
                let pattern = SExpr::LikeRhs { e, kind, upper: li > CONTAINS && li.is_multiple_of(2) };
                return Ok((Cond::Like { lhs, pattern, kind, text: String::new() }, false, lookup));
            }
            _ => {
                return Err(Error::not_supported(format!(
                    "An expression can be the value of exact, gt, gte, lt, lte and the text lookups (iexact, contains, startswith, endswith and their i- forms); not of '{lookup}'."
                )))
            }
        };
        let rhs = self.expr_value(e)?;
        Ok((Cond::Cmp { lhs, op, rhs }, false, lookup))
    }

    /// The final lookup `lookup` on `lhs` of type `out`.
    #[allow(clippy::too_many_arguments)]
    fn apply_lookup(
        &mut self,
        lhs: SExpr,
        out: Output,
        lookup: &str,
        parts: &[&str],
        value: &Input,
        slot: Option<Slot>,
        related: bool,
    ) -> Result<(Cond, bool, &'static str)> {
        if !lookup_allowed(&out, lookup) {
            return Err(unsupported_lookup(self.reg, &out, lookup, related));
        }
        let (li, lookup) = lookup_index(lookup);
        let rhs_none = value.is_nullish();
        if rhs_none && !matches!(li, EXACT | IEXACT | ISNULL) {
            return Err(Error::value("Cannot use None as a query value"));
        }
        if let Input::Expr(e) = value {
            return self.expr_lookup(lhs, &out, li, lookup, e);
        }
        let reg = self.reg;
        let cond = match li {
            EXACT | IEXACT if rhs_none => Cond::IsNull { lhs, negated: false },
            EXACT | GT..=LTE => {
                let op = cmp_op(li);
                let round = matches!(li, GTE | LT);
                let v = lookup_value(&out, reg, round, value)?;
                let src = self.src(slot, How::ToDb { out, round, elem: None });
                Cond::Cmp { lhs, op, rhs: SExpr::Param(v, src) }
            }
            IEXACT | CONTAINS..=IENDSWITH => {
                let kind = like_kind(li);
                let (pattern, text) = like_parts(&out, reg, kind, value)?;
                let src = self.src(slot, How::Like { out, kind, long: false });
                Cond::Like { lhs, pattern: SExpr::Param(Value::Text(pattern), src), kind, text }
            }
            ISNULL => match value {
                Input::Bool(b) => Cond::IsNull { lhs, negated: !b },
                _ => return Err(Error::value("The QuerySet value for an isnull lookup must be True or False.")),
            },
            _ => self.lookup_more(lhs, out, li, lookup, parts, value, slot, related)?,
        };
        Ok((cond, rhs_none, lookup))
    }

    /// apply_lookup's in, range and regex lookups: out of line, so a first
    /// exact or comparison lookup does not compile them.
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn lookup_more(
        &mut self,
        lhs: SExpr,
        out: Output,
        li: usize,
        lookup: &'static str,
        parts: &[&str],
        value: &Input,
        slot: Option<Slot>,
        related: bool,
    ) -> Result<Cond> {
        let reg = self.reg;
        Ok(match li {
            // A list holding expressions (Django's ExpressionList of the
            // values): each expression compiled, each value bound, a None
            // kept as NULL (so `exclude` of a list with None matches nothing), nothing deduplicated.
            IN | RANGE if matches!(value, Input::List(items) if items.iter().any(|i| matches!(i, Input::Expr(_)))) => {
                let Input::List(items) = value else { return Err(Error::value("internal error: not a list")) };
                if li == RANGE && items.len() != 2 {
                    return Err(Error::value(format!("The value of a 'range' lookup must be an array of two values, got {}.", value.repr())));
                }
                let mut out_items = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out_items.push(match item {
                        Input::Expr(e) => self.expr_value(e)?,
                        v if v.is_nullish() => SExpr::Null,
                        v => {
                            let x = lookup_value(&out, reg, false, v)?;
                            let elem = u8::try_from(i).map_err(|_| {
                                Error::not_supported("An 'in' list holding expressions takes at most 256 items in this version of Quarry.")
                            })?;
                            SExpr::Param(x, self.src(slot, How::ToDb { out: out.clone(), round: false, elem: Some(elem) }))
                        }
                    });
                }
                match (li, out_items.pop(), out_items.pop()) {
                    (RANGE, Some(hi), Some(lo)) => Cond::Between { lhs, lo, hi },
                    (_, last, prev) => {
                        if let Some(e) = prev {
                            out_items.push(e);
                        }
                        if let Some(e) = last {
                            out_items.push(e);
                        }
                        Cond::InExprs { lhs, items: out_items }
                    }
                }
            }
            IN => {
                let key: Rc<str> = text::join(parts, "__").into();
                let values = in_values(&out, reg, value, &key)?;
                let src = self.src(slot, How::InList { out, key });
                if values.is_empty() {
                    Cond::Nothing
                } else {
                    Cond::In { lhs, values: Rc::new(values), src }
                }
            }
            RANGE => match value {
                Input::List(items) if let [lo, hi] = &items[..] => {
                    let lo = lookup_value(&out, reg, false, lo)?;
                    let lo_src = self.src(slot, How::ToDb { out: out.clone(), round: false, elem: Some(0) });
                    let hi = lookup_value(&out, reg, false, hi)?;
                    let hi_src = self.src(slot, How::ToDb { out, round: false, elem: Some(1) });
                    Cond::Between { lhs, lo: SExpr::Param(lo, lo_src), hi: SExpr::Param(hi, hi_src) }
                }
                _ => return Err(Error::value(format!("The value of a 'range' lookup must be an array of two values, got {}.", value.repr()))),
            },
            REGEX | IREGEX => {
                if !reg.config.regexp {
                    return Err(Error::not_supported(format!(
                        "The '{lookup}' lookup needs a REGEXP SQL function, which Cloudflare D1 does not provide. \
                         Use contains/startswith/endswith (or their i- forms) instead, or run Quarry over a host executor whose SQLite registers REGEXP \
                         ({{ regexp: true }} when it comes with using())."
                    )));
                }
                let text = regex_text(&out, reg, value)?;
                let src = self.src(slot, How::Regex { out });
                Cond::Regexp { lhs, pattern: SExpr::Param(Value::Text(text), src), ci: li == IREGEX }
            }
            _ => return Err(unsupported_lookup(self.reg, &out, lookup, related)),
        })
    }

    /// An `F()` expression as a value: field references join like lookups do.
    fn expr_value(&mut self, e: &ExprInput) -> Result<SExpr> {
        self.expr_value_for(e, None)
    }

    /// An expression assigned to `field` in an UPDATE: only this table's
    /// columns, and non-numeric `Value()`s converted as the field stores them.
    pub fn update_value(&mut self, e: &ExprInput, field: &Field) -> Result<SExpr> {
        let before = self.joins.len();
        let mut joined = false;
        f_paths(e, &mut |p| joined |= crate::text::contains(p, "__"));
        if joined {
            return Err(Error::field("Joined field references are not permitted in this query"));
        }
        let out = self.expr_value_for(e, Some(field))?;
        if self.joins.len() != before {
            return Err(Error::field("Joined field references are not permitted in this query"));
        }
        // Django's SQLUpdateCompiler refuses these, in this order, once the
        // value is resolved (so a join needed by `Count("books")` is refused first).
        let what = if out.has_aggregate() {
            "Aggregate functions"
        } else if out.has_window() {
            "Window expressions"
        } else {
            // Django resolves an update's value a second time.
            return Ok(out.resolved_again());
        };
        Err(Error::field(format!("{what} are not allowed in this query ({}={}).", field.name, funcs::class_name(e))))
    }

    /// The output field of an expression, as Django's `_resolve_output_field`
    /// finds it (`None`: unknown, e.g. `Value(None)` or arithmetic); a `Case`
    /// whose branches differ in type is Django's FieldError.
    fn expr_output(&self, e: &ExprInput) -> Result<Option<Field>> {
        // The plain kinds end in one `plain_field` below; the rest return.
        let kind = match e {
            ExprInput::F(path) => {
                let parts: Vec<&str> = crate::text::split(path, "__").collect();
                let mut model = self.model.clone();
                let mut field = None;
                for p in parts {
                    let Some(f) = model.field(p).cloned() else {
                        // A reverse relation: on to the related model (its pk, if the path ends here).
                        let Some(rev) = self.reg.reverse_named(&model, p, false) else {
                            return Ok(None);
                        };
                        model = rev.model.clone();
                        field = Some(model.pk_field().clone());
                        continue;
                    };
                    if f.kind.is_relation() {
                        if let Ok(t) = self.reg.target(&f) {
                            model = t;
                        }
                    }
                    field = Some(f);
                }
                return Ok(field);
            }
            ExprInput::Value(v) => match v {
                Input::Str(_) => Some(FieldKind::Char),
                Input::Bool(_) => Some(FieldKind::Boolean),
                Input::Num(n) if n.fract() == 0.0 => Some(FieldKind::Integer),
                Input::Num(_) => Some(FieldKind::Float),
                Input::BigInt(_) => Some(FieldKind::Integer),
                Input::Date(_) => Some(FieldKind::DateTime),
                _ => None,
            },
            // Django's combinations: a decimal with a decimal or an integer is a decimal.
            ExprInput::Combined { op, lhs, rhs } => self.combined_output(*op, lhs, rhs)?,
            ExprInput::OuterRef { .. } => None,
            ExprInput::Window(w) => return self.expr_output(&w.expr),
            ExprInput::Agg(a) => return self.agg_output(a),
            ExprInput::Subquery { exists: true, .. } | ExprInput::Q(_) => Some(FieldKind::Boolean),
            // The selected field (a local one; others convert as they come).
            ExprInput::Subquery { qs, .. } => {
                return Ok(match crate::compiler::value_cols(&qs.0) {
                    Some([c]) if matches!(c.expr, SExpr::Col { .. }) => qs.0.model.field(&c.key).cloned(),
                    _ => None,
                })
            }
            ExprInput::Case { output: Some(k), .. } | ExprInput::Func { output: Some(k), .. } => FieldKind::from_name(k),
            ExprInput::Case { whens, default, .. } => return self.same_output(whens.iter().map(|(_, t)| &**t).chain(default.as_deref())),
            ExprInput::Func { name, args, .. } => {
                if name.starts_with("Trunc") {
                    let (_, _, out) = self.trunc_parts(funcs::spec(name, args.len())?.1, args, None)?;
                    // A time is Python's str(time): text.
                    Some(FieldKind::from_name(out).unwrap_or(FieldKind::Char))
                } else {
                    Some(match crate::query::funcs::spec(name, args.len())?.4 {
                        Out::Same => return self.same_output(args.iter().map(|a| &**a)),
                        Out::First => return args.first().map(|a| self.expr_output(a)).transpose().map(Option::flatten),
                        Out::Numeric => {
                            let mut decimal = false;
                            for a in args {
                                decimal |= self.expr_output(a)?.is_some_and(|f| f.kind == FieldKind::Decimal);
                            }
                            if decimal {
                                FieldKind::Decimal
                            } else {
                                FieldKind::Float
                            }
                        }
                        Out::Float => FieldKind::Float,
                        Out::Int => FieldKind::Integer,
                        Out::DateTime => FieldKind::DateTime,
                        Out::Json => FieldKind::Json,
                        Out::Char | Out::Cast => FieldKind::Char,
                    })
                }
            }
        };
        Ok(kind.map(|k| plain_field(k, "value")))
    }

    /// The type of `lhs <op> rhs`, as Django's `_connector_combinations`
    /// give it for numbers: the same type; an integer with a decimal is a
    /// decimal, with a float a float; NULL (or unknown) takes the other's.
    /// Types no combination has (a float with a decimal, text with text) are
    /// Django's FieldError; combinations with dates stay unknown.
    #[inline(never)]
    fn combined_output(&self, op: crate::value::ArithOp, lhs: &ExprInput, rhs: &ExprInput) -> Result<Option<FieldKind>> {
        use FieldKind::*;
        let (l, r) = (self.expr_output(lhs)?.map(|f| f.kind), self.expr_output(rhs)?.map(|f| f.kind));
        let class = |k: FieldKind| match k {
            Auto | BigAuto | Integer | BigInteger => Some(Integer),
            Float | Decimal => Some(k),
            _ => None,
        };
        Ok(match (l, r) {
            (None, k) | (k, None) => k.and_then(class),
            (Some(a), Some(b)) => match (class(a), class(b)) {
                (Some(x), Some(y)) if x == y => Some(x),
                (Some(Integer), Some(y)) | (Some(y), Some(Integer)) => Some(y),
                // Dates: Django's temporal combinations (durations) are not followed here.
                _ if [a, b].iter().any(|k| matches!(k, Date | DateTime)) => None,
                _ => {
                    let sign = ["+", "-", "*", "/", "%"][op as usize];
                    return Err(Error::field(format!(
                        "Cannot infer type of '{sign}' expression involving these types: {}, {}. You must set output_field.",
                        a.class_name(),
                        b.class_name()
                    )));
                }
            },
        })
    }

    /// The common output field of `exprs` (unknown ones skipped); differing
    /// types are Django's FieldError.
    fn same_output<'e>(&self, exprs: impl Iterator<Item = &'e ExprInput>) -> Result<Option<Field>> {
        let mut found: Option<Field> = None;
        for e in exprs {
            let Some(f) = self.expr_output(e)? else { continue };
            match &found {
                None => found = Some(f),
                Some(first) if first.kind.class_name() != f.kind.class_name() => {
                    return Err(Error::field(format!(
                        "Expression contains mixed types: {}, {}. You must set output_field.",
                        first.kind.class_name(),
                        f.kind.class_name()
                    )))
                }
                Some(_) => {}
            }
        }
        Ok(found)
    }

    /// A database function: its arguments resolved in order, Django's checks
    /// of number arguments made (and re-made when the plan is re-bound).
    #[inline(never)]
    fn func_value(&mut self, name: &str, args: &[Rc<ExprInput>], output: Option<&str>) -> Result<SExpr> {
        let spec = funcs::spec(name, args.len())?;
        if funcs::is_window(name) {
            if !std::mem::take(&mut self.in_window) {
                return Err(Error::value(format!("{name}() is a window function: use it in Window({name}(...), {{ orderBy }}).")));
            }
            if spec.4 == Out::First && matches!(args.first().map(|a| &**a), Some(ExprInput::Value(v)) if v.is_nullish()) {
                return Err(Error::value(format!("{name} requires a non-null source expression.")));
            }
        }
        if name.starts_with("Extract") {
            return self.extract(spec.1, args);
        }
        if name.starts_with("Trunc") {
            return self.trunc(spec.1, args, output);
        }
        if name == "KT" {
            // KeyTextTransform.from_lookup: the first part names the JSONField, the rest are keys.
            let path = match args.first().map(|a| &**a) {
                Some(ExprInput::F(p)) => p.as_str(),
                _ => "",
            };
            let (head, keys) = crate::text::split_once(path, "__").unwrap_or((path, ""));
            if keys.is_empty() {
                return Err(Error::value("Lookup must contain key or index transforms."));
            }
            let base = self.expr_value(&ExprInput::F(head.into()))?;
            return Ok(json_key(base, &crate::text::split(keys, "__").collect::<Vec<_>>(), true));
        }
        let check = funcs::check(name);
        let mut out = Vec::with_capacity(args.len());
        for (i, a) in args.iter().enumerate() {
            match (check, &**a) {
                (Some((at, min, msg)), ExprInput::Value(v)) if at == i => {
                    let slot = self.take_slot();
                    let p = funcs::at_least(self.reg, v, min, msg)?;
                    out.push(SExpr::Param(p, self.src(slot, How::AtLeast { min, msg })));
                }
                _ => out.push(self.expr_value_for(a, None)?),
            }
        }
        // Its output type is checked where Django reads it (annotate, an
        // aggregate's source), not here: as a filter or update value, Django's
        // SQLiteNumericMixin passes on a FieldError (Coalesce("rating", 1)).
        if spec.4 == Out::Cast {
            let Some(kind) = output else {
                return Err(Error::usage(format!("{name}.__init__() missing 1 required positional argument: 'output_field'")));
            };
            let e = out.pop().unwrap_or(SExpr::Null);
            // ExpressionWrapper only sets the type.
            return if name == "Cast" { funcs::cast(e, kind) } else { Ok(e) };
        }
        // The compiler writes REVERSE (D1 has none) as a subquery over
        // json_each, where SQLite refuses the outer query's aggregates and windows.
        if name == "Reverse" && out.iter().any(|e| e.has_aggregate() || e.has_window()) {
            return Err(Error::not_supported("Reverse() of an aggregate or a window is not supported by this version of Quarry yet."));
        }
        Ok(funcs::build(spec, out))
    }

    /// `Extract(expr, "year")`, `ExtractYear(expr)`, ...: the lookup's SQL
    /// (strftime, as the `__year` transforms), Django's checks of the input.
    fn extract(&mut self, kind: &str, args: &[Rc<ExprInput>]) -> Result<SExpr> {
        let kind = match (kind, args.get(1).map(|a| &**a)) {
            ("", Some(ExprInput::F(k) | ExprInput::Value(Input::Str(k)))) => k.as_str(),
            ("", _) => return Err(Error::value("lookup_name must be provided")),
            (k, _) => k,
        };
        let arg = args.first().map(|a| &**a).unwrap_or(&ExprInput::Value(Input::Null));
        let field = self.expr_output(arg)?;
        let date_only = match &field {
            Some(f) if f.kind == FieldKind::DateTime => false,
            Some(f) if f.kind == FieldKind::Date => true,
            _ => return Err(Error::value("Extract input expression must be DateField, DateTimeField, TimeField, or DurationField.")),
        };
        if date_only && matches!(kind, "hour" | "minute" | "second") {
            let name = field.as_ref().map(|f| f.name.to_string()).unwrap_or_default();
            return Err(Error::value(format!("Cannot extract time component '{kind}' from DateField '{name}'.")));
        }
        let lhs = self.expr_value(arg)?;
        let out = Output::Field(field.unwrap_or_else(int_field));
        match apply_transform(lhs, &out, kind) {
            Some((e, Output::Int)) => Ok(e),
            _ => Err(Error::value(format!("Extract of '{kind}' is not supported."))),
        }
    }

    /// The kind of `Trunc`, the field truncated, and the output field's kind
    /// (Django's checks of TruncBase.resolve_expression).
    fn trunc_parts<'x>(&self, kind: &'x str, args: &'x [Rc<ExprInput>], output: Option<&'x str>) -> Result<(&'x str, Field, &'x str)> {
        let kind = match (kind, args.get(1).map(|a| &**a)) {
            ("", Some(ExprInput::F(k) | ExprInput::Value(Input::Str(k)))) => k.as_str(),
            (k, _) => k,
        };
        let arg = args.first().map(|a| &**a).unwrap_or(&ExprInput::Value(Input::Null));
        let field = match self.expr_output(arg)? {
            Some(f) if matches!(f.kind, FieldKind::Date | FieldKind::DateTime) => f,
            f => {
                let name = f.map(|f| f.name.to_string()).unwrap_or_default();
                return Err(Error::usage(format!("'{name}' isn't a DateField, TimeField, or DateTimeField.")));
            }
        };
        let class = match kind {
            "date" => Some("DateField"),
            "time" => Some("TimeField"),
            _ => None,
        };
        let out = match class.or(output) {
            Some(o @ ("DateField" | "DateTimeField" | "TimeField")) => o,
            Some(_) => return Err(Error::value("output_field must be either DateField, TimeField, or DateTimeField")),
            None => field.kind.class_name(),
        };
        if field.kind == FieldKind::Date && (out == "DateTimeField" || matches!(kind, "hour" | "minute" | "second" | "time")) {
            let shown = if class.is_some() || out != "DateField" { out } else { "DateTimeField" };
            return Err(Error::value(format!("Cannot truncate DateField '{}' to {shown}.", field.name)));
        }
        Ok((kind, field, out))
    }

    /// `Trunc(expr, "month")`, `TruncMonth(expr)`, ...: strftime with
    /// modifiers, a date string or a datetime as the output field says.
    fn trunc(&mut self, kind: &str, args: &[Rc<ExprInput>], output: Option<&str>) -> Result<SExpr> {
        let arg = args.first().map(|a| &**a).unwrap_or(&ExprInput::Value(Input::Null));
        let x = self.expr_value(arg)?;
        let (kind, _, out) = self.trunc_parts(kind, args, output)?;
        let month = extract(x.clone(), "%m");
        funcs::trunc(kind, x, out == "DateTimeField", month).ok_or_else(|| Error::value(format!("Trunc of '{kind}' is not supported.")))
    }

    /// An expression; its values take the slots from the current one on
    /// (the counter ends after all of them, also those a `Case` drops).
    fn expr_value_for(&mut self, e: &ExprInput, field: Option<&Field>) -> Result<SExpr> {
        let end = slots::after(self.slot, slots::expr_count(e));
        let r = self.expr_value_inner(e, field);
        self.slot = end;
        r
    }

    fn expr_value_inner(&mut self, e: &ExprInput, field: Option<&Field>) -> Result<SExpr> {
        let x = self.expr_value_plain(e, field)?;
        // SQLite: Django casts a decimal expression to NUMERIC (SQLiteNumericMixin), so text
        // compares as a number; a type it cannot infer is no error there (it passes on FieldError).
        let numeric_mixin = match e {
            ExprInput::Case { .. } | ExprInput::Combined { .. } | ExprInput::Window(_) => true,
            // Every Func but Cast (its own SQL) and a window's source (cast around the window).
            ExprInput::Func { name, .. } => !funcs::is_window(name) && !matches!(name.as_str(), "Cast" | "ExpressionWrapper"),
            _ => false,
        };
        Ok(if numeric_mixin && matches!(self.expr_output(e), Ok(Some(f)) if f.kind == FieldKind::Decimal) {
            SExpr::Cast { e: Box::new(x), ty: "NUMERIC" }
        } else {
            x
        })
    }

    fn expr_value_plain(&mut self, e: &ExprInput, field: Option<&Field>) -> Result<SExpr> {
        Ok(match e {
            // An annotation by name (Django's Ref).
            ExprInput::F(path) if self.annotation(path).is_some() => self.annotation(path).map(|a| a.expr.resolved_again()).unwrap_or(SExpr::Null),
            ExprInput::F(path) => {
                let mut parts: Vec<&str> = crate::text::split(path, "__").collect();
                let (mut start, mut model) = (0, self.model.clone());
                // In split_exclude's subquery: read in the outer query, or from the subquery's start.
                if let Some(split) = self.split.clone() {
                    if let Some((_, outer)) = split.outer.iter().find(|(p, _)| p == path) {
                        return Ok(outer.clone());
                    }
                    if let Some(rest) = path.strip_prefix(split.prefix.as_str()).filter(|r| r.is_empty() || r.starts_with("__")) {
                        parts = crate::text::split(rest.get(2..).filter(|r| !r.is_empty()).unwrap_or("pk"), "__").collect();
                        (start, model) = (split.start, split.model.clone());
                    }
                }
                let Walk::Done(t) = self.walk(&parts, start, &model, true)? else {
                    return Err(unknown_field(self.reg, self.model, path));
                };
                let col = SExpr::Col { alias: t.alias, col: target_column(&t)? };
                match tail(&parts, t.rest) {
                    [] => col,
                    keys if t.field.kind == FieldKind::Json => json_key(col, keys, false),
                    _ => return Err(unknown_field(self.reg, self.model, path)),
                }
            }
            ExprInput::Value(v) => {
                let slot = self.take_slot();
                let p = expr_param(self.reg, v, field)?;
                SExpr::Param(p, self.src(slot, How::ExprValue { field: field.cloned() }))
            }
            ExprInput::Case { whens, default, .. } => {
                self.expr_output(e)?;
                let mut out = Vec::with_capacity(whens.len());
                let mut full = None;
                for (q, then) in whens {
                    let cond = self.q_expr(q)?;
                    // Django drops a When that matches nothing, and stops at one that matches everything.
                    match cond {
                        Cond::Nothing => {
                            self.slot = slots::after(self.slot, slots::expr_count(then));
                            continue;
                        }
                        Cond::Everything => {
                            full = Some(self.case_branch(then, field)?);
                            break;
                        }
                        c => out.push((c, self.case_branch(then, field)?)),
                    }
                }
                let default = match (full, default) {
                    (Some(f), _) => f,
                    (None, Some(d)) => self.case_branch(d, field)?,
                    (None, None) => SExpr::Null,
                };
                SExpr::Case { whens: out, default: Some(Box::new(default)), paren: false }
            }
            ExprInput::OuterRef { name, up } => SExpr::OuterRef { name: name.as_str().into(), up: *up },
            ExprInput::Subquery { qs, exists, .. } => self.subquery(&qs.0, *exists, true)?,
            ExprInput::Func { name, args, output } => self.func_value(name, args, output.as_deref())?,
            ExprInput::Agg(a) => self.aggregate_value(a)?.0,
            ExprInput::Window(w) => self.window(w)?,
            // Django selects a condition that matches nothing as `0`, one that matches everything as True.
            ExprInput::Q(q) => match self.q_expr(q)? {
                Cond::Nothing => SExpr::Int(0),
                Cond::Everything => SExpr::Int(1),
                c => SExpr::Cond(Box::new(c)),
            },
            ExprInput::Combined { op, lhs, rhs } => {
                SExpr::Bin { op: op.bin_op(), l: Box::new(self.expr_value_for(lhs, field)?), r: Box::new(self.expr_value_for(rhs, field)?) }
            }
        })
    }

    /// A Q as an expression (a When's condition, a boolean annotation), as
    /// Django's `Q.resolve_expression`: nullable joins it uses become LEFT OUTER.
    /// It never splits a negated multi-valued lookup into a subquery (Django
    /// resolves it with `split_subq=False`), and it turns no join INNER.
    fn q_expr(&mut self, q: &QInput) -> Result<Cond> {
        let before = self.joins.len();
        let mut outer: Vec<bool> = Vec::with_capacity(before);
        for j in self.joins.iter() {
            outer.push(j.outer);
        }
        let split = std::mem::replace(&mut self.split_subq, false);
        let r = self.q_node(q, false, false);
        self.split_subq = split;
        let r = r?;
        for (j, o) in self.joins.iter_mut().zip(outer) {
            j.outer |= o;
        }
        // Every join the condition uses, reused ones too (Django promotes `needed_inner`).
        let mut used = r.needed_inner;
        for j in before + 1..=self.joins.len() {
            used.push(j);
        }
        self.promote(&used);
        Ok(r.cond.simplify())
    }

    /// `Window(expr, { partitionBy, orderBy, frame })`: Django's `Window`
    /// over an aggregate or a window function.
    #[inline(never)]
    fn window(&mut self, w: &crate::value::WindowInput) -> Result<SExpr> {
        match &*w.expr {
            ExprInput::Agg(_) => {}
            ExprInput::Func { name, .. } if funcs::is_window(name) => self.in_window = true,
            e => return Err(Error::value(format!("Expression '{}' isn't compatible with OVER clauses.", funcs::class_name(e)))),
        }
        // An aggregate as it is (a decimal one is cast around the window).
        let f = Box::new(match &*w.expr {
            ExprInput::Agg(a) => self.aggregate(a)?.0,
            e => self.expr_value(e)?,
        });
        self.in_window = false;
        let (mut partition, mut order) = (Vec::new(), Vec::new());
        for e in &w.partition {
            partition.push(self.expr_value(e)?);
        }
        for (e, d, n) in &w.order {
            order.push((self.expr_value(e)?, *d, *n));
        }
        if matches!(&*w.expr, ExprInput::Agg(a) if matches!(a.func.as_str(), "StdDev" | "Variance")) {
            // Written from sums (see `spread`): each sum over the window.
            return Ok(over_each_aggregate(*f, &|a| SExpr::Over {
                f: Box::new(a),
                partition: partition.clone(),
                order: order.clone(),
                frame: w.frame,
            }));
        }
        Ok(SExpr::Over { f, partition, order, frame: w.frame })
    }

    /// `Subquery(qs)` / `Exists(qs)` in this query: `qs`'s outer references
    /// resolved against this query's fields (Django's ResolvedOuterRef).
    fn subquery(&mut self, qs: &crate::query::QuerySet, exists: bool, scalar: bool) -> Result<SExpr> {
        if !std::ptr::eq(&*qs.reg, self.reg) {
            return Err(Error::value("Subquery() and Exists() take a QuerySet of the same Database."));
        }
        if qs.not_combined(if exists { "exists" } else { "subquery" }).is_err() {
            return Err(Error::not_supported("Subquery() and Exists() of a combined QuerySet are not supported by this version of Quarry yet."));
        }
        if scalar && !exists && !matches!(crate::compiler::value_cols(qs), Some([_])) {
            return Err(Error::field("Cannot resolve expression type, unknown output_field"));
        }
        let mut max = None;
        let mut bound = qs.clone();
        bound.visit_mut(1, &mut |e, depth| {
            match e {
                SExpr::OuterRef { name, up } if *up == depth => {
                    let up = *up;
                    let name = name.to_string();
                    match self.annotation(&name) {
                        // An outer annotation: its expression, reading the outer query's columns.
                        Some(a) if !a.aggregate => {
                            let mut x = a.expr.clone();
                            x.visit_mut(0, &mut |c, d| {
                                if let (SExpr::Col { alias, col }, 0) = (&*c, d) {
                                    *c = SExpr::OuterCol { alias: *alias, col: col.clone(), up };
                                }
                                Ok(())
                            })?;
                            *e = x;
                        }
                        Some(_) => {
                            return Err(Error::not_supported(format!(
                                "OuterRef('{name}') names an aggregate annotation, which a subquery cannot read: Django 5.2 writes SQL there that SQLite refuses (\"HAVING clause on a non-aggregate query\"). Compare with the aggregate in the outer query's filter() instead."
                            )))
                        }
                        None => match self.expr_value(&ExprInput::F(name.clone()))? {
                            SExpr::Col { alias, col } => *e = SExpr::OuterCol { alias, col, up },
                            _ => return Err(unknown_field(self.reg, self.model, &name)),
                        },
                    }
                }
                SExpr::Sub(s) => max = max.max(Some(s.prefix)),
                _ => {}
            }
            Ok(())
        })?;
        let prefix = match max {
            Some(p) => (p as u8).saturating_add(1) as char,
            None => 'U',
        };
        Ok(SExpr::Sub(Rc::new(crate::query::expr::SubSelect { qs: bound, exists, prefix })))
    }

    /// A QuerySet given as a lookup value, as Django's lookups take it: its pk
    /// when it selects no fields (a relation's checks its model), one column
    /// for `in`, one row for `exact`.
    fn bare_qs(&self, qs: &crate::query::QuerySet, out: &Output, lookup: &str) -> Result<crate::query::QuerySet> {
        let mut qs = qs.clone();
        if crate::compiler::value_cols(&qs).is_none() {
            if let Output::Field(Field { rel: Some(r), .. }) = out {
                if *r.target != *qs.model.name {
                    return Err(Error::value(format!("Cannot use QuerySet for \"{}\": Use a QuerySet for \"{}\".", qs.model.name, r.target)));
                }
            }
            qs = qs.values(&["pk".into()])?;
        }
        match (lookup, crate::compiler::value_cols(&qs).map_or(0, |c| c.len())) {
            ("in", n) if n != 1 => Err(Error::value(format!("The QuerySet value for the 'in' lookup must have 1 selected fields (received {n})"))),
            ("exact", _) if qs.node.high.map(|h| h.saturating_sub(qs.node.low)) != Some(1) => {
                Err(Error::value("The QuerySet value for an exact lookup must be limited to one result using slicing."))
            }
            _ => Ok(qs),
        }
    }

    /// A When's `then` or a Case's `default`: `Value(None)` is the literal NULL.
    fn case_branch(&mut self, e: &ExprInput, field: Option<&Field>) -> Result<SExpr> {
        match e {
            ExprInput::Value(v) if v.is_nullish() => {
                self.take_slot();
                Ok(SExpr::Null)
            }
            e => self.expr_value_for(e, field),
        }
    }

    #[inline(never)]
    fn year_lookup(&mut self, lhs: SExpr, out: &Output, li: usize, value: &Input, slot: Option<Slot>) -> Result<Cond> {
        let datetime = matches!(out, Output::Field(f) if f.kind == FieldKind::DateTime);
        let (start, end) = year_bounds(value, datetime)?;
        let mut p = |s: String, end: bool| SExpr::Param(Value::Text(s), self.src(slot, How::Year { datetime, end }));
        Ok(match li {
            EXACT => {
                let lo = p(start, false);
                Cond::Between { lhs, lo, hi: p(end, true) }
            }
            GT => Cond::Cmp { lhs, op: Cmp::Gt, rhs: p(end, true) },
            GTE => Cond::Cmp { lhs, op: Cmp::Gte, rhs: p(start, false) },
            LT => Cond::Cmp { lhs, op: Cmp::Lt, rhs: p(start, false) },
            _ => Cond::Cmp { lhs, op: Cmp::Lte, rhs: p(end, true) },
        })
    }

    /// Ordering terms for `orderBy` / `Meta.ordering`.
    pub fn order_terms(&mut self, fields: &[String]) -> Result<Vec<OrderTerm>> {
        self.outer_when_nullable = true;
        let mut out = Vec::new();
        for raw in fields {
            if raw == "?" {
                out.push(OrderTerm { expr: None, desc: false, nulls: None });
                continue;
            }
            let (desc, name) = match raw.strip_prefix('-') {
                Some(n) => (true, n),
                None => (false, raw.strip_prefix('+').unwrap_or(raw)),
            };
            self.order_path(name, desc, &mut out, 0)?;
        }
        Ok(out)
    }

    /// Ordering terms for `orderBy` items: names as [`Self::order_terms`],
    /// expressions with their direction and NULLS placement (an `F` naming
    /// an annotation orders by it).
    pub fn order_items(&mut self, items: &[crate::query::OrderInput]) -> Result<Vec<OrderTerm>> {
        let mut out = Vec::new();
        for i in items {
            match i {
                crate::query::OrderInput::Name(n) => out.extend(self.order_terms(std::slice::from_ref(n))?),
                crate::query::OrderInput::Expr { e, desc, nulls } => {
                    self.outer_when_nullable = true;
                    let start = out.len();
                    match e {
                        ExprInput::F(name) if self.annotation(name).is_some() => self.order_path(name, *desc, &mut out, 0)?,
                        e => {
                            let expr = self.expr_value(e)?;
                            if expr.has_aggregate() && !self.annotations.iter().any(|a| a.aggregate) {
                                return Err(Error::not_supported("orderBy() by an aggregate of a QuerySet that does not aggregate is not supported by this version of Quarry yet: annotate() it and order by its name."));
                            }
                            out.push(OrderTerm { expr: Some(expr), desc: *desc, nulls: None });
                        }
                    }
                    for t in out.iter_mut().skip(start) {
                        t.nulls = *nulls;
                    }
                }
            }
        }
        Ok(out)
    }

    fn order_path(&mut self, name: &str, desc: bool, out: &mut Vec<OrderTerm>, depth: usize) -> Result<()> {
        if let Some(a) = self.annotation(name) {
            let expr = if a.selected { a.expr.clone() } else { a.expr.resolved_again() };
            out.push(OrderTerm { expr: Some(expr), desc, nulls: None });
            return Ok(());
        }
        let parts: Vec<&str> = crate::text::split(name, "__").collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(unknown_field(self.reg, self.model, name));
        }
        let model = self.model.clone();
        let Walk::Done(t) = self.walk(&parts, 0, &model, true)? else {
            return Err(unknown_field(self.reg, self.model, name));
        };
        if t.rest < parts.len() && t.field.kind == FieldKind::Json {
            let col = SExpr::Col { alias: t.alias, col: target_column(&t)? };
            out.push(OrderTerm { expr: Some(json_key(col, tail(&parts, t.rest), false)), desc, nulls: None });
            return Ok(());
        }
        if t.rest < parts.len() && !t.field.kind.is_relation() {
            // Transforms (`pubDate__year`), as Django orders by them.
            if let Ok((expr, _)) = transformed(&t, tail(&parts, t.rest))? {
                out.push(OrderTerm { expr: Some(expr), desc, nulls: None });
                return Ok(());
            }
        }
        if t.rest < parts.len() {
            // After a relation, a name its model lacks (Django: that model's choices).
            if let Some(far) = self.far_model(&t) {
                return Err(unknown_field(self.reg, &far, at(&parts, t.rest)));
            }
            return Err(Error::field(format!(
                "Cannot resolve keyword '{}' into field. Join on '{}' not permitted.",
                at(&parts, t.rest),
                at(&parts, t.rest.wrapping_sub(1))
            )));
        }
        // Ordering by a relation uses the related model's ordering (Django), else its pk column.
        let last = parts.last().copied().unwrap_or_default();
        if matches!(t.field.kind, FieldKind::ForeignKey | FieldKind::OneToOne) && &*t.field.name == last && depth < 4 {
            let target = self.reg.target(&t.field)?;
            if !target.ordering.is_empty() {
                for o in target.ordering.clone() {
                    let (d, n) = match o.strip_prefix('-') {
                        Some(n) => (!desc, n.to_string()),
                        None => (desc, o.clone()),
                    };
                    self.order_path(&format!("{name}__{n}"), d, out, depth + 1)?;
                }
                return Ok(());
            }
        }
        out.push(OrderTerm { expr: Some(SExpr::Col { alias: t.alias, col: target_column(&t)? }), desc, nulls: None });
        Ok(())
    }

    /// One `values()` column.
    pub fn value_col(&mut self, name: &str) -> Result<ValueCol> {
        self.outer_when_nullable = true;
        if let Some(a) = self.annotation(name) {
            if !a.selected {
                return Err(Error::field(format!("Cannot select the '{name}' alias. Use annotate() to promote it.")));
            }
            return Ok(ValueCol { key: name.into(), expr: a.expr.clone(), conv: a.conv });
        }
        let parts: Vec<&str> = crate::text::split(name, "__").collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(unknown_field(self.reg, self.model, name));
        }
        let model = self.model.clone();
        let Walk::Done(t) = self.walk(&parts, 0, &model, true)? else {
            return Err(unknown_field(self.reg, self.model, name));
        };
        if t.rest < parts.len() && t.field.kind == FieldKind::Json {
            let col = SExpr::Col { alias: t.alias, col: target_column(&t)? };
            return Ok(ValueCol { key: name.into(), expr: json_key(col, tail(&parts, t.rest), false), conv: Conv::Json });
        }
        if t.rest < parts.len() {
            let (expr, out) =
                transformed(&t, tail(&parts, t.rest))?.map_err(|(o, tr)| unsupported_lookup(self.reg, &o, tr, t.field.kind.is_relation()))?;
            let conv = match &out {
                Output::Field(f) => Conv::for_field(f),
                _ => Conv::Raw,
            };
            return Ok(ValueCol { key: name.into(), expr, conv });
        }
        let conv = if t.field.kind.is_relation() { Conv::Raw } else { Conv::for_field(&t.field) };
        Ok(ValueCol { key: name.into(), expr: SExpr::Col { alias: t.alias, col: target_column(&t)? }, conv })
    }

    /// One aggregate (`Sum("books__pages", { distinct, filter, default })`): its
    /// expression and how its value converts. Joins are LEFT OUTER, as Django's.
    pub fn aggregate(&mut self, a: &AggInput) -> Result<(SExpr, Conv)> {
        let end = slots::after(self.slot, slots::agg_count(a));
        let r = self.aggregate_inner(a);
        self.slot = end;
        r
    }

    /// [`Self::aggregate`] as a value of the query: a decimal one cast to
    /// NUMERIC, as Django's SQLiteNumericMixin, so text compares as a number
    /// (a window over one casts around its OVER instead: see `window`).
    fn aggregate_value(&mut self, a: &AggInput) -> Result<(SExpr, Conv)> {
        let (e, conv) = self.aggregate(a)?;
        Ok((if conv == Conv::Decimal(None) { SExpr::Cast { e: Box::new(e), ty: "NUMERIC" } } else { e }, conv))
    }

    #[inline(never)]
    fn aggregate_inner(&mut self, a: &AggInput) -> Result<(SExpr, Conv)> {
        self.outer_when_nullable = true;
        if let (Some(e @ ExprInput::Func { .. }), "Func") = (&a.expr, a.func.as_str()) {
            // A function around aggregates (`Coalesce(Sum("pages"), 0)`), as Django converts it.
            let conv = self.expr_output(e)?.filter(|f| !f.kind.is_relation()).map_or(Conv::Raw, |f| Conv::for_field(&f));
            return Ok((self.expr_value(e)?, conv));
        }
        let name = match a.func.as_str() {
            "Count" => "COUNT",
            "Sum" => "SUM",
            "Avg" => "AVG",
            "Min" => "MIN",
            "Max" => "MAX",
            // Written as sums below; a float, as Avg.
            "StdDev" | "Variance" => "AVG",
            other => return Err(Error::value(format!("Unknown aggregate \"{other}\"."))),
        };
        if a.distinct && !matches!(a.func.as_str(), "Count" | "Sum" | "Avg") {
            return Err(Error::usage(format!("{} does not allow distinct.", a.func)));
        }
        // Count is never NULL: Django refuses a default for it.
        if a.default.is_some() && name == "COUNT" {
            return Err(Error::usage("Count does not allow default."));
        }
        let (arg, conv) = if let Some(e) = &a.expr {
            let conv = match (name, self.expr_output(e)?) {
                ("COUNT", _) | (_, None) => Conv::Raw,
                (_, Some(f)) if f.kind == FieldKind::Decimal => Conv::Decimal(None),
                ("AVG", _) => Conv::Raw,
                (_, Some(f)) if f.kind == FieldKind::Boolean || f.kind.is_relation() => Conv::Raw,
                (_, Some(f)) => Conv::for_field(&f),
            };
            (Some(self.expr_value(e)?), conv)
        } else if a.path == "*" && name == "COUNT" {
            (None, Conv::Raw)
        } else {
            // Only Count takes '*'; to the others it is a field name nothing
            // has (Django: "Cannot resolve keyword '*' into field. ...").
            let col = self.value_col(&a.path)?;
            // Django quantizes a decimal column only: an aggregate of one
            // (Avg, StdDev and Variance too) is the Decimal of its float.
            let conv = match (name, col.conv) {
                ("COUNT", _) => Conv::Raw,
                (_, Conv::Decimal(_)) => Conv::Decimal(None),
                ("AVG", _) | (_, Conv::Bool) => Conv::Raw,
                (_, conv) => conv,
            };
            (Some(col.expr), conv)
        };
        let arg = match (&a.filter, arg) {
            (Some(q), arg) => {
                // Django's Q.resolve_expression: it must not turn the aggregate's LEFT OUTER joins INNER.
                let cond = self.q_expr(q)?;
                let then = arg.unwrap_or(SExpr::Int(1));
                Some(SExpr::Case { whens: vec![(cond, then)], default: None, paren: true })
            }
            (None, arg) => arg,
        };
        let mut e = match (a.func.as_str(), arg) {
            ("StdDev" | "Variance", Some(x)) => spread(x, a.func == "StdDev", a.sample),
            (_, arg) => SExpr::Agg { name, arg: arg.map(Box::new), distinct: a.distinct },
        };
        if let Some(d) = &a.default {
            let slot = self.take_slot();
            let v = agg_default(d)?;
            let src = self.src(slot, How::AggDefault);
            e = SExpr::Func { name: "COALESCE", args: vec![e, SExpr::Param(v, src)] };
        }
        Ok((e, conv))
    }

    /// The output field of an aggregate: Count an integer; Avg, StdDev and
    /// Variance a float, or a decimal of a decimal (Django's
    /// NumericOutputFieldMixin); the others their source's.
    fn agg_output(&self, a: &AggInput) -> Result<Option<Field>> {
        if a.func == "Count" {
            return Ok(Some(int_field()));
        }
        let source = match &a.expr {
            Some(e) => self.expr_output(e)?,
            None if a.path == "*" => None,
            None => self.expr_output(&ExprInput::F(a.path.clone()))?,
        };
        Ok(match a.func.as_str() {
            "Avg" | "StdDev" | "Variance" => {
                let decimal = source.is_some_and(|f| f.kind == FieldKind::Decimal);
                Some(plain_field(if decimal { FieldKind::Decimal } else { FieldKind::Float }, "value"))
            }
            _ => source,
        })
    }

    /// An annotation from an aggregate or an expression.
    pub fn annotation_of(&mut self, name: &str, a: &AnnotationInput, selected: bool) -> Result<Annotation> {
        if self.model.field(name).is_some() {
            return Err(Error::value(format!("The annotation '{name}' conflicts with a field on the model.")));
        }
        let checked = Ident::new(name, "annotation name");
        Ok(match a {
            AnnotationInput::Aggregate(agg) => {
                // Django's Aggregate.resolve_expression: no aggregate of an aggregate in annotate().
                let of = match &agg.expr {
                    None => Some(agg.path.as_str()),
                    Some(ExprInput::F(n)) => Some(n.as_str()),
                    Some(_) => None,
                };
                if let Some(n) = of.filter(|n| self.annotation(n).is_some_and(|a| a.aggregate)) {
                    return Err(Error::field(format!("Cannot compute {}('{n}'): '{n}' is an aggregate", agg.func)));
                }
                // Resolved first: Max('*') is a FieldError before its alias '*__max' is a bad one.
                let (expr, conv) = self.aggregate_value(agg)?;
                checked?;
                // What it aggregates: an expression's output, an annotation's
                // (`Sum("x")`), or the field at the end of the path.
                let of = match (&agg.expr, self.annotation(&agg.path)) {
                    _ if agg.func == "Count" || (agg.expr.is_none() && agg.path == "*") => None,
                    (Some(e), _) => self.expr_output(e)?,
                    (None, Some(a)) => a.source.clone(),
                    (None, None) => {
                        let parts: Vec<&str> = crate::text::split(&agg.path, "__").collect();
                        let model = self.model.clone();
                        match self.walk(&parts, 0, &model, true)? {
                            Walk::Done(t) => Some(t.field),
                            Walk::Multi(_) => None,
                        }
                    }
                };
                let of = of.filter(|f| !f.kind.is_relation());
                let source = match agg.func.as_str() {
                    "Count" => None,
                    // Django's NumericOutputFieldMixin: a decimal of a decimal, else a float.
                    "Avg" | "StdDev" | "Variance" => {
                        let decimal = of.is_some_and(|f| f.kind == FieldKind::Decimal);
                        Some(plain_field(if decimal { FieldKind::Decimal } else { FieldKind::Float }, "value"))
                    }
                    _ => of,
                };
                Annotation { name: name.into(), expr, conv, aggregate: true, selected, source }
            }
            AnnotationInput::Expr(e) => {
                checked?;
                // Django's Query.join: a nullable relation an annotation
                // reads is a LEFT OUTER join (only a filter demotes it).
                self.outer_when_nullable = true;
                let expr = self.expr_value(e)?;
                let source = match e {
                    ExprInput::F(path) if !crate::text::contains(path, "__") => self.model.field(path).cloned(),
                    // Across relations: the far field converts (a decimal quantized, a date parsed).
                    ExprInput::F(_) if matches!(expr, SExpr::Col { .. }) => self.expr_output(e)?.filter(|f| !f.kind.is_relation()),
                    _ if matches!(expr, SExpr::JsonKey { text: false, .. }) => Some(plain_field(FieldKind::Json, "value")),
                    ExprInput::Case { .. }
                    | ExprInput::Subquery { .. }
                    | ExprInput::Func { .. }
                    | ExprInput::Window(_)
                    | ExprInput::Combined { .. }
                    | ExprInput::Q(_)
                    | ExprInput::Value(Input::Bool(_) | Input::Date(_)) => self.expr_output(e)?.filter(|f| !f.kind.is_relation()),
                    _ => None,
                };
                // Django converts a decimal that is not a column (a Subquery, a function, ...) without quantizing it.
                let conv = match &source {
                    Some(f) if f.kind == FieldKind::Decimal && !matches!(expr, SExpr::Col { .. }) => Conv::Decimal(None),
                    _ => source.as_ref().map(Conv::for_field).unwrap_or(Conv::Raw),
                };
                let aggregate = expr.has_aggregate();
                Annotation { name: name.into(), expr, conv, aggregate, selected, source }
            }
        })
    }

    /// Joins for `selectRelated` paths (forward FK / one-to-one only).
    pub fn select_related(&mut self, paths: &[String], related: &mut Vec<Related>) -> Result<()> {
        self.outer_when_nullable = true;
        for p in paths {
            let parts: Vec<&str> = crate::text::split(p, "__").collect();
            let mut model = self.model.clone();
            let mut alias = 0usize;
            let mut prefix: Vec<Rc<str>> = Vec::new();
            for part in parts {
                let f = model.field(part).filter(|f| matches!(f.kind, FieldKind::ForeignKey | FieldKind::OneToOne) && &*f.name == part).cloned();
                // A reverse one-to-one (`author.profile`) can be followed too.
                let reverse_one = self.reg.find_reverse(&model, &|r| {
                    !r.hidden && r.model.field_at(r.field).kind == FieldKind::OneToOne && (&*r.accessor == part || &*r.query_name == part)
                });
                if let (None, Some(r)) = (&f, reverse_one) {
                    let rf = r.model.field_at(r.field).clone();
                    prefix.push(r.accessor.clone());
                    let path = text::join(&prefix, "__");
                    alias = self.join(alias, model.pk_column(), &r.model.table, rf.col()?, false, true, &path);
                    if !related.iter().any(|x| x.path == prefix) {
                        related.push(Related { path: prefix.clone(), model: r.model.name.clone(), alias });
                    }
                    model = r.model.clone();
                    continue;
                }
                let Some(f) = f else {
                    let mut choices: Vec<&str> = Vec::new();
                    for f in model.fields.iter() {
                        if !matches!(f.kind, FieldKind::ForeignKey | FieldKind::OneToOne) {
                            continue;
                        }
                        choices.push(&f.name);
                    }
                    crate::value::sort_small(&mut choices, |a, b| a < b);
                    let kind = if model.field(part).is_some() { "Non-relational field" } else { "Invalid field name(s)" };
                    return Err(Error::field(format!(
                        "{kind} given in select_related: '{part}'. Choices are: {}",
                        if choices.is_empty() { "(none)".to_string() } else { text::join(&choices, ", ") }
                    )));
                };
                let target = self.reg.target(&f)?;
                prefix.push(f.name.clone());
                let path = text::join(&prefix, "__");
                alias = self.join(alias, f.col()?, &target.table, target.pk_column(), false, f.null, &path);
                if !related.iter().any(|r| r.path == prefix) {
                    related.push(Related { path: prefix.clone(), model: target.name.clone(), alias });
                }
                model = target;
            }
        }
        Ok(())
    }
}

/// Every `F()` path in an expression (not inside a Subquery/Exists or an OuterRef).
fn f_paths(e: &ExprInput, f: &mut dyn FnMut(&str)) {
    match e {
        ExprInput::F(p) => f(p),
        ExprInput::Combined { lhs, rhs, .. } => {
            f_paths(lhs, f);
            f_paths(rhs, f);
        }
        ExprInput::Func { args, .. } => args.iter().for_each(|a| f_paths(a, f)),
        ExprInput::Case { whens, default, .. } => {
            whens.iter().for_each(|(_, t)| f_paths(t, f));
            if let Some(d) = default {
                f_paths(d, f);
            }
        }
        _ => {}
    }
}

fn exists_cond(base: &Model, joins: Vec<Join>, cond: Cond, outer_alias: usize, outer_col: Ident, inner_col: Ident) -> Cond {
    let sub = SubQuery { table: base.table.clone(), joins, cond, outer: (outer_alias, outer_col), inner: (0, inner_col) };
    Cond::Exists { sub: Rc::new(sub), negated: false }
}

/// Django's `StdDev`/`Variance` (`sample`: of a sample, else of the
/// population) of `x`, in SQL every SQLite runs: Django registers Python
/// functions for them on SQLite, which a host such as D1 does not have. From
/// exact sums, `(n*SUM(x*x) - SUM(x)*SUM(x)) / (n*n)` (`n*(n-1)` for a
/// sample), as Python's `statistics` does: over integers the result is
/// Django's to the last digit. NULLs are skipped, as by every SQL aggregate;
/// no rows (or one, for a sample) give NULL.
#[inline(never)]
fn spread(x: SExpr, stddev: bool, sample: bool) -> SExpr {
    let bin = |l, op, r| SExpr::Bin { op, l: Box::new(l), r: Box::new(r) };
    let agg = |name, arg| SExpr::Agg { name, arg: Some(Box::new(arg)), distinct: false };
    let count = agg("COUNT", x.clone());
    let n = || count.clone();
    let sum = agg("SUM", x.clone());
    let squares = agg("SUM", bin(x.clone(), BinOp::Multiply, x));
    let num = bin(bin(n(), BinOp::Multiply, squares), BinOp::Minus, bin(sum.clone(), BinOp::Multiply, sum));
    // Over floats the difference can round below zero; it is zero.
    let num = SExpr::Func { name: "MAX", args: vec![SExpr::Cast { e: Box::new(num), ty: "REAL" }, SExpr::Int(0)] };
    let den = if sample { bin(n(), BinOp::Multiply, bin(n(), BinOp::Minus, SExpr::Int(1))) } else { bin(n(), BinOp::Multiply, n()) };
    let v = bin(num, BinOp::Divide, den);
    if stddev {
        SExpr::Func { name: "SQRT", args: vec![v] }
    } else {
        v
    }
}

/// `e` with `over` applied to each aggregate in it (not inside their arguments).
fn over_each_aggregate(e: SExpr, over: &dyn Fn(SExpr) -> SExpr) -> SExpr {
    let each = |e: Box<SExpr>| Box::new(over_each_aggregate(*e, over));
    match e {
        SExpr::Agg { .. } => over(e),
        SExpr::Bin { op, l, r } => SExpr::Bin { op, l: each(l), r: each(r) },
        SExpr::Cast { e, ty } => SExpr::Cast { e: each(e), ty },
        SExpr::Func { name, args } => {
            let mut each_arg = Vec::with_capacity(args.len());
            for a in args {
                each_arg.push(over_each_aggregate(a, over));
            }
            SExpr::Func { name, args: each_arg }
        }
        e => e,
    }
}

/// What `annotate()` was given.
#[derive(Clone, Debug, PartialEq)]
pub enum AnnotationInput {
    /// `Count(...)`, `Sum(...)`, ...
    Aggregate(AggInput),
    /// `F(...)` arithmetic or `Value(...)`.
    Expr(ExprInput),
}

/// An aggregate as the user wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct AggInput {
    /// `Count`, `Sum`, `Avg`, `Min`, `Max`, `StdDev`, `Variance`.
    pub func: String,
    /// Field path, or `*`.
    pub path: String,
    /// An expression instead of a path (`Sum(Case(...))`).
    pub expr: Option<ExprInput>,
    /// `distinct: true`.
    pub distinct: bool,
    /// `sample: true` (`StdDev`, `Variance`): the sample's, not the population's.
    pub sample: bool,
    /// `filter: Q(...)`.
    pub filter: Option<QInput>,
    /// `default: value` (COALESCE).
    pub default: Option<Input>,
}

/// Which way a relation runs from the model it is named on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelKind {
    /// ForeignKey / OneToOneField on this model.
    Forward,
    /// A ForeignKey / OneToOneField on another model pointing here.
    Reverse,
    /// A ManyToManyField, either side.
    ManyToMany,
}

/// A relation reachable from a model by accessor name, resolved.
#[derive(Clone, Debug)]
pub struct RelInfo {
    /// Direction.
    pub kind: RelKind,
    /// The model on the far side.
    pub target: Rc<str>,
    /// Several related rows per instance.
    pub many: bool,
    /// Attribute of this model's instances holding the key (`pk` attname, or the FK attname).
    pub parent_key: Rc<str>,
    /// Reverse: the FK field name on the far model (`author`).
    pub far_field: Rc<str>,
    /// Reverse: the FK column on the far model; M2M: the through column pointing at this model.
    pub far_column: Ident,
    /// M2M: the far model's lookup name for the way back (`books`).
    pub far_query_name: Rc<str>,
    /// M2M: the through table.
    pub through_table: Option<Ident>,
    /// M2M: the through model name and its columns (to this model, to the far model).
    pub through: Option<(Rc<str>, Ident, Ident)>,
}

/// Resolve an accessor (`author`, `books`, `book_set`, `tags`) on `model`.
pub fn relation(reg: &Registry, model: &Rc<Model>, name: &str) -> Result<RelInfo> {
    let pk_attname = model.pk_field().attname.clone();
    if let Some(f) = model.field(name).filter(|f| f.kind.is_relation() && &*f.name == name) {
        let target = reg.target(f)?;
        if f.kind == FieldKind::ManyToMany {
            let (through, src, dst) = reg.through(model, f)?;
            // The far model's lookup name for this field.
            let back = reg
                .find_reverse(&target, &|r| r.model.id == model.id && *r.model.field_at(r.field).name == *f.name)
                .map(|r| r.query_name)
                .unwrap_or_else(|| model.name.to_ascii_lowercase().into());
            return Ok(RelInfo {
                kind: RelKind::ManyToMany,
                target: target.name.clone(),
                many: true,
                parent_key: pk_attname,
                far_field: f.name.clone(),
                far_column: through.field_at(src).col()?.clone(),
                far_query_name: back,
                through_table: Some(through.table.clone()),
                through: Some((through.name.clone(), through.field_at(src).col()?.clone(), through.field_at(dst).col()?.clone())),
            });
        }
        return Ok(RelInfo {
            kind: RelKind::Forward,
            target: target.name.clone(),
            many: false,
            parent_key: f.attname.clone(),
            far_field: f.name.clone(),
            far_column: target.pk_column().clone(),
            far_query_name: f.name.clone(),
            through_table: None,
            through: None,
        });
    }
    let rev = reg
        .reverse_named(model, name, true)
        .ok_or_else(|| Error::field(format!("Cannot find '{name}' on {} object: it is not a relation.", model.name)))?;
    let f = rev.model.field_at(rev.field).clone();
    if f.kind == FieldKind::ManyToMany {
        let (through, src, dst) = reg.through(&rev.model, &f)?;
        return Ok(RelInfo {
            kind: RelKind::ManyToMany,
            target: rev.model.name.clone(),
            many: true,
            parent_key: pk_attname,
            far_field: f.name.clone(),
            far_column: through.field_at(dst).col()?.clone(),
            far_query_name: f.name.clone(),
            through_table: Some(through.table.clone()),
            through: Some((through.name.clone(), through.field_at(dst).col()?.clone(), through.field_at(src).col()?.clone())),
        });
    }
    Ok(RelInfo {
        kind: RelKind::Reverse,
        target: rev.model.name.clone(),
        many: f.kind != FieldKind::OneToOne,
        parent_key: pk_attname,
        far_field: f.name.clone(),
        far_column: f.col()?.clone(),
        far_query_name: f.name.clone(),
        through_table: None,
        through: None,
    })
}

/// Check a `prefetchRelated` path: every step a relation.
pub fn check_prefetch_path(reg: &Registry, model: &Rc<Model>, path: &str) -> Result<()> {
    let mut m = model.clone();
    for part in crate::text::split(path, "__") {
        if let Some(f) = m.field(part).filter(|f| f.kind.is_relation() && &*f.name == part) {
            m = reg.target(f)?;
            continue;
        }
        match reg.reverse_named(&m, part, true) {
            Some(r) => m = r.model.clone(),
            None => {
                return Err(Error::field(format!(
                    "Cannot find '{part}' on {} object, '{path}' is an invalid parameter to prefetch_related()",
                    m.name
                )))
            }
        }
    }
    Ok(())
}

fn target_column(t: &Target) -> Result<Ident> {
    Ok(t.field.col()?.clone())
}

fn date_like(o: &Output) -> bool {
    matches!(o, Output::Date) || matches!(o, Output::Field(f) if matches!(f.kind, FieldKind::Date | FieldKind::DateTime))
}

/// The comparison of `exact`, `gt`, `gte`, `lt` or `lte` (by index).
fn cmp_op(li: usize) -> Cmp {
    match li {
        EXACT => Cmp::Eq,
        GT => Cmp::Gt,
        GTE => Cmp::Gte,
        LT => Cmp::Lt,
        _ => Cmp::Lte,
    }
}

/// The wildcards of `iexact`, `contains` ... `iendswith` (by index).
fn like_kind(li: usize) -> LikeKind {
    match li {
        IEXACT => LikeKind::Exact,
        7 | 8 => LikeKind::Contains,
        9 | 10 => LikeKind::Starts,
        _ => LikeKind::Ends,
    }
}

/// Lookups of JSONField beyond [`LOOKUPS`].
const JSON_LOOKUPS: &[&str] = &["has_key", "has_keys", "has_any_keys", "contained_by"];

/// `parts[i]`, empty past the end (never panics).
fn at<'s>(parts: &[&'s str], i: usize) -> &'s str {
    parts.get(i).copied().unwrap_or_default()
}

/// `parts[i..]`, empty past the end (never panics).
fn tail<'p, 's>(parts: &'p [&'s str], i: usize) -> &'p [&'s str] {
    parts.get(i..).unwrap_or_default()
}

/// `lhs` under Django's key transforms `keys` (one path with any before it).
fn json_key(lhs: SExpr, keys: &[&str], text: bool) -> SExpr {
    let (e, mut all) = match lhs {
        SExpr::JsonKey { e, keys, .. } => (e, keys.to_vec()),
        e => (Box::new(e), Vec::new()),
    };
    for k in keys {
        all.push(Rc::from(*k));
    }
    SExpr::JsonKey { e, keys: all.into(), text }
}

/// The path `has_key` (`has_keys`: `many`) tests for `v` under `prefix`:
/// the key as `json.dumps` writes it (`has_keys` takes `str()` of each).
pub(crate) fn has_key_path(reg: &Registry, prefix: &str, v: &Input, many: bool) -> Result<String> {
    let k = match v {
        Input::Str(s) => funcs::py_str(s),
        v if many => funcs::py_str(&like_text(&plain_field(FieldKind::Text, "key").to_db(v, None)?)),
        v => Output::Key(false).to_db(reg, v).map(|v| like_text(&v))?,
    };
    Ok(format!("{prefix}.{k}"))
}

/// The index of a lookup in [`LOOKUPS`] and its name (`exact` when unknown).
fn lookup_index(name: &str) -> (usize, &'static str) {
    match LOOKUPS.iter().position(|l| *l == name) {
        Some(i) => (i, LOOKUPS[i]),
        None => (EXACT, "exact"),
    }
}

/// The index of a JSONField lookup ([`LOOKUPS`], then [`JSON_LOOKUPS`] from 17).
fn json_lookup_index(name: &str) -> Option<usize> {
    match JSON_LOOKUPS.iter().position(|l| *l == name) {
        Some(i) => Some(HAS_KEY + i),
        None => LOOKUPS.iter().position(|l| *l == name),
    }
}

fn json_lookup_name(li: usize) -> &'static str {
    match li.checked_sub(HAS_KEY) {
        Some(j) => JSON_LOOKUPS.get(j),
        None => LOOKUPS.get(li),
    }
    .copied()
    .unwrap_or("exact")
}

fn lookup_allowed(out: &Output, name: &str) -> bool {
    match out {
        Output::Field(f) if f.kind.is_relation() => RELATED_LOOKUPS.contains(&name),
        _ => LOOKUPS.contains(&name),
    }
}

/// `strftime(?, col)` cast to an integer.
fn extract(lhs: SExpr, fmt: &str) -> SExpr {
    SExpr::Cast { e: Box::new(SExpr::Func { name: "strftime", args: vec![SExpr::Param(Value::Text(fmt.into()), Src::Const), lhs] }), ty: "INTEGER" }
}

/// The Thursday of the ISO week holding `lhs`.
fn iso_thursday(lhs: SExpr) -> SExpr {
    let p = |s: &str| SExpr::Param(Value::Text(s.into()), Src::Const);
    SExpr::Func { name: "date", args: vec![lhs, p("-3 days"), p("weekday 4")] }
}

fn apply_transform(lhs: SExpr, out: &Output, name: &str) -> Option<(SExpr, Output)> {
    let is_date = date_like(out);
    let is_datetime = matches!(out, Output::Field(f) if f.kind == FieldKind::DateTime);
    // By index: DATE_TRANSFORMS (0..8) then DATETIME_TRANSFORMS (8..13).
    let t = match DATE_TRANSFORMS.iter().position(|t| *t == name) {
        Some(i) if is_date => i,
        Some(_) => return None,
        None => 8 + DATETIME_TRANSFORMS.iter().position(|t| *t == name).filter(|_| is_datetime)?,
    };
    let bin = |l: SExpr, op: BinOp, r: i64| SExpr::Bin { op, l: Box::new(l), r: Box::new(SExpr::Int(r)) };
    let e = match t {
        0 => extract(lhs, "%Y"),
        // ISO years are the year of their week's Thursday.
        1 => extract(iso_thursday(lhs), "%Y"),
        2 => extract(lhs, "%m"),
        3 => extract(lhs, "%d"),
        // ISO weeks belong to the year of their Thursday: date(col, '-3 days', 'weekday 4').
        4 => bin(bin(bin(extract(iso_thursday(lhs), "%j"), BinOp::Minus, 1), BinOp::Divide, 7), BinOp::Plus, 1),
        // strftime %w: 0 = Sunday; Django: 1 = Sunday ... 7 = Saturday.
        5 => bin(extract(lhs, "%w"), BinOp::Plus, 1),
        // iso_week_day: 1 = Monday ... 7 = Sunday.
        6 => bin(SExpr::Bin { op: BinOp::Modulo, l: Box::new(bin(extract(lhs, "%w"), BinOp::Plus, 6)), r: Box::new(SExpr::Int(7)) }, BinOp::Plus, 1),
        7 => bin(bin(extract(lhs, "%m"), BinOp::Plus, 2), BinOp::Divide, 3),
        8 => extract(lhs, "%H"),
        9 => extract(lhs, "%M"),
        10 => extract(lhs, "%S"),
        11 => return Some((SExpr::Func { name: "date", args: vec![lhs] }, Output::Date)),
        // Python's str(time), as TruncTime writes it.
        _ => return Some((funcs::trunc("time", lhs, true, SExpr::Null)?, Output::Time)),
    };
    Some((e, Output::Int))
}

/// The column of `t` through the transforms `names` (`pubDate__year`), or
/// the output and name of the first transform that does not apply to it.
#[allow(clippy::type_complexity)]
fn transformed<'n>(t: &Target, names: &[&'n str]) -> Result<std::result::Result<(SExpr, Output), (Output, &'n str)>> {
    let mut acc = (SExpr::Col { alias: t.alias, col: target_column(t)? }, Output::Field(t.field.clone()));
    for tr in names {
        match apply_transform(acc.0, &acc.1, tr) {
            Some(next) => acc = next,
            None => return Ok(Err((acc.1, tr))),
        }
    }
    Ok(Ok(acc))
}

/// A lookup's value converted by its output field, after Django's
/// IntegerFieldFloatRounding when `round` (`gte 1.5` → `>= 2`, `lt 1.5` → `< 2`).
pub(crate) fn lookup_value(out: &Output, reg: &Registry, round: bool, v: &Input) -> Result<Value> {
    match v {
        Input::Num(n) if round && out.is_integer(reg) && n.fract() != 0.0 => out.to_db(reg, &Input::Num(n.ceil())),
        v => out.to_db(reg, v),
    }
}

/// A LIKE lookup's pattern (escaped, with its wildcards) and its raw text.
pub(crate) fn like_parts(out: &Output, reg: &Registry, kind: LikeKind, v: &Input) -> Result<(String, String)> {
    let text = like_text(&out.to_db(reg, v)?);
    let escaped = escape_like(&text);
    let pattern = match kind {
        LikeKind::Exact => escaped,
        LikeKind::Contains => format!("%{escaped}%"),
        LikeKind::Starts => format!("{escaped}%"),
        LikeKind::Ends => format!("%{escaped}"),
    };
    Ok((pattern, text))
}

/// A `regex` lookup's pattern text.
pub(crate) fn regex_text(out: &Output, reg: &Registry, v: &Input) -> Result<String> {
    Ok(like_text(&out.to_db(reg, v)?))
}

/// The first and last instants (dates) of the year `v` (Django's YearLookup bounds).
pub(crate) fn year_bounds(v: &Input, datetime: bool) -> Result<(String, String)> {
    let Value::Int(y) = int_field().to_db(v, None)? else {
        return Err(Error::value("Cannot use None as a query value"));
    };
    Ok(if datetime {
        (format_date(y, 1, 1) + " 00:00:00", format_date(y, 12, 31) + " 23:59:59.999999")
    } else {
        (format_date(y, 1, 1), format_date(y, 12, 31))
    })
}

/// The values of an `in` lookup: nulls dropped, each converted, duplicates
/// dropped in first-seen order as Django's OrderedSet (lists long enough to go
/// as JSON keep them, which does not change which rows match). Linear time.
pub(crate) fn in_values(out: &Output, reg: &Registry, value: &Input, key: &str) -> Result<Vec<Value>> {
    let Input::List(items) = value else {
        return Err(Error::value(format!("The value of an 'in' lookup must be an array, got {} (for '{key}').", value.repr())));
    };
    let mut values: Vec<Value> = Vec::with_capacity(items.len());
    for item in items.iter() {
        if item.is_nullish() {
            continue;
        }
        values.push(out.to_db(reg, item)?);
    }
    if values.len() <= reg.config.max_params {
        dedup_values(&mut values);
    }
    Ok(values)
}

/// Drop later duplicates (by `==`, so `0.0 == -0.0` and a NaN is never a duplicate).
///
/// The table is the plan cache's own map type (one hashbrown instantiation
/// fewer in the wasm): it maps a value's FxHash to the first kept value with
/// that hash; a different value with the same hash (a collision) is checked
/// against every kept value instead.
#[inline(never)]
fn dedup_values(values: &mut Vec<Value>) {
    use crate::compiler::cache::PlanKey;
    use crate::hash::{FxHasher, HashMap};
    use std::hash::Hasher;
    let mut kept: Vec<Value> = Vec::with_capacity(values.len());
    let mut seen: HashMap<PlanKey, usize> = HashMap::with_capacity_and_hasher(values.len(), Default::default());
    for v in std::mem::take(values) {
        if matches!(v, Value::Real(f) if f.is_nan()) {
            kept.push(v);
            continue;
        }
        let mut h = FxHasher::default();
        match &v {
            Value::Null => h.write_u8(0),
            Value::Int(i) => h.write_u64(*i as u64 ^ 1),
            Value::Real(f) => h.write_u64(if *f == 0.0 { 2 } else { f.to_bits() ^ 2 }),
            Value::Text(s) => h.write(s.as_bytes()),
            Value::Blob(b) => {
                h.write_u8(4);
                h.write(b)
            }
        }
        let key = PlanKey { shape: h.finish(), terminal: 0 };
        let dup = match seen.get(&key) {
            None => {
                seen.insert(key, kept.len());
                false
            }
            Some(&i) => kept.get(i) == Some(&v) || kept.contains(&v),
        };
        if !dup {
            kept.push(v);
        }
    }
    drop(seen);
    *values = kept;
}

/// A `Value(v)` in an expression: integral numbers as integers, other
/// values as `field` stores them (an UPDATE's field) or as they are.
pub(crate) fn expr_param(reg: &Registry, v: &Input, field: Option<&Field>) -> Result<Value> {
    Ok(match (v, field) {
        (Input::Num(n), _) if n.fract() == 0.0 && n.abs() < 9.0e15 => Value::Int(*n as i64),
        (Input::Num(n), _) => Value::Real(*n),
        (v, Some(f)) => f.to_db(v, reg.target_pk(f)?.as_ref())?,
        (v, None) => match v {
            Input::Str(s) => Value::Text(s.clone()),
            Input::Bool(b) => Value::Int(*b as i64),
            Input::BigInt(i) => Value::Int(*i),
            Input::Null | Input::Undefined => Value::Null,
            Input::Date(ms) => {
                Value::Text(crate::value::db_datetime(*ms).ok_or_else(|| Error::value("Value(Invalid Date) cannot be used in an expression."))?)
            }
            other => return Err(Error::value(format!("Value({}) cannot be used in an expression.", other.repr()))),
        },
    })
}

/// An aggregate's `default` value.
pub(crate) fn agg_default(d: &Input) -> Result<Value> {
    Ok(match d {
        Input::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Value::Int(*n as i64),
        Input::Num(n) => Value::Real(*n),
        Input::Str(s) => Value::Text(s.clone()),
        Input::Bool(b) => Value::Int(*b as i64),
        other => return Err(Error::value(format!("default={} cannot be used here.", other.repr()))),
    })
}

fn like_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Real(f) => crate::value::fmt_num(*f),
        Value::Null => String::new(),
        Value::Blob(_) => String::new(),
    }
}

/// Django's `prep_for_like_query`: escape `\`, `%` and `_`.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Names a model can be queried by (Django's "Choices are: ..." list).
pub fn field_choices(reg: &Registry, model: &Model) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for f in &model.fields {
        names.push(f.name.to_string());
        if f.attname != f.name {
            names.push(f.attname.to_string());
        }
    }
    for r in reg.reverse_relations(model) {
        if !r.hidden {
            names.push(r.query_name.to_string());
        }
    }
    crate::value::sort_small(&mut names, |a, b| a < b);
    let mut unique: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        if unique.last() != Some(&n) {
            unique.push(n);
        }
    }
    unique
}

/// Django's FieldError for an unknown name.
pub fn unknown_field(reg: &Registry, model: &Model, name: &str) -> Error {
    Error::field(format!("Cannot resolve keyword '{name}' into field. Choices are: {}", text::join(&field_choices(reg, model), ", ")))
}

/// Is `name` a lookup or transform of some field (not a field name)?
fn is_lookup_name(name: &str) -> bool {
    [LOOKUPS, DATE_TRANSFORMS, DATETIME_TRANSFORMS].iter().any(|set| set.contains(&name))
}

fn unsupported_lookup(reg: &Registry, out: &Output, name: &str, related: bool) -> Error {
    // After a relation, a name that is no lookup is a field the related model
    // lacks (`author__nmae`): Django's message for that path (as order_by()
    // and values() give it), naming the related model's fields. Django's
    // filter() reports it as an unsupported lookup on the relation.
    if let (true, Output::Field(f)) = (related, out) {
        if let Some(far) = f.rel.as_ref().and_then(|r| reg.get(&r.target)).filter(|_| !is_lookup_name(name)) {
            return unknown_field(reg, &far, name);
        }
    }
    let mut candidates: Vec<&str> = if related { RELATED_LOOKUPS.to_vec() } else { LOOKUPS.to_vec() };
    if date_like(out) {
        candidates.extend_from_slice(DATE_TRANSFORMS);
    }
    if matches!(out, Output::Field(f) if f.kind == FieldKind::DateTime) {
        candidates.extend_from_slice(DATETIME_TRANSFORMS);
    }
    let suggestions = close_matches(name, &candidates);
    let hint = if suggestions.is_empty() { ".".to_string() } else { format!(", perhaps you meant {}?", text::join(&suggestions, " or ")) };
    Error::field(format!("Unsupported lookup '{name}' for {} or join on the field not permitted{hint}", out.kind_name()))
}

/// Up to three candidates similar to `word` (ratio ≥ 0.6, like difflib's get_close_matches).
#[inline(never)]
fn close_matches<'c>(word: &str, candidates: &[&'c str]) -> Vec<&'c str> {
    // Longest common subsequence, one row at a time: `row[j]` is the
    // length for `b[..=j]` (`diag` and `left` the cells before it).
    fn lcs(a: &[u8], b: &[u8]) -> usize {
        let mut row = vec![0usize; b.len()];
        for x in a {
            let (mut diag, mut left) = (0, 0);
            for (y, cell) in b.iter().zip(row.iter_mut()) {
                let up = *cell;
                left = if x == y { diag + 1 } else { left.max(up) };
                diag = up;
                *cell = left;
            }
        }
        row.last().copied().unwrap_or(0)
    }
    let mut scored: Vec<(f64, usize, &str)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let m = lcs(word.as_bytes(), c.as_bytes());
        let ratio = 2.0 * m as f64 / (word.len() + c.len()).max(1) as f64;
        if ratio >= 0.6 {
            scored.push((ratio, i, *c));
        }
    }
    // Best first; equal scores keep the candidates' order (the sort is stable).
    crate::value::sort_small(&mut scored, |a, b| a.0 > b.0);
    let mut best = Vec::with_capacity(3);
    for (_, _, c) in scored.into_iter().take(3) {
        best.push(c);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_like_escapes_the_three_wildcards_only() {
        for (s, want) in [("", ""), ("abc", "abc"), ("50%_off\\", "50\\%\\_off\\\\"), ("é%ü_", "é\\%ü\\_"), ("%%", "\\%\\%"), ("日本", "日本")]
        {
            assert_eq!(escape_like(s), want, "{s:?}");
        }
    }

    #[test]
    fn dedup_values_keeps_the_first_of_each_in_order() {
        use crate::value::Value::{Blob, Int, Null, Real, Text};
        let mut v = vec![
            Int(3),
            Text("a".into()),
            Int(1),
            Int(3),
            Real(0.0),
            Real(-0.0),
            Real(f64::NAN),
            Real(f64::NAN),
            Real(1.0),
            Int(1),
            Text("a".into()),
            Text("b".into()),
            Blob(vec![1, 2]),
            Blob(vec![1, 2]),
            Null,
            Null,
        ];
        dedup_values(&mut v);
        let shown: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
        assert_eq!(
            shown,
            ["Int(3)", "Text(\"a\")", "Int(1)", "Real(0.0)", "Real(NaN)", "Real(NaN)", "Real(1.0)", "Text(\"b\")", "Blob([1, 2])", "Null"]
        );
    }

    #[test]
    fn dedup_values_compares_values_whose_hashes_collide() {
        use crate::value::Value::{Int, Real};
        // Int(i) and Real(f) hash the same word when i ^ 1 == bits(f) ^ 2.
        let i = (1.5f64.to_bits() ^ 2 ^ 1) as i64;
        let mut v = vec![Real(1.5), Int(i), Int(i), Real(1.5), Int(7), Int(i)];
        dedup_values(&mut v);
        assert_eq!(v, [Real(1.5), Int(i), Int(7)]);
    }
}
