//! The only module that constructs `sqlparser` AST nodes.
//!
//! Everything the compiler emits is built here and rendered by sqlparser's
//! `Display`. Dialect choices (the identifier quote character, the
//! placeholder text) are made by the caller and passed in, so rendering is
//! plain printing. Identifiers reaching this module have already been
//! validated by [`crate::ident`]; user values never reach it at all: they are
//! bound, and only [`placeholder`] text stands for them.
//!
//! Rendering notes (sqlparser 0.53, checked by the tests at the bottom):
//! - sqlparser never adds parentheses around binary operators: `binop(a, And,
//!   binop(b, Or, c))` renders `a AND b OR c`. Callers wrap with [`nested`].
//! - `ESCAPE '\'` is `Expr::Like { escape_char: Some("\\") }`: sqlparser
//!   prints the string between single quotes as is, so exactly `ESCAPE '\'`.
//! - A query with OFFSET but no LIMIT renders `LIMIT -1 OFFSET ...` because
//!   SQLite rejects a bare OFFSET.
//! - Table aliases render with `AS`: `"book" AS "T1"`; derived tables render
//!   `(SELECT ...) AS "subquery"`. Joins render `JOIN` / `LEFT JOIN` (the same
//!   joins as Django's `INNER JOIN` / `LEFT OUTER JOIN`).
//! - Why 0.53 and not a newer sqlparser: rendering any `Expr` links every
//!   `Statement`'s `Display` (a `SetExpr` can hold a `Statement`), and that
//!   graph grew with each release. Measured on a probe that displays one
//!   `Expr` (wasm32, -Oz, gzip -9): 0.53 56.5 KB, 0.55 63.7 KB, 0.58 77.8 KB,
//!   0.64 98.4 KB. On Quarry's build, 0.64 -> 0.53 took the shipped package
//!   from 266 KB to 222 KB gzipped.
//! - sqlparser is vendored (vendor/sqlparser, through `[patch.crates-io]`)
//!   with two one-line patches that keep its `Display` from linking the
//!   derived `PartialEq` of the whole AST and the names of all keywords
//!   (vendor/sqlparser/QUARRY-PATCHES.md); the SQL printed is unchanged.
//! - Functions that take no quote character ([`select`], [`set_op`]) quote the
//!   identifiers inside a [`SelectSpec`] with `"` (the quote of both SQLite and
//!   PostgreSQL).

use sqlparser::ast::{
    Assignment, AssignmentTarget, BinaryOperator, ColumnDef, ColumnOption, ColumnOptionDef, ConflictTarget, ConstraintCharacteristics, CreateIndex,
    CreateTable, DataType, DeferrableInitial, Delete, DescribeAlias, Distinct, DoUpdate, DuplicateTreatment, Expr, FromTable, Function, FunctionArg,
    FunctionArgExpr, FunctionArgumentList, FunctionArguments, GroupByExpr, Ident as SqlIdent, Insert, Join as SqlJoin, JoinConstraint, JoinOperator,
    KeyOrIndexDisplay, NullsDistinctOption, ObjectName, Offset, OffsetRows, OnConflict as SqlOnConflict, OnConflictAction, OnInsert, OrderBy,
    OrderByExpr, Query, ReferentialAction, Select, SelectItem, SetExpr, SetOperator, SetQuantifier, SqliteOnConflict, Statement, TableAlias,
    TableConstraint, TableFactor, TableWithJoins, UnaryOperator, Value, Values, WildcardAdditionalOptions, WindowFrame, WindowFrameBound,
    WindowFrameUnits, WindowSpec, WindowType,
};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Token, Word};

use crate::ident::Ident;

/// Quote character for identifiers (`"` for SQLite and PostgreSQL).
pub type Quote = char;

/// The quote used where the public signature carries none (see module docs).
const DEFAULT_QUOTE: Quote = '"';

// ---------------------------------------------------------------------------
// Private helpers
// ---------------------------------------------------------------------------

/// `Ident::with_quote` asserts on its quote character; map anything it would
/// reject to `"` so that no input can panic.
fn safe_quote(q: Quote) -> char {
    match q {
        '"' | '`' | '[' => q,
        _ => '"',
    }
}

/// A quoted sqlparser identifier from a validated name.
///
/// A validated name matches `[A-Za-z_][A-Za-z0-9_]*` (see [`crate::ident`]),
/// so nothing in it needs escaping: the quotes are put around it here and the
/// identifier prints as is. The output is the same as sqlparser's quoted
/// `Ident`, without its character-by-character escaping, which was a fifth of
/// the time spent compiling a query.
fn qident(q: Quote, name: &Ident) -> SqlIdent {
    let (open, close) = match safe_quote(q) {
        '[' => ('[', ']'),
        c => (c, c),
    };
    let name = name.as_str();
    let mut quoted = String::with_capacity(name.len() + 2);
    quoted.push(open);
    quoted.push_str(name);
    quoted.push(close);
    SqlIdent::new(quoted)
}

/// [`qident`] of each name.
fn qidents(q: Quote, names: &[Ident]) -> Vec<SqlIdent> {
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        out.push(qident(q, n));
    }
    out
}

/// Print a statement into a buffer sized for a typical query.
pub fn render(stmt: &Statement) -> String {
    use std::fmt::Write;
    let mut sql = String::with_capacity(512);
    // Writing into a String cannot fail. The vendored sqlparser prints only
    // the statements and expressions this module builds (its patch 3) and
    // returns an error for any other, which would leave the text cut short:
    // every builder here is rendered and re-parsed by the tests below, whose
    // `to_string()` panics on that error.
    let _ = write!(sql, "{stmt}");
    sql
}

/// `true` for `[A-Za-z_][A-Za-z0-9_]*`.
fn is_word(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => chars.all(|c| c.is_ascii_alphanumeric() || c == '_'),
        _ => false,
    }
}

/// A compiler-chosen keyword-like word (function name, type name) rendered
/// unquoted. Such names are fixed strings in the compiler, so a bad one is a
/// compiler bug; it is reduced to its safe characters rather than panicking.
fn word(s: &str) -> SqlIdent {
    if is_word(s) {
        return SqlIdent::new(s);
    }
    let mut cleaned = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            cleaned.push(c);
        }
    }
    if is_word(&cleaned) {
        SqlIdent::new(cleaned)
    } else {
        SqlIdent::new("_invalid")
    }
}

fn object_name(q: Quote, name: &Ident) -> ObjectName {
    ObjectName(vec![qident(q, name)])
}

fn value_expr(v: Value) -> Expr {
    Expr::Value(v)
}

/// `NULL`.
pub fn null() -> Expr {
    value_expr(Value::Null)
}

/// A type name such as `integer`, `varchar(100)`, `decimal(10, 2)` or
/// `double precision`, as `DataType::Custom` so it prints as given.
fn data_type(type_name: &str) -> DataType {
    let t = type_name.trim();
    if t.is_empty() {
        // SQLite accepts a column without a type; sqlparser prints nothing.
        return DataType::Unspecified;
    }
    let (base, mods) = match crate::text::split_once(t, "(") {
        Some((base, mods)) => (base, Some(mods)),
        None => (t, None),
    };
    let words: Vec<&str> = base.split_whitespace().collect();
    let base_ok = !words.is_empty() && words.iter().all(|w| is_word(w));
    let base_text = if base_ok {
        crate::text::join(&words, " ")
    } else {
        // A compiler bug: keep the leading run of safe characters.
        let mut prefix = String::new();
        for c in base.chars() {
            if !(c.is_ascii_alphanumeric() || c == '_' || c == ' ') {
                break;
            }
            prefix.push(c);
        }
        let prefix_words: Vec<&str> = prefix.split_whitespace().collect();
        if !prefix_words.is_empty() && prefix_words.iter().all(|w| is_word(w)) {
            crate::text::join(&prefix_words, " ")
        } else {
            word(base).value
        }
    };
    let mut modifiers = Vec::new();
    if let Some(m) = mods {
        if let Some(inner) = m.trim_end().strip_suffix(')') {
            for part in crate::text::split(inner, ",") {
                let p = part.trim();
                if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) {
                    modifiers.push(p.to_string());
                }
            }
        }
    }
    DataType::Custom(ObjectName(vec![SqlIdent::new(base_text)]), modifiers)
}

/// Placeholder text accepted verbatim: `?`, `?N`, `$N`, `:name`, `@name`.
fn valid_placeholder(text: &str) -> bool {
    if text == "?" {
        return true;
    }
    let mut chars = text.chars();
    match chars.next() {
        Some('?') | Some('$') => {
            let rest = chars.as_str();
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
        }
        Some(':') | Some('@') => is_word(chars.as_str()),
        _ => false,
    }
}

fn order_by_expr(item: OrderItem) -> OrderByExpr {
    OrderByExpr::quarry(item.expr, Some(!item.desc), item.nulls)
}

fn order_by_clause(items: Vec<OrderItem>) -> Option<OrderBy> {
    if items.is_empty() {
        None
    } else {
        let mut exprs = Vec::with_capacity(items.len());
        for item in items {
            exprs.push(order_by_expr(item));
        }
        Some(OrderBy { exprs, interpolate: None })
    }
}

/// `LIMIT l OFFSET o`; SQLite needs a LIMIT before OFFSET, so a lone offset
/// gets `LIMIT -1` (no limit).
fn limit_offset(limit: Option<Expr>, offset: Option<Expr>) -> (Option<Expr>, Option<Offset>) {
    let limit = match (limit, &offset) {
        (Some(l), _) => Some(l),
        (None, Some(_)) => Some(int(-1)),
        (None, None) => None,
    };
    let offset = offset.map(|value| Offset { value, rows: OffsetRows::None });
    (limit, offset)
}

fn query_from_body(body: SetExpr, order_by: Vec<OrderItem>, limit: Option<Expr>, offset: Option<Expr>) -> Query {
    let (limit, offset) = limit_offset(limit, offset);
    Query::quarry(Box::new(body), order_by_clause(order_by), limit, offset)
}

fn table_alias(name: SqlIdent) -> TableAlias {
    TableAlias::quarry(name)
}

fn table_factor(name: ObjectName, alias: Option<TableAlias>) -> TableFactor {
    TableFactor::quarry_table(name, alias)
}

fn source_factor(source: Source) -> TableFactor {
    match source {
        Source::Table { name, alias } => {
            let alias = alias.filter(|a| a != &name).map(|a| table_alias(qident(DEFAULT_QUOTE, &a)));
            table_factor(object_name(DEFAULT_QUOTE, &name), alias)
        }
        Source::Derived { query, alias } => {
            TableFactor::Derived { lateral: false, subquery: Box::new(query), alias: Some(table_alias(qident(DEFAULT_QUOTE, &alias))) }
        }
        Source::Function { name, args } => {
            TableFactor::Function { lateral: false, name: ObjectName(vec![word(name)]), args: unnamed_args(args), alias: None }
        }
    }
}

fn select_body(
    distinct: bool,
    projection: Vec<SelectItem>,
    from: Vec<TableWithJoins>,
    selection: Option<Expr>,
    group_by: Vec<Expr>,
    having: Option<Expr>,
) -> Select {
    Select::quarry(
        if distinct { Some(Distinct::Distinct) } else { None },
        projection,
        from,
        selection,
        GroupByExpr::Expressions(group_by, vec![]),
        having,
    )
}

/// One operand of a compound SELECT. SQLite does not accept parenthesised
/// operands, so an operand carrying its own ORDER BY/LIMIT (or a compound on
/// the right-hand side, which would otherwise re-associate) is wrapped as
/// `SELECT * FROM (operand)`.
fn set_operand(q: Query, allow_compound: bool) -> SetExpr {
    let plain = q.order_by.is_none() && q.limit.is_none() && q.offset.is_none() && q.without_with_fetch_locks();
    let simple_body = match q.body.as_ref() {
        SetExpr::Select(_) => true,
        SetExpr::SetOperation { .. } => allow_compound,
        _ => false,
    };
    if plain && simple_body {
        return *q.body;
    }
    let from = TableWithJoins { relation: TableFactor::Derived { lateral: false, subquery: Box::new(q), alias: None }, joins: vec![] };
    SetExpr::Select(Box::new(select_body(false, vec![SelectItem::Wildcard(WildcardAdditionalOptions::default())], vec![from], None, vec![], None)))
}

fn returning_items(returning: Vec<Expr>) -> Option<Vec<SelectItem>> {
    if returning.is_empty() {
        None
    } else {
        let mut items = Vec::with_capacity(returning.len());
        for e in returning {
            items.push(SelectItem::UnnamedExpr(e));
        }
        Some(items)
    }
}

fn referential_action(a: FkAction) -> ReferentialAction {
    match a {
        FkAction::Cascade => ReferentialAction::Cascade,
        FkAction::SetNull => ReferentialAction::SetNull,
        FkAction::SetDefault => ReferentialAction::SetDefault,
        FkAction::Restrict => ReferentialAction::Restrict,
        FkAction::NoAction => ReferentialAction::NoAction,
    }
}

fn index_column(q: Quote, c: &Ident) -> OrderByExpr {
    OrderByExpr::quarry(Expr::Identifier(qident(q, c)), None, None)
}

fn option(option: ColumnOption) -> ColumnOptionDef {
    ColumnOptionDef { name: None, option }
}

fn column_def(q: Quote, c: ColumnSpec) -> ColumnDef {
    let mut options = Vec::new();
    if c.not_null {
        options.push(option(ColumnOption::NotNull));
    }
    if c.primary_key {
        options.push(option(ColumnOption::Unique { is_primary: true, characteristics: None }));
    }
    if c.autoincrement {
        // sqlparser's own representation of SQLite's AUTOINCREMENT (what
        // `Token::make_keyword("AUTOINCREMENT")` builds, without its keyword
        // lookup, which would pull sqlparser's keyword table into the wasm).
        options.push(option(ColumnOption::DialectSpecific(vec![Token::Word(Word {
            value: "AUTOINCREMENT".to_string(),
            quote_style: None,
            keyword: Keyword::AUTOINCREMENT,
        })])));
    }
    if c.unique {
        options.push(option(ColumnOption::Unique { is_primary: false, characteristics: None }));
    }
    if let Some(r) = c.references {
        options.push(option(ColumnOption::ForeignKey {
            foreign_table: object_name(q, &r.table),
            referred_columns: vec![qident(q, &r.column)],
            on_delete: r.on_delete.map(referential_action),
            on_update: None,
            characteristics: if r.deferrable {
                Some(ConstraintCharacteristics { deferrable: Some(true), initially: Some(DeferrableInitial::Deferred), enforced: None })
            } else {
                None
            },
        }));
    }
    ColumnDef::quarry(qident(q, &c.name), data_type(&c.type_name), options)
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

/// A quoted column reference `"alias"."column"`.
pub fn col(q: Quote, alias: &Ident, column: &Ident) -> Expr {
    Expr::CompoundIdentifier(vec![qident(q, alias), qident(q, column)])
}

/// A quoted bare identifier `"name"` (used for output aliases in ORDER BY etc.).
pub fn bare(q: Quote, name: &Ident) -> Expr {
    Expr::Identifier(qident(q, name))
}

/// A bound-parameter placeholder; `text` is `?`, `?3` or `$3`.
///
/// Also accepted verbatim: `:name` and `@name`. Any other text (a compiler
/// bug) renders as `?` rather than reaching the SQL.
pub fn placeholder(text: String) -> Expr {
    if valid_placeholder(&text) {
        value_expr(Value::Placeholder(text))
    } else {
        value_expr(Value::Placeholder("?".to_string()))
    }
}

/// A string literal (only for constants the compiler itself chooses: the
/// wildcards and escapes of Django's LIKE patterns, e.g. `'%'`, `'\'`).
pub fn text_lit(s: &'static str) -> Expr {
    value_expr(Value::SingleQuotedString(s.to_string()))
}

/// An integer literal (only for constants the compiler itself chooses, e.g. `1` in `SELECT 1 AS "a"`).
pub fn int(n: i64) -> Expr {
    value_expr(Value::Number(n.to_string(), false))
}

/// `*` as an expression argument (for `COUNT(*)`): see [`count_star`].
pub fn count_star() -> Expr {
    Expr::Function(Function::quarry(
        ObjectName(vec![SqlIdent::new("COUNT")]),
        FunctionArguments::None,
        FunctionArguments::List(FunctionArgumentList::quarry(None, vec![FunctionArg::Unnamed(FunctionArgExpr::Wildcard)])),
        None,
    ))
}

/// Binary operators the compiler needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Eq,
    NotEq,
    Gt,
    GtEq,
    Lt,
    LtEq,
    And,
    Or,
    Plus,
    Minus,
    Multiply,
    Divide,
    Modulo,
    /// `||` string concatenation
    Concat,
    /// SQLite `REGEXP` (rendered `a REGEXP b`)
    Regexp,
}

/// `left <op> right`.
///
/// No parentheses are added (sqlparser does not add any): wrap operands with
/// [`nested`] where precedence matters.
pub fn binop(left: Expr, op: BinOp, right: Expr) -> Expr {
    let op = match op {
        BinOp::Eq => BinaryOperator::Eq,
        BinOp::NotEq => BinaryOperator::NotEq,
        BinOp::Gt => BinaryOperator::Gt,
        BinOp::GtEq => BinaryOperator::GtEq,
        BinOp::Lt => BinaryOperator::Lt,
        BinOp::LtEq => BinaryOperator::LtEq,
        BinOp::And => BinaryOperator::And,
        BinOp::Or => BinaryOperator::Or,
        BinOp::Plus => BinaryOperator::Plus,
        BinOp::Minus => BinaryOperator::Minus,
        BinOp::Multiply => BinaryOperator::Multiply,
        BinOp::Divide => BinaryOperator::Divide,
        BinOp::Modulo => BinaryOperator::Modulo,
        BinOp::Concat => BinaryOperator::StringConcat,
        BinOp::Regexp => return Expr::RLike { negated: false, expr: Box::new(left), pattern: Box::new(right), regexp: true },
    };
    Expr::BinaryOp { left: Box::new(left), op, right: Box::new(right) }
}

/// `(expr)`.
pub fn nested(e: Expr) -> Expr {
    Expr::Nested(Box::new(e))
}

/// `NOT expr` (the caller adds parentheses with [`nested`] where needed).
pub fn not(e: Expr) -> Expr {
    Expr::UnaryOp { op: UnaryOperator::Not, expr: Box::new(e) }
}

/// `expr IS NULL` / `expr IS NOT NULL`.
pub fn is_null(e: Expr, negated: bool) -> Expr {
    if negated {
        Expr::IsNotNull(Box::new(e))
    } else {
        Expr::IsNull(Box::new(e))
    }
}

/// `expr LIKE pattern ESCAPE '\'`.
pub fn like_escape(e: Expr, pattern: Expr) -> Expr {
    Expr::Like {
        negated: false,
        any: false,
        expr: Box::new(e),
        pattern: Box::new(pattern),
        // A one-character string holding a single backslash; sqlparser's
        // single-quote escaping only touches `'`, so this prints `'\'`.
        escape_char: Some("\\".to_string()),
    }
}

/// `expr BETWEEN low AND high`.
pub fn between(e: Expr, low: Expr, high: Expr) -> Expr {
    Expr::Between { expr: Box::new(e), negated: false, low: Box::new(low), high: Box::new(high) }
}

/// `expr IN (a, b, ...)` (`list` is never empty).
pub fn in_list(e: Expr, list: Vec<Expr>, negated: bool) -> Expr {
    Expr::InList { expr: Box::new(e), list, negated }
}

/// `expr IN (subquery)`.
pub fn in_subquery(e: Expr, q: Query, negated: bool) -> Expr {
    Expr::InSubquery { expr: Box::new(e), subquery: Box::new(q), negated }
}

/// `EXISTS(subquery)` / `NOT EXISTS(subquery)`.
pub fn exists(q: Query, negated: bool) -> Expr {
    Expr::Exists { subquery: Box::new(q), negated }
}

/// `(subquery)` as a scalar expression.
pub fn scalar_subquery(q: Query) -> Expr {
    Expr::Subquery(Box::new(q))
}

/// Positional function arguments.
fn unnamed_args(args: Vec<Expr>) -> Vec<FunctionArg> {
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        out.push(FunctionArg::Unnamed(FunctionArgExpr::Expr(a)));
    }
    out
}

/// A function call `NAME(args)`; `distinct` gives `NAME(DISTINCT args)`.
/// `name` is a fixed SQL function name chosen by the compiler (COUNT, SUM, strftime, date, json_each, ...).
pub fn func(name: &str, args: Vec<Expr>, distinct: bool) -> Expr {
    Expr::Function(Function::quarry(
        ObjectName(vec![word(name)]),
        FunctionArguments::None,
        FunctionArguments::List(FunctionArgumentList::quarry(if distinct { Some(DuplicateTreatment::Distinct) } else { None }, unnamed_args(args))),
        None,
    ))
}

/// `f OVER (PARTITION BY ... ORDER BY ... frame)`: `order` items are
/// `(expr, Some(desc) when a direction was given, NULLS FIRST/LAST)`, the frame
/// `(ROWS, start, end)` as Django writes it (`None` is UNBOUNDED, 0 CURRENT ROW).
#[allow(clippy::type_complexity)]
pub fn over(
    f: Expr,
    partition_by: Vec<Expr>,
    order: Vec<(Expr, Option<bool>, Option<bool>)>,
    frame: Option<(bool, Option<i64>, Option<i64>)>,
) -> Expr {
    let Expr::Function(mut f) = f else { return f };
    let bound = |n: Option<i64>, start: bool| match n {
        Some(0) => WindowFrameBound::CurrentRow,
        None if start => WindowFrameBound::Preceding(None),
        None => WindowFrameBound::Following(None),
        Some(n) if n < 0 => WindowFrameBound::Preceding(Some(Box::new(int(-n)))),
        Some(n) => WindowFrameBound::Following(Some(Box::new(int(n)))),
    };
    let mut order_by = Vec::with_capacity(order.len());
    for (expr, d, nulls) in order {
        order_by.push(OrderByExpr::quarry(expr, d.map(|d| !d), nulls));
    }
    f.over = Some(WindowType::WindowSpec(WindowSpec {
        window_name: None,
        partition_by,
        order_by,
        window_frame: frame.map(|(rows, s, e)| WindowFrame {
            units: if rows { WindowFrameUnits::Rows } else { WindowFrameUnits::Range },
            start_bound: bound(s, true),
            end_bound: Some(bound(e, false)),
        }),
    }));
    Expr::Function(f)
}

/// `CAST(expr AS INTEGER)` (type name given as a fixed keyword, e.g. "INTEGER", "TEXT").
pub fn cast(e: Expr, type_name: &str) -> Expr {
    Expr::quarry_cast(Box::new(e), data_type(type_name))
}

/// `CASE WHEN c1 THEN r1 ... ELSE else_ END`.
///
/// With no `whens` there is no valid CASE; the result is `else_` (or `NULL`).
/// `(e)`, unless `e` already is parenthesised.
pub fn nested_once(e: Expr) -> Expr {
    if matches!(e, Expr::Nested(_) | Expr::Subquery(_)) {
        e
    } else {
        nested(e)
    }
}

pub fn case(whens: Vec<(Expr, Expr)>, else_: Option<Expr>) -> Expr {
    if whens.is_empty() {
        return else_.unwrap_or_else(null);
    }
    let (conditions, results) = whens.into_iter().unzip();
    Expr::Case { operand: None, conditions, results, else_result: else_.map(Box::new) }
}

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

/// A FROM source.
#[allow(clippy::large_enum_variant)] // the public shape is fixed; a Source lives briefly
pub enum Source {
    /// `"table" "alias"` (alias omitted when equal to the table name).
    Table { name: Ident, alias: Option<Ident> },
    /// `(subquery) AS "alias"`, e.g. `(SELECT ...) AS "subquery"`.
    Derived { query: Query, alias: Ident },
    /// A table-valued function, e.g. `json_each(?)`.
    Function { name: &'static str, args: Vec<Expr> },
}

/// Join kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinKind {
    Inner,
    LeftOuter,
}

/// One `JOIN "t" AS "alias" ON (...)` (or `LEFT JOIN`).
pub struct Join {
    pub kind: JoinKind,
    pub source: Source,
    pub on: Expr,
}

/// One ORDER BY item.
pub struct OrderItem {
    pub expr: Expr,
    pub desc: bool,
    /// `NULLS FIRST` (`Some(true)`) / `NULLS LAST`.
    pub nulls: Option<bool>,
}

/// Everything a SELECT can hold.
pub struct SelectSpec {
    pub distinct: bool,
    /// Expression with optional output alias (`expr AS "alias"`).
    pub projection: Vec<(Expr, Option<Ident>)>,
    pub from: Source,
    pub joins: Vec<Join>,
    pub selection: Option<Expr>,
    pub group_by: Vec<Expr>,
    pub having: Option<Expr>,
    pub order_by: Vec<OrderItem>,
    pub limit: Option<Expr>,
    pub offset: Option<Expr>,
}

impl SelectSpec {
    /// `SELECT <projection> FROM <from>` and nothing else; set the other
    /// clauses with struct update syntax (`SelectSpec { selection, ..SelectSpec::new(..) }`).
    pub fn new(from: Source, projection: Vec<(Expr, Option<Ident>)>) -> SelectSpec {
        SelectSpec {
            distinct: false,
            projection,
            from,
            joins: vec![],
            selection: None,
            group_by: vec![],
            having: None,
            order_by: vec![],
            limit: None,
            offset: None,
        }
    }
}

/// Build a `Query` (usable as a subquery or as a statement).
///
/// Identifiers inside the spec (table names, aliases) are quoted with `"`.
/// An empty projection renders `SELECT *`. OFFSET without LIMIT renders
/// `LIMIT -1 OFFSET ...`.
pub fn select(spec: SelectSpec) -> Query {
    let mut projection = Vec::with_capacity(spec.projection.len().max(1));
    for (expr, alias) in spec.projection {
        projection.push(match alias {
            Some(a) => SelectItem::ExprWithAlias { expr, alias: qident(DEFAULT_QUOTE, &a) },
            None => SelectItem::UnnamedExpr(expr),
        });
    }
    if projection.is_empty() {
        projection.push(SelectItem::Wildcard(WildcardAdditionalOptions::default()));
    }
    let mut joins = Vec::with_capacity(spec.joins.len());
    for j in spec.joins {
        let on = match j.on {
            e @ Expr::Nested(_) => e,
            e => nested(e),
        };
        let constraint = JoinConstraint::On(on);
        joins.push(SqlJoin {
            relation: source_factor(j.source),
            global: false,
            join_operator: match j.kind {
                JoinKind::Inner => JoinOperator::Inner(constraint),
                JoinKind::LeftOuter => JoinOperator::LeftOuter(constraint),
            },
        });
    }
    let from = TableWithJoins { relation: source_factor(spec.from), joins };
    let body = select_body(spec.distinct, projection, vec![from], spec.selection, spec.group_by, spec.having);
    query_from_body(SetExpr::Select(Box::new(body)), spec.order_by, spec.limit, spec.offset)
}

/// Set operations between two queries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOp {
    Union,
    UnionAll,
    Intersect,
    Except,
}

/// `left <op> right` with optional ORDER BY / LIMIT / OFFSET on the whole.
///
/// SQLite rejects parenthesised compound operands, so an operand with its own
/// ORDER BY / LIMIT / OFFSET (and a compound right operand) is rendered as
/// `SELECT * FROM (operand)`. A compound left operand is chained as is
/// (compound operators associate to the left).
pub fn set_op(left: Query, op: SetOp, right: Query, order_by: Vec<OrderItem>, limit: Option<Expr>, offset: Option<Expr>) -> Query {
    let (op, set_quantifier) = match op {
        SetOp::Union => (SetOperator::Union, SetQuantifier::None),
        SetOp::UnionAll => (SetOperator::Union, SetQuantifier::All),
        SetOp::Intersect => (SetOperator::Intersect, SetQuantifier::None),
        SetOp::Except => (SetOperator::Except, SetQuantifier::None),
    };
    let body = SetExpr::SetOperation { left: Box::new(set_operand(left, true)), op, set_quantifier, right: Box::new(set_operand(right, false)) };
    query_from_body(body, order_by, limit, offset)
}

/// `q` with this ORDER BY / LIMIT / OFFSET (replacing its own), e.g. on a
/// compound query built by [`set_op`] or a lone operand.
pub fn order_limit(q: Query, order_by: Vec<OrderItem>, limit: Option<Expr>, offset: Option<Expr>) -> Query {
    query_from_body(*q.body, order_by, limit, offset)
}

/// `SELECT ...` statement.
pub fn query_statement(q: Query) -> Statement {
    Statement::Query(Box::new(q))
}

// ---------------------------------------------------------------------------
// DML
// ---------------------------------------------------------------------------

/// Conflict handling for INSERT.
pub enum OnConflict {
    /// Plain INSERT.
    None,
    /// `INSERT OR IGNORE INTO` (SQLite) / `ON CONFLICT DO NOTHING` (PostgreSQL): caller picks via `sqlite_or_ignore`.
    Ignore { sqlite_or_ignore: bool },
    /// `ON CONFLICT("a","b") DO UPDATE SET "x" = EXCLUDED."x", ...`
    Update { target: Vec<Ident>, update: Vec<Ident> },
}

/// `INSERT INTO "table" ("c1", ...) VALUES (...), (...) [RETURNING ...]`.
/// With no columns, renders `INSERT INTO "table" DEFAULT VALUES`.
///
/// `DEFAULT VALUES` is used when there are no columns and every row is empty
/// (it inserts ONE row whatever the number of rows), or when `rows` is empty.
/// `OnConflict::Update` with an empty `update` list falls back to
/// `ON CONFLICT (...) DO NOTHING`.
pub fn insert(q: Quote, table: &Ident, columns: &[Ident], rows: Vec<Vec<Expr>>, on_conflict: OnConflict, returning: Vec<Expr>) -> Statement {
    let default_values = rows.is_empty() || (columns.is_empty() && rows.iter().all(|r| r.is_empty()));
    let (columns, source) = if default_values {
        (vec![], None)
    } else {
        let values = Values { explicit_row: false, rows };
        (qidents(q, columns), Some(Box::new(query_from_body(SetExpr::Values(values), vec![], None, None))))
    };
    let (or, on) = match on_conflict {
        OnConflict::None => (None, None),
        OnConflict::Ignore { sqlite_or_ignore: true } => (Some(SqliteOnConflict::Ignore), None),
        OnConflict::Ignore { sqlite_or_ignore: false } => {
            (None, Some(OnInsert::OnConflict(SqlOnConflict { conflict_target: None, action: OnConflictAction::DoNothing })))
        }
        OnConflict::Update { target, update } => {
            let conflict_target = if target.is_empty() { None } else { Some(ConflictTarget::Columns(qidents(q, &target))) };
            let action = if update.is_empty() {
                OnConflictAction::DoNothing
            } else {
                let mut assignments = Vec::with_capacity(update.len());
                for c in &update {
                    assignments.push(Assignment {
                        target: AssignmentTarget::ColumnName(object_name(q, c)),
                        value: Expr::CompoundIdentifier(vec![SqlIdent::new("EXCLUDED"), qident(q, c)]),
                    });
                }
                OnConflictAction::DoUpdate(DoUpdate { assignments, selection: None })
            };
            (None, Some(OnInsert::OnConflict(SqlOnConflict { conflict_target, action })))
        }
    };
    Statement::Insert(Insert::quarry(or, true, object_name(q, table), columns, source, on, returning_items(returning)))
}

/// `UPDATE "table" SET "c" = expr, ... [WHERE ...]`.
pub fn update(q: Quote, table: &Ident, assignments: Vec<(Ident, Expr)>, selection: Option<Expr>) -> Statement {
    let mut sets = Vec::with_capacity(assignments.len());
    for (c, value) in assignments {
        sets.push(Assignment { target: AssignmentTarget::ColumnName(object_name(q, &c)), value });
    }
    Statement::Update {
        table: TableWithJoins { relation: table_factor(object_name(q, table), None), joins: vec![] },
        assignments: sets,
        from: None,
        selection,
        returning: None,
        or: None,
    }
}

/// `DELETE FROM "table" [WHERE ...]`.
pub fn delete(q: Quote, table: &Ident, selection: Option<Expr>) -> Statement {
    Statement::Delete(Delete::quarry(
        FromTable::WithFromKeyword(vec![TableWithJoins { relation: table_factor(object_name(q, table), None), joins: vec![] }]),
        selection,
    ))
}

// ---------------------------------------------------------------------------
// DDL
// ---------------------------------------------------------------------------

/// `ON DELETE` actions emitted in DDL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FkAction {
    Cascade,
    SetNull,
    SetDefault,
    Restrict,
    NoAction,
}

/// A foreign-key reference in a column definition.
pub struct References {
    pub table: Ident,
    pub column: Ident,
    /// `None`: no ON DELETE clause. Quarry enforces deletion rules itself (like Django), and emits
    /// `DEFERRABLE INITIALLY DEFERRED` as Django does on SQLite.
    pub on_delete: Option<FkAction>,
    pub deferrable: bool,
}

/// One column of CREATE TABLE.
pub struct ColumnSpec {
    pub name: Ident,
    /// A fixed type name chosen by the compiler: `integer`, `bigint`, `real`, `decimal`, `varchar(100)`, `text`, `bool`, `date`, `datetime`, `char(32)`, `blob`.
    pub type_name: String,
    pub not_null: bool,
    pub primary_key: bool,
    pub autoincrement: bool,
    pub unique: bool,
    pub references: Option<References>,
}

/// `CREATE TABLE [IF NOT EXISTS] "name" (cols..., UNIQUE ("a", "b"), ...)`.
///
/// Column options render in the order `NOT NULL PRIMARY KEY AUTOINCREMENT
/// UNIQUE REFERENCES ...` (SQLite needs AUTOINCREMENT right after PRIMARY KEY,
/// and only accepts it on an `integer PRIMARY KEY` column).
pub fn create_table(q: Quote, name: &Ident, if_not_exists: bool, columns: Vec<ColumnSpec>, unique_together: Vec<Vec<Ident>>) -> Statement {
    let mut defs = Vec::with_capacity(columns.len());
    for c in columns {
        defs.push(column_def(q, c));
    }
    let mut constraints = Vec::new();
    for cols in unique_together.iter().filter(|cols| !cols.is_empty()) {
        constraints.push(TableConstraint::Unique {
            name: None,
            index_name: None,
            index_type_display: KeyOrIndexDisplay::None,
            index_type: None,
            columns: qidents(q, cols),
            index_options: vec![],
            characteristics: None,
            nulls_distinct: NullsDistinctOption::None,
        });
    }
    CreateTable::quarry_statement(object_name(q, name), if_not_exists, defs, constraints)
}

/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] "name" ON "table" ("c", ...)`.
pub fn create_index(q: Quote, name: &Ident, table: &Ident, columns: &[Ident], unique: bool, if_not_exists: bool) -> Statement {
    let mut index_columns = Vec::with_capacity(columns.len());
    for c in columns {
        index_columns.push(index_column(q, c));
    }
    Statement::CreateIndex(CreateIndex::quarry(Some(object_name(q, name)), object_name(q, table), index_columns, unique, if_not_exists))
}

/// `EXPLAIN QUERY PLAN <statement>` (SQLite) / `EXPLAIN <statement>`.
pub fn explain(stmt: Statement, query_plan: bool) -> Statement {
    Statement::Explain {
        describe_alias: DescribeAlias::Explain,
        analyze: false,
        verbose: false,
        query_plan,
        statement: Box::new(stmt),
        format: None,
        options: None,
    }
}

#[cfg(test)]
mod tests {
    //! Exact renderings plus a re-parse with sqlparser's SQLite dialect.
    //!
    //! Quirks observed in sqlparser 0.53:
    //! - `ESCAPE '\'`: the escape is a `String` printed between single quotes
    //!   as is, and the SQLite dialect re-parses it (no backslash escapes in
    //!   SQLite strings).
    //! - LIMIT and OFFSET are separate `Query` fields and print
    //!   ` LIMIT l OFFSET o`; we add `LIMIT -1` for a lone OFFSET.
    //! - Table aliases always print with `AS`; joins print `JOIN`/`LEFT JOIN`.
    //! - No automatic parentheses around binary operators.
    //! - `Expr::Exists` prints `EXISTS (...)` with a space.
    //! - `INSERT OR IGNORE` comes from `Insert::or`, `DEFAULT VALUES` from
    //!   `source: None` with no columns.
    //! - The upsert target and the index column list print without a space:
    //!   `ON CONFLICT("a") DO ...`, `ON "book"("a","b")`.
    //! - REGEXP is `Expr::RLike { regexp: true }`.
    use super::*;
    use sqlparser::dialect::SQLiteDialect;
    use sqlparser::parser::Parser;

    const Q: Quote = '"';

    fn id(s: &str) -> Ident {
        Ident::fixed(s)
    }

    fn reparse(sql: &str) {
        let parsed = Parser::parse_sql(&SQLiteDialect {}, sql);
        match parsed {
            Ok(stmts) => assert_eq!(stmts.len(), 1, "{sql}"),
            Err(e) => panic!("re-parse failed for {sql}: {e}"),
        }
    }

    fn render(stmt: Statement) -> String {
        let sql = stmt.to_string();
        reparse(&sql);
        sql
    }

    fn table(name: &str, alias: Option<&str>) -> Source {
        Source::Table { name: id(name), alias: alias.map(id) }
    }

    fn spec(from: Source, projection: Vec<(Expr, Option<Ident>)>) -> SelectSpec {
        SelectSpec::new(from, projection)
    }

    /// `SELECT <e> FROM "t"`, rendered, re-parsed, and returned as the part after `SELECT `.
    fn expr_sql(e: Expr) -> String {
        let sql = render(query_statement(select(spec(table("t", None), vec![(e, None)]))));
        let head = "SELECT ";
        let tail = " FROM \"t\"";
        assert!(sql.starts_with(head) && sql.ends_with(tail), "{sql}");
        sql[head.len()..sql.len() - tail.len()].to_string()
    }

    fn c(a: &str, col_: &str) -> Expr {
        col(Q, &id(a), &id(col_))
    }

    fn p(t: &str) -> Expr {
        placeholder(t.to_string())
    }

    fn simple_query(t: &str, column: &str) -> Query {
        select(spec(table(t, None), vec![(c(t, column), None)]))
    }

    #[test]
    fn leaves() {
        assert_eq!(expr_sql(c("T1", "name")), r#""T1"."name""#);
        assert_eq!(expr_sql(bare(Q, &id("value"))), r#""value""#);
        assert_eq!(expr_sql(p("?")), "?");
        assert_eq!(expr_sql(p("?3")), "?3");
        assert_eq!(expr_sql(p("$3")), "$3");
        assert_eq!(expr_sql(p("?3; DROP TABLE x")), "?");
        assert_eq!(expr_sql(int(1)), "1");
        assert_eq!(expr_sql(int(-1)), "-1");
        assert_eq!(expr_sql(count_star()), "COUNT(*)");
        // A quote character sqlparser would assert on falls back to `"`.
        assert_eq!(col('x', &id("a"), &id("b")).to_string(), r#""a"."b""#);
        assert_eq!(col('`', &id("a"), &id("b")).to_string(), "`a`.`b`");
    }

    #[test]
    fn binops() {
        let cases = [
            (BinOp::Eq, "="),
            (BinOp::NotEq, "<>"),
            (BinOp::Gt, ">"),
            (BinOp::GtEq, ">="),
            (BinOp::Lt, "<"),
            (BinOp::LtEq, "<="),
            (BinOp::And, "AND"),
            (BinOp::Or, "OR"),
            (BinOp::Plus, "+"),
            (BinOp::Minus, "-"),
            (BinOp::Multiply, "*"),
            (BinOp::Divide, "/"),
            (BinOp::Modulo, "%"),
            (BinOp::Concat, "||"),
            (BinOp::Regexp, "REGEXP"),
        ];
        for (op, text) in cases {
            assert_eq!(expr_sql(binop(c("a", "x"), op, p("?"))), format!(r#""a"."x" {text} ?"#));
        }
        // No automatic parentheses: precedence is the caller's job.
        let unparenthesised = binop(c("a", "x"), BinOp::And, binop(c("a", "y"), BinOp::Or, c("a", "z")));
        assert_eq!(expr_sql(unparenthesised), r#""a"."x" AND "a"."y" OR "a"."z""#);
        let parenthesised = binop(c("a", "x"), BinOp::And, nested(binop(c("a", "y"), BinOp::Or, c("a", "z"))));
        assert_eq!(expr_sql(parenthesised), r#""a"."x" AND ("a"."y" OR "a"."z")"#);
    }

    #[test]
    fn predicates() {
        assert_eq!(expr_sql(nested(c("a", "x"))), r#"("a"."x")"#);
        assert_eq!(expr_sql(not(nested(binop(c("a", "x"), BinOp::Eq, p("?"))))), r#"NOT ("a"."x" = ?)"#);
        assert_eq!(expr_sql(is_null(c("a", "x"), false)), r#""a"."x" IS NULL"#);
        assert_eq!(expr_sql(is_null(c("a", "x"), true)), r#""a"."x" IS NOT NULL"#);
        assert_eq!(expr_sql(like_escape(c("a", "x"), p("?1"))), r#""a"."x" LIKE ?1 ESCAPE '\'"#);
        assert_eq!(expr_sql(between(c("a", "x"), p("?"), p("?"))), r#""a"."x" BETWEEN ? AND ?"#);
        assert_eq!(expr_sql(in_list(c("a", "x"), vec![p("?"), p("?")], false)), r#""a"."x" IN (?, ?)"#);
        assert_eq!(expr_sql(in_list(c("a", "x"), vec![p("?")], true)), r#""a"."x" NOT IN (?)"#);
        assert_eq!(expr_sql(in_subquery(c("a", "x"), simple_query("b", "id"), false)), r#""a"."x" IN (SELECT "b"."id" FROM "b")"#);
        assert_eq!(expr_sql(in_subquery(c("a", "x"), simple_query("b", "id"), true)), r#""a"."x" NOT IN (SELECT "b"."id" FROM "b")"#);
        assert_eq!(expr_sql(exists(simple_query("b", "id"), false)), r#"EXISTS (SELECT "b"."id" FROM "b")"#);
        assert_eq!(expr_sql(exists(simple_query("b", "id"), true)), r#"NOT EXISTS (SELECT "b"."id" FROM "b")"#);
        assert_eq!(expr_sql(scalar_subquery(simple_query("b", "id"))), r#"(SELECT "b"."id" FROM "b")"#);
    }

    #[test]
    fn functions_casts_cases() {
        assert_eq!(expr_sql(func("COUNT", vec![c("a", "x")], false)), r#"COUNT("a"."x")"#);
        assert_eq!(expr_sql(func("COUNT", vec![c("a", "x")], true)), r#"COUNT(DISTINCT "a"."x")"#);
        assert_eq!(expr_sql(func("strftime", vec![p("?"), c("a", "d")], false)), r#"strftime(?, "a"."d")"#);
        assert_eq!(expr_sql(func("date", vec![c("a", "d")], false)), r#"date("a"."d")"#);
        assert_eq!(expr_sql(func("bad name()", vec![], false)), "badname()");
        assert_eq!(expr_sql(cast(c("a", "x"), "INTEGER")), r#"CAST("a"."x" AS INTEGER)"#);
        assert_eq!(expr_sql(cast(c("a", "x"), "TEXT")), r#"CAST("a"."x" AS TEXT)"#);
        assert_eq!(expr_sql(cast(c("a", "x"), "DECIMAL(10, 2)")), r#"CAST("a"."x" AS DECIMAL(10, 2))"#);
        assert_eq!(
            expr_sql(case(vec![(binop(c("a", "x"), BinOp::Eq, p("?")), p("?")), (is_null(c("a", "y"), false), int(0))], Some(p("?")))),
            r#"CASE WHEN "a"."x" = ? THEN ? WHEN "a"."y" IS NULL THEN 0 ELSE ? END"#
        );
        assert_eq!(expr_sql(case(vec![(binop(c("a", "x"), BinOp::Gt, int(1)), int(1))], None)), r#"CASE WHEN "a"."x" > 1 THEN 1 END"#);
        assert_eq!(expr_sql(case(vec![], None)), "NULL");
    }

    #[test]
    fn select_full() {
        let s = SelectSpec {
            distinct: true,
            projection: vec![
                (c("book", "id"), None),
                (c("T2", "name"), Some(id("author_name"))),
                (func("COUNT", vec![c("book", "id")], false), Some(id("n"))),
            ],
            from: table("book", Some("book")),
            joins: vec![
                Join { kind: JoinKind::Inner, source: table("author", Some("T2")), on: binop(c("book", "author_id"), BinOp::Eq, c("T2", "id")) },
                Join {
                    kind: JoinKind::LeftOuter,
                    source: table("publisher", None),
                    on: nested(binop(c("book", "publisher_id"), BinOp::Eq, c("publisher", "id"))),
                },
            ],
            selection: Some(binop(c("book", "price"), BinOp::Gt, p("?1"))),
            group_by: vec![c("book", "id"), c("T2", "name")],
            having: Some(binop(bare(Q, &id("n")), BinOp::Gt, p("?2"))),
            order_by: vec![
                OrderItem { expr: bare(Q, &id("n")), desc: true, nulls: None },
                OrderItem { expr: c("book", "id"), desc: false, nulls: None },
            ],
            limit: Some(p("?3")),
            offset: Some(p("?4")),
        };
        assert_eq!(
            render(query_statement(select(s))),
            concat!(
                r#"SELECT DISTINCT "book"."id", "T2"."name" AS "author_name", COUNT("book"."id") AS "n" "#,
                r#"FROM "book" JOIN "author" AS "T2" ON ("book"."author_id" = "T2"."id") "#,
                r#"LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id") "#,
                r#"WHERE "book"."price" > ?1 GROUP BY "book"."id", "T2"."name" HAVING "n" > ?2 "#,
                r#"ORDER BY "n" DESC, "book"."id" ASC LIMIT ?3 OFFSET ?4"#
            )
        );
    }

    #[test]
    fn select_limit_offset_and_sources() {
        let mut s = spec(table("book", Some("U0")), vec![(int(1), Some(id("a")))]);
        s.limit = Some(p("?"));
        assert_eq!(render(query_statement(select(s))), r#"SELECT 1 AS "a" FROM "book" AS "U0" LIMIT ?"#);

        let mut s = spec(table("book", None), vec![(c("book", "id"), None)]);
        s.offset = Some(p("?"));
        assert_eq!(render(query_statement(select(s))), r#"SELECT "book"."id" FROM "book" LIMIT -1 OFFSET ?"#);

        let s = spec(table("book", None), vec![]);
        assert_eq!(render(query_statement(select(s))), r#"SELECT * FROM "book""#);

        let inner = simple_query("book", "id");
        let s = spec(
            Source::Derived { query: inner, alias: id("subquery") },
            vec![(func("COUNT", vec![bare(Q, &id("id"))], false), Some(id("__count")))],
        );
        assert_eq!(render(query_statement(select(s))), r#"SELECT COUNT("id") AS "__count" FROM (SELECT "book"."id" FROM "book") AS "subquery""#);

        let s = spec(Source::Function { name: "json_each", args: vec![p("?")] }, vec![(bare(Q, &id("value")), None)]);
        assert_eq!(render(query_statement(select(s))), r#"SELECT "value" FROM json_each(?)"#);
        // As an IN subquery, as the compiler uses it.
        let s = spec(Source::Function { name: "json_each", args: vec![p("?1")] }, vec![(bare(Q, &id("value")), None)]);
        assert_eq!(expr_sql(in_subquery(c("t", "id"), select(s), false)), r#""t"."id" IN (SELECT "value" FROM json_each(?1))"#);
    }

    #[test]
    fn set_ops() {
        let u = set_op(
            simple_query("a", "id"),
            SetOp::Union,
            simple_query("b", "id"),
            vec![OrderItem { expr: bare(Q, &id("id")), desc: false, nulls: None }],
            Some(p("?")),
            Some(p("?")),
        );
        assert_eq!(render(query_statement(u)), r#"SELECT "a"."id" FROM "a" UNION SELECT "b"."id" FROM "b" ORDER BY "id" ASC LIMIT ? OFFSET ?"#);
        for (op, text) in [(SetOp::UnionAll, "UNION ALL"), (SetOp::Intersect, "INTERSECT"), (SetOp::Except, "EXCEPT")] {
            let q = set_op(simple_query("a", "id"), op, simple_query("b", "id"), vec![], None, None);
            assert_eq!(render(query_statement(q)), format!(r#"SELECT "a"."id" FROM "a" {text} SELECT "b"."id" FROM "b""#));
        }
        // Chaining on the left stays flat.
        let ab = set_op(simple_query("a", "id"), SetOp::Union, simple_query("b", "id"), vec![], None, None);
        let abc = set_op(ab, SetOp::Except, simple_query("c", "id"), vec![], None, None);
        assert_eq!(render(query_statement(abc)), r#"SELECT "a"."id" FROM "a" UNION SELECT "b"."id" FROM "b" EXCEPT SELECT "c"."id" FROM "c""#);
        // Operands with their own LIMIT, and compound right operands, are wrapped.
        let mut limited = spec(table("a", None), vec![(c("a", "id"), None)]);
        limited.limit = Some(p("?"));
        let bc = set_op(simple_query("b", "id"), SetOp::Union, simple_query("c", "id"), vec![], None, None);
        let q = set_op(select(limited), SetOp::Intersect, bc, vec![], None, None);
        assert_eq!(
            render(query_statement(q)),
            concat!(
                r#"SELECT * FROM (SELECT "a"."id" FROM "a" LIMIT ?) INTERSECT "#,
                r#"SELECT * FROM (SELECT "b"."id" FROM "b" UNION SELECT "c"."id" FROM "c")"#
            )
        );
    }

    #[test]
    fn inserts() {
        let cols = [id("a"), id("b")];
        let stmt = insert(Q, &id("t"), &cols, vec![vec![p("?"), p("?")], vec![p("?"), p("?")]], OnConflict::None, vec![c("t", "id")]);
        assert_eq!(render(stmt), r#"INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?) RETURNING "t"."id""#);
        let stmt = insert(Q, &id("t"), &cols, vec![vec![p("?1"), p("?2")]], OnConflict::None, vec![]);
        assert_eq!(render(stmt), r#"INSERT INTO "t" ("a", "b") VALUES (?1, ?2)"#);

        let stmt = insert(Q, &id("t"), &[], vec![vec![]], OnConflict::None, vec![c("t", "id")]);
        assert_eq!(render(stmt), r#"INSERT INTO "t" DEFAULT VALUES RETURNING "t"."id""#);
        let stmt = insert(Q, &id("t"), &[], vec![vec![]], OnConflict::None, vec![]);
        assert_eq!(render(stmt), r#"INSERT INTO "t" DEFAULT VALUES"#);

        let stmt = insert(Q, &id("t"), &cols, vec![vec![p("?"), p("?")]], OnConflict::Ignore { sqlite_or_ignore: true }, vec![]);
        assert_eq!(render(stmt), r#"INSERT OR IGNORE INTO "t" ("a", "b") VALUES (?, ?)"#);
        let stmt = insert(Q, &id("t"), &cols, vec![vec![p("?"), p("?")]], OnConflict::Ignore { sqlite_or_ignore: false }, vec![]);
        assert_eq!(render(stmt), r#"INSERT INTO "t" ("a", "b") VALUES (?, ?) ON CONFLICT DO NOTHING"#);
        let stmt = insert(
            Q,
            &id("t"),
            &cols,
            vec![vec![p("?"), p("?")]],
            OnConflict::Update { target: vec![id("a")], update: vec![id("b"), id("a")] },
            vec![c("t", "id")],
        );
        assert_eq!(
            render(stmt),
            concat!(
                r#"INSERT INTO "t" ("a", "b") VALUES (?, ?) ON CONFLICT("a") DO UPDATE "#,
                r#"SET "b" = EXCLUDED."b", "a" = EXCLUDED."a" RETURNING "t"."id""#
            )
        );
        let stmt = insert(Q, &id("t"), &cols, vec![vec![p("?"), p("?")]], OnConflict::Update { target: vec![id("a")], update: vec![] }, vec![]);
        assert_eq!(render(stmt), r#"INSERT INTO "t" ("a", "b") VALUES (?, ?) ON CONFLICT("a") DO NOTHING"#);
    }

    #[test]
    fn updates_and_deletes() {
        let stmt = update(
            Q,
            &id("t"),
            vec![(id("a"), p("?")), (id("b"), binop(bare(Q, &id("b")), BinOp::Plus, int(1)))],
            Some(in_list(bare(Q, &id("id")), vec![p("?"), p("?")], false)),
        );
        assert_eq!(render(stmt), r#"UPDATE "t" SET "a" = ?, "b" = "b" + 1 WHERE "id" IN (?, ?)"#);
        let stmt = update(Q, &id("t"), vec![(id("a"), p("?"))], None);
        assert_eq!(render(stmt), r#"UPDATE "t" SET "a" = ?"#);

        let stmt = delete(Q, &id("t"), Some(binop(bare(Q, &id("id")), BinOp::Eq, p("?"))));
        assert_eq!(render(stmt), r#"DELETE FROM "t" WHERE "id" = ?"#);
        assert_eq!(render(delete(Q, &id("t"), None)), r#"DELETE FROM "t""#);
    }

    fn column(name: &str, type_name: &str) -> ColumnSpec {
        ColumnSpec {
            name: id(name),
            type_name: type_name.to_string(),
            not_null: true,
            primary_key: false,
            autoincrement: false,
            unique: false,
            references: None,
        }
    }

    #[test]
    fn ddl() {
        let mut pk = column("id", "integer");
        pk.primary_key = true;
        pk.autoincrement = true;
        let mut name = column("name", "varchar(100)");
        name.unique = true;
        let mut author = column("author_id", "bigint");
        author.references = Some(References { table: id("author"), column: id("id"), on_delete: None, deferrable: true });
        let mut editor = column("editor_id", "bigint");
        editor.not_null = false;
        editor.references = Some(References { table: id("author"), column: id("id"), on_delete: Some(FkAction::Cascade), deferrable: false });
        let stmt = create_table(
            Q,
            &id("book"),
            true,
            vec![pk, name, author, editor, column("price", "decimal"), column("code", "char(32)")],
            vec![vec![id("name"), id("author_id")]],
        );
        assert_eq!(
            render(stmt),
            concat!(
                r#"CREATE TABLE IF NOT EXISTS "book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "#,
                r#""name" varchar(100) NOT NULL UNIQUE, "#,
                r#""author_id" bigint NOT NULL REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED, "#,
                r#""editor_id" bigint REFERENCES "author" ("id") ON DELETE CASCADE, "#,
                r#""price" decimal NOT NULL, "code" char(32) NOT NULL, UNIQUE ("name", "author_id"))"#
            )
        );
        for (action, text) in [
            (FkAction::SetNull, "SET NULL"),
            (FkAction::SetDefault, "SET DEFAULT"),
            (FkAction::Restrict, "RESTRICT"),
            (FkAction::NoAction, "NO ACTION"),
        ] {
            let mut fk = column("x_id", "bigint");
            fk.references = Some(References { table: id("x"), column: id("id"), on_delete: Some(action), deferrable: true });
            assert_eq!(
                render(create_table(Q, &id("t"), false, vec![fk], vec![])),
                format!(r#"CREATE TABLE "t" ("x_id" bigint NOT NULL REFERENCES "x" ("id") ON DELETE {text} DEFERRABLE INITIALLY DEFERRED)"#)
            );
        }
        let types = ["real", "text", "bool", "date", "datetime", "blob", "double precision", "decimal(10, 2)"];
        for t in types {
            let mut col_ = column("c", t);
            col_.not_null = false;
            assert_eq!(render(create_table(Q, &id("t"), false, vec![col_], vec![])), format!(r#"CREATE TABLE "t" ("c" {t})"#));
        }
        // An empty type name gives a typeless column.
        let mut typeless = column("c", "");
        typeless.not_null = false;
        assert_eq!(render(create_table(Q, &id("t"), false, vec![typeless], vec![])), r#"CREATE TABLE "t" ("c")"#);
        // A malformed type name (a compiler bug) cannot inject SQL.
        let mut bad = column("c", "text); DROP TABLE x; --");
        bad.not_null = false;
        assert_eq!(render(create_table(Q, &id("t"), false, vec![bad], vec![])), r#"CREATE TABLE "t" ("c" text)"#);

        assert_eq!(
            render(create_index(Q, &id("book_name_idx"), &id("book"), &[id("name")], false, true)),
            r#"CREATE INDEX IF NOT EXISTS "book_name_idx" ON "book"("name")"#
        );
        assert_eq!(render(create_index(Q, &id("u"), &id("book"), &[id("a"), id("b")], true, false)), r#"CREATE UNIQUE INDEX "u" ON "book"("a","b")"#);
    }

    #[test]
    fn autoincrement_token_matches_make_keyword() {
        let built = column_def(
            Q,
            ColumnSpec {
                name: id("id"),
                type_name: "integer".to_string(),
                not_null: false,
                primary_key: false,
                autoincrement: true,
                unique: false,
                references: None,
            },
        );
        assert_eq!(built.options[0].option, ColumnOption::DialectSpecific(vec![Token::make_keyword("AUTOINCREMENT")]));
    }

    /// The vendored sqlparser's patches (vendor/sqlparser/QUARRY-PATCHES.md)
    /// print what the release printed.
    #[test]
    fn vendored_sqlparser_patches_print_the_same() {
        // Column types are custom names (`integer_`), as Quarry writes
        // every type: the parser reads `INTEGER` as a `DataType` of its
        // own, which does not print (patch 8).
        for sql in [
            "CREATE TABLE t (a integer_ ON CONFLICT REPLACE, b integer_ ON CONFLICT IGNORE)",
            "CREATE TABLE t (a text_ ON CONFLICT ROLLBACK, b text_ ON CONFLICT ABORT, c text_ ON CONFLICT FAIL, d)",
            "CREATE TABLE t (a integer_ PRIMARY KEY AUTOINCREMENT, b decimal_(10, 2))",
            "SELECT * FROM t ORDER BY a ASC NULLS FIRST",
            "SELECT COUNT(*), SUM(a) FILTER (WHERE a > 1) OVER (PARTITION BY b) FROM t AS u",
            "SELECT CAST(a AS integer_) FROM t GROUP BY a, b",
            "CREATE TABLE t (a integer_, b integer_, UNIQUE (a, b))",
            "CREATE UNIQUE INDEX IF NOT EXISTS i ON t(a,b)",
            "INSERT INTO t (a) VALUES (1) ON CONFLICT(a) DO UPDATE SET a = EXCLUDED.a RETURNING a",
            "INSERT OR IGNORE INTO t (a) VALUES (1)",
            "INSERT INTO t DEFAULT VALUES",
            "SELECT a + b - c * d / e % f FROM t WHERE a >= 1 AND b <= 2 AND c < 3 AND d > 4 OR NOT e <> 5",
            "DELETE FROM t WHERE a = 1 AND b || c = 'x'",
            "DELETE FROM t",
            "CREATE TABLE t (a integer_ REFERENCES u (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)",
        ] {
            let parsed = Parser::parse_sql(&SQLiteDialect {}, sql).unwrap();
            assert_eq!(parsed[0].to_string(), sql);
        }
    }

    /// Patch 3: statements, expressions and table factors outside what this
    /// module builds do not print (their `Display` code is not linked).
    #[test]
    fn vendored_sqlparser_prints_only_what_quarry_builds() {
        use std::fmt::Write;
        for sql in [
            "DROP TABLE t",
            "SELECT EXTRACT(YEAR FROM a) FROM t",
            "SELECT * FROM (t1 JOIN t2 ON 1)",
            // Patch 6: wildcard options, WITH FILL, table hints and
            // versions, function clauses, WITHIN GROUP, null treatment.
            "SELECT * EXCLUDE (a) FROM t",
            "SELECT * REPLACE (a AS b) FROM t",
            "SELECT a FROM t ORDER BY a WITH FILL",
            "SELECT a FROM t WITH (NOLOCK)",
            "SELECT a FROM t FOR SYSTEM_TIME AS OF '2020-01-01'",
            "SELECT a FROM t PARTITION (p0)",
            "SELECT ARRAY_AGG(a ORDER BY a) FROM t",
            "SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY a) FROM t",
            "SELECT FIRST_VALUE(a) IGNORE NULLS OVER () FROM t",
            // Patch 7: INSERT, table constraints and CREATE INDEX extras.
            "INSERT LOW_PRIORITY INTO t (a) VALUES (1)",
            "INSERT IGNORE INTO t (a) VALUES (1)",
            "INSERT INTO t AS u (a) VALUES (1)",
            "INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2",
            "CREATE TABLE t (a INTEGER, PRIMARY KEY (a))",
            "CREATE TABLE t (a INTEGER, CONSTRAINT u UNIQUE (a))",
            "CREATE TABLE t (a INTEGER, CHECK (a > 0))",
            "CREATE TABLE t (a INTEGER, FOREIGN KEY (a) REFERENCES u(id))",
            "CREATE INDEX i ON t(a) WHERE a > 0",
            "CREATE INDEX CONCURRENTLY i ON t(a)",
            // Patch 8: types other than custom names, casts other than
            // CAST, GROUP BY ALL and its modifiers.
            "CREATE TABLE t (a INTEGER)",
            "SELECT CAST(a AS TEXT) FROM t",
            "SELECT TRY_CAST(a AS b) FROM t",
            "SELECT a::b FROM t",
            "SELECT a FROM t GROUP BY ALL",
            "SELECT a FROM t GROUP BY a WITH ROLLUP",
            // Patch 9: other binary operators, DELETE's extras.
            "SELECT a & b FROM t",
            "SELECT a -> 'b' FROM t",
            "DELETE FROM t WHERE a = 1 RETURNING a",
            "DELETE FROM t USING u WHERE t.a = u.a",
            "DELETE FROM t ORDER BY a LIMIT 1",
            // Patch 10: constraint characteristics other than DEFERRABLE INITIALLY DEFERRED.
            "CREATE TABLE t (a integer_ REFERENCES u(id) DEFERRABLE INITIALLY IMMEDIATE)",
            "CREATE TABLE t (a integer_ REFERENCES u(id) NOT DEFERRABLE)",
        ] {
            use sqlparser::dialect::{BigQueryDialect, Dialect, GenericDialect, MySqlDialect, PostgreSqlDialect};
            let dialects: [&dyn Dialect; 5] = [&SQLiteDialect {}, &GenericDialect {}, &BigQueryDialect {}, &MySqlDialect {}, &PostgreSqlDialect {}];
            let parsed = dialects.iter().find_map(|d| Parser::parse_sql(*d, sql).ok()).unwrap_or_else(|| panic!("{sql} does not parse"));
            let mut out = String::new();
            assert!(write!(out, "{}", parsed[0]).is_err(), "{sql} printed as {out}");
        }
        // Patch 5: a dialect-specific column option prints words only.
        let mut out = String::new();
        assert!(write!(out, "{}", ColumnOption::DialectSpecific(vec![Token::make_keyword("AUTOINCREMENT"), Token::Comma])).is_err());
    }

    #[test]
    fn explains() {
        let q = query_statement(simple_query("book", "id"));
        assert_eq!(render(explain(q, true)), r#"EXPLAIN QUERY PLAN SELECT "book"."id" FROM "book""#);
        let q = query_statement(simple_query("book", "id"));
        assert_eq!(render(explain(q, false)), r#"EXPLAIN SELECT "book"."id" FROM "book""#);
    }
}
