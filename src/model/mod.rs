//! Models: fields, their database types and value conversion, and the
//! registry that resolves relations by model name.

pub mod schema;

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::ident::Ident;
use crate::value::{db_datetime, format_date, format_datetime, parse_date, parse_datetime, Input, Value};

/// The kinds of field API.md lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Auto-incrementing integer primary key.
    Auto,
    /// Auto-incrementing 64-bit primary key.
    BigAuto,
    /// Integer.
    Integer,
    /// 64-bit integer.
    BigInteger,
    /// Float.
    Float,
    /// Decimal, a string in JavaScript.
    Decimal,
    /// Bounded text.
    Char,
    /// Text.
    Text,
    /// Boolean, stored 0/1.
    Boolean,
    /// `YYYY-MM-DD` text.
    Date,
    /// ISO-8601 UTC text, a `Date` in JavaScript.
    DateTime,
    /// JSON text.
    Json,
    /// 32 hex digits.
    Uuid,
    /// Bytes.
    Binary,
    /// Many-to-one, stored as `<name>_id`.
    ForeignKey,
    /// One-to-one, stored as `<name>_id`.
    OneToOne,
    /// Many-to-many, through a join table.
    ManyToMany,
}

impl FieldKind {
    /// Parse the `fields.XxxField` kind name.
    pub fn from_name(name: &str) -> Option<FieldKind> {
        Some(match name {
            "AutoField" => FieldKind::Auto,
            "BigAutoField" => FieldKind::BigAuto,
            "IntegerField" => FieldKind::Integer,
            "BigIntegerField" => FieldKind::BigInteger,
            "FloatField" => FieldKind::Float,
            "DecimalField" => FieldKind::Decimal,
            "CharField" => FieldKind::Char,
            "TextField" => FieldKind::Text,
            "BooleanField" => FieldKind::Boolean,
            "DateField" => FieldKind::Date,
            "DateTimeField" => FieldKind::DateTime,
            "JSONField" => FieldKind::Json,
            "UUIDField" => FieldKind::Uuid,
            "BinaryField" => FieldKind::Binary,
            "ForeignKey" => FieldKind::ForeignKey,
            "OneToOneField" => FieldKind::OneToOne,
            "ManyToManyField" => FieldKind::ManyToMany,
            _ => return None,
        })
    }

    /// Django's class name for messages.
    pub fn class_name(self) -> &'static str {
        match self {
            FieldKind::Auto => "AutoField",
            FieldKind::BigAuto => "BigAutoField",
            FieldKind::Integer => "IntegerField",
            FieldKind::BigInteger => "BigIntegerField",
            FieldKind::Float => "FloatField",
            FieldKind::Decimal => "DecimalField",
            FieldKind::Char => "CharField",
            FieldKind::Text => "TextField",
            FieldKind::Boolean => "BooleanField",
            FieldKind::Date => "DateField",
            FieldKind::DateTime => "DateTimeField",
            FieldKind::Json => "JSONField",
            FieldKind::Uuid => "UUIDField",
            FieldKind::Binary => "BinaryField",
            FieldKind::ForeignKey => "ForeignKey",
            FieldKind::OneToOne => "OneToOneField",
            FieldKind::ManyToMany => "ManyToManyField",
        }
    }

    /// Does this kind hold a relation?
    pub fn is_relation(self) -> bool {
        matches!(self, FieldKind::ForeignKey | FieldKind::OneToOne | FieldKind::ManyToMany)
    }

    /// Is this an integer-valued kind?
    pub fn is_integer(self) -> bool {
        matches!(self, FieldKind::Auto | FieldKind::BigAuto | FieldKind::Integer | FieldKind::BigInteger)
    }

    /// Do LIKE-based lookups make sense (text kinds)?
    pub fn is_text(self) -> bool {
        matches!(self, FieldKind::Char | FieldKind::Text | FieldKind::Uuid)
    }
}

/// What a relation does when its target is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDelete {
    /// Delete the referring rows too.
    Cascade,
    /// Set the column to NULL.
    SetNull,
    /// Set the column to its default.
    SetDefault,
    /// Refuse (`ProtectedError`).
    Protect,
    /// Refuse unless the referring rows are deleted by a cascade too (`RestrictedError`).
    Restrict,
    /// Leave it to the database.
    DoNothing,
}

impl OnDelete {
    fn parse(s: &str) -> Result<OnDelete> {
        Ok(match s {
            "CASCADE" => OnDelete::Cascade,
            "SET_NULL" => OnDelete::SetNull,
            "SET_DEFAULT" => OnDelete::SetDefault,
            "PROTECT" => OnDelete::Protect,
            "RESTRICT" => OnDelete::Restrict,
            "DO_NOTHING" => OnDelete::DoNothing,
            other => {
                return Err(Error::value(format!(
                    "onDelete must be one of \"CASCADE\", \"SET_NULL\", \"SET_DEFAULT\", \"PROTECT\", \"RESTRICT\", \"DO_NOTHING\"; got \"{other}\""
                )))
            }
        })
    }
}

/// A field as declared in JavaScript (`fields.CharField({ maxLength: 100 })`).
#[derive(Clone, Debug, Default)]
pub struct FieldSpec {
    /// `CharField`, `ForeignKey`, ...
    pub kind: String,
    /// `null: true`.
    pub null: bool,
    /// `unique: true`.
    pub unique: bool,
    /// `primaryKey: true`.
    pub primary_key: bool,
    /// `dbColumn`.
    pub db_column: Option<String>,
    /// `dbIndex: true`.
    pub db_index: Option<bool>,
    /// `maxLength`.
    pub max_length: Option<u32>,
    /// `maxDigits` (DecimalField).
    pub max_digits: Option<u32>,
    /// `decimalPlaces` (DecimalField).
    pub decimal_places: Option<u32>,
    /// `choices`: allowed values.
    pub choices: Option<Vec<Input>>,
    /// Whether a `default` was given (the value itself stays in JavaScript).
    pub has_default: bool,
    /// A default that is a plain value, used for SET_DEFAULT.
    pub default: Option<Input>,
    /// Relation target model name.
    pub to: Option<String>,
    /// `relatedName`.
    pub related_name: Option<String>,
    /// `onDelete`.
    pub on_delete: Option<String>,
    /// `through` model name (ManyToManyField).
    pub through: Option<String>,
}

/// Relation data of a ForeignKey, OneToOneField or ManyToManyField.
#[derive(Clone, Debug, PartialEq)]
pub struct Rel {
    /// Target model name (resolved through the registry when used).
    pub target: Rc<str>,
    /// `relatedName`, if given.
    pub related_name: Option<Rc<str>>,
    /// `onDelete` (FK and O2O).
    pub on_delete: OnDelete,
    /// Explicit through model (M2M).
    pub through: Option<Rc<str>>,
}

/// A concrete or relation field of a model.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The field name as written (`pubDate`, `author`).
    pub name: Rc<str>,
    /// The attribute holding the stored value (`author_id` for a ForeignKey).
    pub attname: Rc<str>,
    /// The column; `None` for ManyToManyField.
    pub column: Option<Ident>,
    /// Kind.
    pub kind: FieldKind,
    /// Nullable.
    pub null: bool,
    /// Unique.
    pub unique: bool,
    /// Primary key.
    pub primary_key: bool,
    /// Gets an index.
    pub db_index: bool,
    /// `maxLength`.
    pub max_length: Option<u32>,
    /// `decimalPlaces`.
    pub decimal_places: Option<u32>,
    /// `maxDigits`.
    pub max_digits: Option<u32>,
    /// Allowed values.
    pub choices: Option<Vec<Input>>,
    /// Has a default.
    pub has_default: bool,
    /// A plain default value (for SET_DEFAULT).
    pub default: Option<Input>,
    /// Relation data.
    pub rel: Option<Rel>,
}

/// A model: a table and its fields.
#[derive(Debug)]
pub struct Model {
    /// Position in the registry.
    pub id: usize,
    /// Model name (`Author`).
    pub name: Rc<str>,
    /// Table name.
    pub table: Ident,
    /// Fields in declaration order (the pk first when implicit).
    pub fields: Vec<Field>,
    /// Index of the primary key in `fields`.
    pub pk: usize,
    /// `Meta.ordering`.
    pub ordering: Vec<String>,
    /// `Meta.getLatestBy`.
    pub get_latest_by: Vec<String>,
    /// Auto-created through model for an M2M field: (owner model, field name).
    pub auto_through: Option<(Rc<str>, Rc<str>)>,
}

impl Model {
    /// The primary key field.
    pub fn pk_field(&self) -> &Field {
        self.field_at(self.pk)
    }

    /// The field at index `i` (an index the registry gave: `pk`, a through
    /// model's keys, a reverse relation's field). One shared bounds check.
    #[inline(never)]
    pub fn field_at(&self, i: usize) -> &Field {
        &self.fields[i]
    }

    /// The primary key column.
    pub fn pk_column(&self) -> &Ident {
        // The pk is never a ManyToManyField (checked at definition).
        match &self.pk_field().column {
            Some(c) => c,
            None => &self.table,
        }
    }

    /// Look a field up by name, attname (`author_id`) or `pk`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        if name == "pk" {
            return Some(self.pk_field());
        }
        self.fields.iter().find(|f| &*f.name == name).or_else(|| self.fields.iter().find(|f| &*f.attname == name))
    }

    /// Fields stored in columns of this table, in order.
    pub fn concrete_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.column.is_some())
    }
}

impl Field {
    /// The column (for concrete fields).
    pub fn col(&self) -> Result<&Ident> {
        self.column.as_ref().ok_or_else(|| Error::field(format!("Field '{}' has no column of its own.", self.name)))
    }

    /// The JS-side label used in messages (`Field 'pages'`).
    fn label(&self) -> String {
        format!("Field '{}'", self.name)
    }

    /// Convert a user value into the value stored in this field's column
    /// (Django's `get_db_prep_value`). `target_pk` is the referenced primary
    /// key field for relations.
    pub fn to_db(&self, v: &Input, target_pk: Option<&Field>) -> Result<Value> {
        if v.is_nullish() {
            return Ok(Value::Null);
        }
        if let Input::Instance { model, pk } = v {
            if let Some(rel) = &self.rel {
                if **model != *rel.target {
                    return Err(Error::value(format!("Cannot query \"{}\": Must be \"{}\" instance.", v.repr(), rel.target)));
                }
                if pk.is_nullish() {
                    return Err(Error::value("Model instances passed to related filters must be saved."));
                }
                return self.to_db(pk, target_pk);
            }
            if self.primary_key {
                return self.to_db(pk, target_pk);
            }
        }
        let bad = |what: &str| Error::value(format!("{} expected {what} but got {}.", self.label(), v.repr()));
        // Django's ValidationError texts quote the value as str() shows it
        // (rendered only for an error: repr() of a number asks JavaScript).
        let invalid = |msg: &str| {
            let shown = match v {
                Input::Str(s) => s.clone(),
                other => other.repr(),
            };
            Error::validation(format!("\u{201c}{shown}\u{201d} {msg}"))
        };
        Ok(match self.kind {
            FieldKind::ForeignKey | FieldKind::OneToOne | FieldKind::ManyToMany => match target_pk {
                // Django reports the target's primary key: "Field 'id' expected a number but got 'abc'."
                Some(pk) => return pk.to_db(v, None),
                None => return Err(bad("a related primary key")),
            },
            k if k.is_integer() => Value::Int(to_int(v).ok_or_else(|| bad("a number"))?),
            FieldKind::Float => Value::Real(to_float(v).ok_or_else(|| bad("a number"))?),
            FieldKind::Decimal => Value::Text(to_decimal(v).ok_or_else(|| invalid("value must be a decimal number."))?),
            FieldKind::Char | FieldKind::Text => Value::Text(match v {
                Input::Str(s) => s.clone(),
                Input::Num(n) => crate::value::fmt_num(*n),
                Input::BigInt(n) => n.to_string(),
                Input::Bool(b) => if *b { "True" } else { "False" }.to_string(),
                _ => return Err(bad("a string")),
            }),
            FieldKind::Boolean => Value::Int(match v {
                Input::Bool(b) => *b as i64,
                Input::Num(n) if *n == 0.0 || *n == 1.0 => *n as i64,
                _ => return Err(invalid("value must be either True or False.")),
            }),
            FieldKind::Date => Value::Text(match v {
                Input::Str(s) => {
                    let shaped = s.len() == 10 && s.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
                    let (y, m, d) = parse_date(s).ok_or_else(|| {
                        if shaped {
                            invalid("value has the correct format (YYYY-MM-DD) but it is an invalid date.")
                        } else {
                            invalid("value has an invalid date format. It must be in YYYY-MM-DD format.")
                        }
                    })?;
                    format_date(y, m, d)
                }
                Input::Date(ms) => {
                    format_datetime(*ms).and_then(|s| s.get(..10).map(str::to_string)).ok_or_else(|| invalid("value is an invalid date."))?
                }
                _ => return Err(invalid("value has an invalid date format. It must be in YYYY-MM-DD format.")),
            }),
            FieldKind::DateTime => Value::Text(
                match v {
                    Input::Date(ms) => db_datetime(*ms),
                    Input::Str(s) => parse_datetime(s).and_then(db_datetime),
                    _ => None,
                }
                .ok_or_else(|| invalid("value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."))?,
            ),
            FieldKind::Json => Value::Text(crate::value::py_json(&v.to_json().ok_or_else(|| bad("a JSON-serialisable value"))?)),
            FieldKind::Uuid => match v {
                Input::Str(s) => {
                    let hex = crate::text::replace(s, "-", "").to_ascii_lowercase();
                    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                        return Err(invalid("is not a valid UUID."));
                    }
                    Value::Text(hex)
                }
                _ => return Err(bad("a UUID string")),
            },
            FieldKind::Binary => match v {
                Input::Bytes(b) => Value::Blob(b.clone()),
                _ => return Err(bad("a Uint8Array")),
            },
            _ => return Err(bad("a value")),
        })
    }
}

fn to_int(v: &Input) -> Option<i64> {
    match v {
        Input::Num(n) if n.is_finite() && n.fract() == 0.0 && n.abs() <= 9.007_199_254_740_991e15 => Some(*n as i64),
        Input::Num(n) if n.is_finite() && n.abs() <= 9.007_199_254_740_991e15 => Some(n.trunc() as i64),
        Input::BigInt(n) => Some(*n),
        Input::Bool(b) => Some(*b as i64),
        Input::Str(s) => crate::value::parse_i64(s.trim()),
        _ => None,
    }
}

fn to_float(v: &Input) -> Option<f64> {
    match v {
        Input::Num(n) => Some(*n),
        Input::BigInt(n) => Some(*n as f64),
        Input::Bool(b) => Some(*b as i64 as f64),
        Input::Str(s) => crate::value::parse_num(s),
        _ => None,
    }
}

/// Normalise a decimal given as a string or number to a plain decimal string.
#[inline(never)]
fn to_decimal(v: &Input) -> Option<String> {
    let s = match v {
        Input::Str(s) => s.trim().to_string(),
        Input::Num(n) if n.is_finite() => crate::value::fmt_num(*n),
        Input::BigInt(n) => n.to_string(),
        _ => return None,
    };
    let body = crate::value::unsigned(&s);
    let (int, frac) = crate::text::split_once(body, ".").unwrap_or((body, ""));
    let ok = !(int.is_empty() && frac.is_empty()) && int.chars().all(|c| c.is_ascii_digit()) && frac.chars().all(|c| c.is_ascii_digit());
    ok.then_some(s)
}

/// Which SQL dialect to emit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite / D1: `"` quotes, `?` placeholders.
    Sqlite,
    /// PostgreSQL: `"` quotes, `$N` placeholders.
    Postgres,
}

/// Settings that shape compilation for one database.
#[derive(Clone, Debug)]
pub struct Config {
    /// Dialect.
    pub dialect: Dialect,
    /// Whether the host provides a `REGEXP` function (D1 does not).
    pub regexp: bool,
    /// Most bound parameters in one statement (D1: 100).
    pub max_params: usize,
    /// Longest LIKE pattern in bytes the host accepts (D1: 50); longer
    /// patterns compile to the equivalent `lower()`/`instr()` comparisons.
    pub max_like_bytes: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config { dialect: Dialect::Sqlite, regexp: true, max_params: 100, max_like_bytes: 50 }
    }
}

/// The models of one database. Append-only: models are defined, never removed.
#[derive(Debug, Default)]
pub struct Registry {
    /// Compilation settings.
    pub config: Config,
    models: RefCell<Vec<Rc<Model>>>,
}

/// A relation reachable from the other side (`author.books`).
#[derive(Clone, Debug)]
pub struct ReverseRel {
    /// The name used in lookups (`books`, or `book` by default).
    pub query_name: Rc<str>,
    /// The accessor on instances (`books`, or `book_set` by default).
    pub accessor: Rc<str>,
    /// The model holding the field.
    pub model: Rc<Model>,
    /// The field's index in that model.
    pub field: usize,
    /// Hidden relations (`relatedName` starting with `+`, auto-created through tables)
    /// are not reachable by name, but deletion still follows them.
    pub hidden: bool,
}

impl Registry {
    /// A registry with the given settings.
    pub fn new(config: Config) -> Registry {
        Registry { config, models: RefCell::new(Vec::new()) }
    }

    /// All models, in definition order (the one shared borrow).
    #[inline(never)]
    pub fn models(&self) -> Vec<Rc<Model>> {
        self.models.borrow().clone()
    }

    /// The models to change (the one shared mutable borrow).
    #[inline(never)]
    fn models_mut(&self) -> std::cell::RefMut<'_, Vec<Rc<Model>>> {
        self.models.borrow_mut()
    }

    /// A model by name. A borrow, not a copy of the list: this runs for
    /// every relation a query resolves. (`models` is mutably borrowed only
    /// inside `define`, which calls nothing that reads it.)
    pub fn get(&self, name: &str) -> Option<Rc<Model>> {
        let models = self.models.try_borrow().ok()?;
        models.iter().find(|m| &*m.name == name).cloned()
    }

    /// A model by name, or a clear error naming the missing model.
    pub fn require(&self, name: &str, from: &str) -> Result<Rc<Model>> {
        self.get(name).ok_or_else(|| {
            Error::field(format!(
                "Field '{from}' refers to model '{name}', which has not been defined. Define it with db.model(\"{name}\", ...) before querying."
            ))
        })
    }

    /// The target model of a relation field.
    pub fn target(&self, f: &Field) -> Result<Rc<Model>> {
        match &f.rel {
            Some(rel) => self.require(&rel.target, &f.name),
            None => Err(Error::field(format!("Field '{}' is not a relation.", f.name))),
        }
    }

    /// The primary key field of a relation's target, or of its target's
    /// target while that key is a relation itself (a one-to-one parent link,
    /// `Chef.restaurant` -> `Restaurant.place` -> `Place.id`): the field whose
    /// values the column holds. A cycle of such keys stops after 64 hops
    /// (migrate() names it).
    pub fn target_pk(&self, f: &Field) -> Result<Option<Field>> {
        if !f.kind.is_relation() {
            return Ok(None);
        }
        let mut pk = self.target(f)?.pk_field().clone();
        for _ in 0..64 {
            if !pk.kind.is_relation() {
                break;
            }
            pk = self.target(&pk)?.pk_field().clone();
        }
        Ok(Some(pk))
    }

    /// Relations pointing at `model` from other models (and itself).
    pub fn reverse_relations(&self, model: &Model) -> Vec<ReverseRel> {
        let mut out = Vec::new();
        for m in self.models() {
            for (i, f) in m.fields.iter().enumerate() {
                let Some(rel) = &f.rel else { continue };
                if *rel.target != *model.name {
                    continue;
                }
                let lower = m.name.to_ascii_lowercase();
                let (query_name, accessor): (Rc<str>, Rc<str>) = match &rel.related_name {
                    Some(r) => (r.clone(), r.clone()),
                    None if f.kind == FieldKind::OneToOne => (lower.clone().into(), lower.into()),
                    None => (lower.clone().into(), format!("{lower}_set").into()),
                };
                let hidden = query_name.starts_with('+');
                out.push(ReverseRel { query_name, accessor, model: m.clone(), field: i, hidden });
            }
        }
        out
    }

    /// The first relation pointing at `model` that `pred` accepts (one
    /// search loop for every caller: no iterator code per predicate).
    #[allow(clippy::manual_find)]
    pub fn find_reverse(&self, model: &Model, pred: &dyn Fn(&ReverseRel) -> bool) -> Option<ReverseRel> {
        for r in self.reverse_relations(model) {
            if pred(&r) {
                return Some(r);
            }
        }
        None
    }

    /// The visible relation pointing at `model` whose lookup name (or, with
    /// `accessor`, whose accessor) is `name`.
    pub fn reverse_named(&self, model: &Model, name: &str, accessor: bool) -> Option<ReverseRel> {
        self.find_reverse(model, &|r| !r.hidden && (&*r.query_name == name || (accessor && &*r.accessor == name)))
    }

    /// Define a model. Relations are resolved by name when used, so models may
    /// refer to models defined later.
    pub fn define(
        &self,
        name: &str,
        fields: Vec<(String, FieldSpec)>,
        table: Option<String>,
        ordering: Vec<String>,
        get_latest_by: Vec<String>,
    ) -> Result<Rc<Model>> {
        Ident::new(name, "Model name")?;
        if self.get(name).is_some() {
            return Err(Error::value(format!("A model named '{name}' is already defined on this database.")));
        }
        let table = Ident::new(table.as_deref().unwrap_or(&name.to_ascii_lowercase()), "Table name")?;
        let mut out: Vec<Field> = Vec::new();
        for (fname, spec) in &fields {
            out.push(build_field(name, fname, spec)?);
        }
        let mut pks: Vec<usize> = Vec::new();
        for (i, f) in out.iter().enumerate() {
            if f.primary_key {
                pks.push(i);
            }
        }
        let pk = match pks.as_slice() {
            [] => {
                if out.iter().any(|f| &*f.name == "id") {
                    return Err(Error::value(format!(
                        "Model '{name}' has a field named 'id' that is not the primary key: add primaryKey: true to it, or rename it."
                    )));
                }
                out.insert(0, build_field(name, "id", &FieldSpec { kind: "AutoField".into(), primary_key: true, ..Default::default() })?);
                0
            }
            [one] => *one,
            _ => return Err(Error::value(format!("Model '{name}' can't have more than one primary key."))),
        };
        if out.get(pk).is_some_and(|f| f.kind == FieldKind::ManyToMany) {
            return Err(Error::value(format!("Model '{name}': a ManyToManyField cannot be the primary key.")));
        }
        let mut columns: Vec<&str> = Vec::new();
        for f in &out {
            if let Some(c) = &f.column {
                if columns.contains(&c.as_str()) {
                    return Err(Error::value(format!("Model '{name}': more than one field uses the column '{c}'.")));
                }
                columns.push(c.as_str());
            }
        }
        let mut models = self.models_mut();
        let model = Rc::new(Model { id: models.len(), name: name.into(), table, fields: out, pk, ordering, get_latest_by, auto_through: None });
        models.push(model.clone());
        // Auto-created through tables for ManyToManyFields without `through`.
        let mut m2m: Vec<Field> = Vec::new();
        for f in model.fields.iter() {
            if f.kind != FieldKind::ManyToMany {
                continue;
            }
            m2m.push(f.clone());
        }
        drop(models);
        for f in m2m {
            if let Some(rel) = &f.rel {
                if rel.through.is_none() {
                    self.define_auto_through(&model, &f, rel)?;
                }
            }
        }
        Ok(model)
    }

    #[inline(never)]
    fn define_auto_through(&self, owner: &Rc<Model>, f: &Field, rel: &Rel) -> Result<()> {
        let through_name = format!("{}_{}", owner.name, f.name);
        let table = format!("{}_{}", owner.table, f.name);
        let owner_lower = owner.name.to_ascii_lowercase();
        let target_lower = rel.target.to_ascii_lowercase();
        let (from, to) =
            if owner_lower == target_lower { (format!("from_{owner_lower}"), format!("to_{target_lower}")) } else { (owner_lower, target_lower) };
        let fk = |target: &str| FieldSpec {
            kind: "ForeignKey".into(),
            to: Some(target.to_string()),
            on_delete: Some("CASCADE".into()),
            related_name: Some(format!("+{through_name}")),
            ..Default::default()
        };
        let fields = vec![(from, fk(&owner.name)), (to, fk(&rel.target))];
        let m = self.define(&through_name, fields, Some(table), vec![], vec![])?;
        // Mark it auto-created (models are immutable once shared, so rebuild the entry).
        let mut models = self.models_mut();
        if let Some(slot) = models.get_mut(m.id) {
            let rebuilt = Model {
                id: m.id,
                name: m.name.clone(),
                table: m.table.clone(),
                fields: m.fields.clone(),
                pk: m.pk,
                ordering: vec![],
                get_latest_by: vec![],
                auto_through: Some((owner.name.clone(), f.name.clone())),
            };
            *slot = Rc::new(rebuilt);
        }
        Ok(())
    }

    /// The through model of an M2M field and its two FK field indexes
    /// (pointing at the owner, pointing at the target).
    pub fn through(&self, owner: &Model, f: &Field) -> Result<(Rc<Model>, usize, usize)> {
        let rel = f.rel.as_ref().ok_or_else(|| Error::field(format!("Field '{}' is not a relation.", f.name)))?;
        let through = match &rel.through {
            Some(t) => self.require(t, &f.name)?,
            None => self.require(&format!("{}_{}", owner.name, f.name), &f.name)?,
        };
        let mut fks: Vec<usize> = Vec::new();
        for (i, tf) in through.fields.iter().enumerate() {
            if matches!(tf.kind, FieldKind::ForeignKey | FieldKind::OneToOne) {
                fks.push(i);
            }
        }
        let points = |i: usize, name: &str| through.field_at(i).rel.as_ref().map(|r| &*r.target == name).unwrap_or(false);
        let (mut src, mut dst) = (None, None);
        for &i in &fks {
            if src.is_none() && points(i, &owner.name) {
                src = Some(i);
            }
        }
        for &i in &fks {
            if dst.is_none() && Some(i) != src && points(i, &rel.target) {
                dst = Some(i);
            }
        }
        match (src, dst) {
            (Some(s), Some(d)) => Ok((through, s, d)),
            _ => Err(Error::value(format!(
                "The through model '{}' of '{}.{}' needs a ForeignKey to '{}' and one to '{}'.",
                through.name, owner.name, f.name, owner.name, rel.target
            ))),
        }
    }
}

/// The field `name` of `model` as `spec` declares it (borrowed: no drop of
/// the spec on each error path).
fn build_field(model: &str, name: &str, spec: &FieldSpec) -> Result<Field> {
    Ident::new(name, "Field name")?;
    if crate::text::contains(name, "__") {
        return Err(Error::value(format!("Field names must not contain \"__\": '{model}.{name}'.")));
    }
    if name == "pk" {
        return Err(Error::value(format!("'pk' is a reserved word that cannot be used as a field name ('{model}.pk').")));
    }
    let kind = FieldKind::from_name(&spec.kind).ok_or_else(|| Error::value(format!("Unknown field kind '{}' for '{model}.{name}'.", spec.kind)))?;
    let rel = if kind.is_relation() {
        let target = spec.to.clone().ok_or_else(|| Error::value(format!("'{model}.{name}': a {} needs a target model.", kind.class_name())))?;
        let on_delete = match (&spec.on_delete, kind) {
            (Some(s), _) => OnDelete::parse(s)?,
            (None, FieldKind::ManyToMany) => OnDelete::Cascade,
            (None, _) => OnDelete::Cascade,
        };
        if on_delete == OnDelete::SetNull && !spec.null {
            return Err(Error::value(format!("'{model}.{name}': onDelete SET_NULL needs null: true.")));
        }
        if on_delete == OnDelete::SetDefault && !spec.has_default {
            return Err(Error::value(format!("'{model}.{name}': onDelete SET_DEFAULT needs a default.")));
        }
        let target = if target == "self" { model.to_string() } else { target };
        Some(Rel {
            target: target.into(),
            related_name: spec.related_name.as_deref().map(Rc::from),
            on_delete,
            through: spec.through.as_deref().map(Rc::from),
        })
    } else {
        None
    };
    let attname: String = match kind {
        FieldKind::ForeignKey | FieldKind::OneToOne => format!("{name}_id"),
        _ => name.to_string(),
    };
    let column = match kind {
        FieldKind::ManyToMany => None,
        _ => Some(Ident::new(spec.db_column.as_deref().unwrap_or(&attname), "Column name")?),
    };
    if kind == FieldKind::Decimal && (spec.max_digits.is_none() || spec.decimal_places.is_none()) {
        return Err(Error::value(format!("'{model}.{name}': DecimalField needs maxDigits and decimalPlaces.")));
    }
    let auto = matches!(kind, FieldKind::Auto | FieldKind::BigAuto);
    if auto && !spec.primary_key {
        return Err(Error::value(format!("'{model}.{name}': an {} must have primaryKey: true.", kind.class_name())));
    }
    Ok(Field {
        name: name.into(),
        attname: attname.into(),
        column,
        kind,
        null: spec.null && !spec.primary_key,
        unique: spec.unique || spec.primary_key || kind == FieldKind::OneToOne,
        primary_key: spec.primary_key,
        db_index: spec.db_index.unwrap_or(matches!(kind, FieldKind::ForeignKey | FieldKind::OneToOne)),
        max_length: spec.max_length,
        decimal_places: spec.decimal_places,
        max_digits: spec.max_digits,
        choices: spec.choices.clone(),
        has_default: spec.has_default,
        default: spec.default.clone(),
        rel,
    })
}
