//! The whole `#[wasm_bindgen]` surface. `js/index.js` wraps these classes in
//! the public API of API.md; everything here converts at the boundary and
//! delegates to the host-neutral core.

mod convert;
mod executor;
mod sys;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use std::future::Future;
use std::pin::Pin;

use crate::compiler::{self, Compiled, Shape};
use crate::error::Error;
use crate::exec::{ops, Executor};
use crate::model::{Config, Dialect, Model, Registry};
use crate::query::{Combinator, QuerySet, Select};
use convert::get;
use executor::{js_to_value, params_to_js, JsExecutor};

/// A Promise for an async export. Every export's future is boxed to the
/// same type, so the wasm holds one copy of `future_to_promise`'s task glue
/// instead of one per export (3.9 KB gzipped less).
fn promise(f: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let f: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(f);
    future_to_promise(f)
}

thread_local! {
    static ERROR_FACTORY: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// The QuerySet a handle lent to the conversion of a `Subquery`/`Exists` argument.
    static LENT: RefCell<Option<QuerySet>> = const { RefCell::new(None) };
}

/// The QuerySet behind a JS QuerySet handle (`qs._core`), read by asking
/// the handle to lend it: handles stay owned by JS and usable.
pub(crate) fn borrow_queryset(core: &JsValue) -> Option<QuerySet> {
    let lend = get(core, "lend").dyn_into::<Function>().ok()?;
    LENT.with(|l| l.borrow_mut().take());
    lend.call0(core).ok()?;
    LENT.with(|l| l.borrow_mut().take())
}

/// Install the function that turns `(className, message, modelName, cause)`
/// into an instance of the right JS error class.
#[wasm_bindgen(js_name = setErrorFactory)]
pub fn set_error_factory(f: Function) {
    ERROR_FACTORY.with(|slot| *slot.borrow_mut() = Some(f));
}

fn js_err(e: Error) -> JsValue {
    let cause = match &e {
        Error::Integrity { cause, .. } | Error::Executor { cause, .. } => cause.clone(),
        _ => JsValue::UNDEFINED,
    };
    let msg = e.to_string();
    let name = e.class_name();
    let model = e.model().map(JsValue::from_str).unwrap_or(JsValue::UNDEFINED);
    let made = ERROR_FACTORY.with(|slot| {
        slot.borrow().as_ref().and_then(|f| {
            let args = Array::of4(&JsValue::from_str(name), &JsValue::from_str(&msg), &model, &cause);
            f.apply(&JsValue::NULL, &args).ok()
        })
    });
    made.unwrap_or_else(|| js_sys::Error::new(&msg).into())
}

type JsResult<T> = Result<T, JsValue>;

fn set(obj: &Object, key: &str, v: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &v.into());
}

fn compiled_to_js(c: &Compiled) -> JsResult<JsValue> {
    let o = Object::new();
    set(&o, "sql", c.sql.as_str());
    set(&o, "params", params_to_js(&c.params).map_err(js_err)?);
    Ok(o.into())
}

struct Inner {
    reg: Rc<Registry>,
    exec: JsExecutor,
}

/// One database: its models and its executor.
#[wasm_bindgen]
pub struct Core {
    inner: Rc<Inner>,
}

fn str_array<'a>(items: impl IntoIterator<Item = &'a str>) -> Array {
    items.into_iter().map(JsValue::from_str).collect()
}

fn model_meta(reg: &Registry, m: &Model) -> JsValue {
    let o = Object::new();
    set(&o, "name", &*m.name);
    set(&o, "table", m.table.as_str());
    set(&o, "pk", &*m.pk_field().name);
    set(&o, "pkAttname", &*m.pk_field().attname);
    let fields = Array::new();
    for f in &m.fields {
        let fo = Object::new();
        set(&fo, "name", &*f.name);
        set(&fo, "attname", &*f.attname);
        set(&fo, "kind", f.kind.class_name());
        set(&fo, "null", f.null);
        set(&fo, "primaryKey", f.primary_key);
        set(&fo, "conv", crate::query::Conv::for_field(f).code());
        if let Some(rel) = &f.rel {
            set(&fo, "target", &*rel.target);
        }
        fields.push(&fo);
    }
    set(&o, "fields", fields);
    let reverse = Array::new();
    for r in reg.reverse_relations(m) {
        if r.hidden {
            continue;
        }
        let f = &r.model.fields[r.field];
        let ro = Object::new();
        set(&ro, "accessor", &*r.accessor);
        set(&ro, "queryName", &*r.query_name);
        set(&ro, "model", &*r.model.name);
        set(&ro, "field", &*f.name);
        set(&ro, "kind", f.kind.class_name());
        set(&ro, "null", f.null);
        reverse.push(&ro);
    }
    set(&o, "reverse", reverse);
    o.into()
}

#[wasm_bindgen]
impl Core {
    /// `executor`: a D1 binding, an object with `execute`, or null (compile only).
    /// `options`: `{ dialect, regexp, maxParams }`.
    #[wasm_bindgen(constructor)]
    pub fn new(executor: JsValue, options: JsValue) -> JsResult<Core> {
        let exec = if executor.is_undefined() || executor.is_null() {
            JsExecutor::Missing
        } else if get(&executor, "prepare").is_function() && get(&executor, "batch").is_function() {
            JsExecutor::D1(executor.unchecked_into())
        } else if get(&executor, "execute").is_function() {
            JsExecutor::Host(executor.unchecked_into())
        } else {
            return Err(js_err(Error::value(
                "new Database(executor): pass a D1 binding (env.DB) or an object with an async execute(sql, params) method.",
            )));
        };
        let dialect = match get(&options, "dialect").as_string().as_deref() {
            None | Some("sqlite") => Dialect::Sqlite,
            Some("postgres") => Dialect::Postgres,
            Some(other) => return Err(js_err(Error::value(format!("Unknown dialect \"{other}\": use \"sqlite\" or \"postgres\".")))),
        };
        let is_d1 = matches!(exec, JsExecutor::D1(_));
        let regexp = get(&options, "regexp").as_bool().unwrap_or(!is_d1);
        let max_params = get(&options, "maxParams").as_f64().filter(|n| *n >= 1.0).map(|n| n as usize).unwrap_or(100);
        let reg = Rc::new(Registry::new(Config { dialect, regexp, max_params, ..Config::default() }));
        Ok(Core { inner: Rc::new(Inner { reg, exec }) })
    }

    /// Define a model from `[[name, fieldDescriptor], ...]` and options; returns its metadata.
    #[wasm_bindgen(js_name = defineModel)]
    pub fn define_model(&self, name: &str, fields: Array, options: JsValue) -> JsResult<JsValue> {
        let mut specs = Vec::new();
        for pair in fields.iter() {
            let pair: Array = pair.unchecked_into();
            let fname = pair.get(0).as_string().unwrap_or_default();
            specs.push((fname, convert::field_spec(&pair.get(1)).map_err(js_err)?));
        }
        let (table, ordering, latest) = convert::model_options(&options).map_err(js_err)?;
        let m = self.inner.reg.define(name, specs, table, ordering, latest).map_err(js_err)?;
        Ok(model_meta(&self.inner.reg, &m))
    }

    /// Current metadata of a model (reverse relations included).
    #[wasm_bindgen(js_name = modelMeta)]
    pub fn model_meta(&self, name: &str) -> JsResult<JsValue> {
        let m = self.model(name)?;
        Ok(model_meta(&self.inner.reg, &m))
    }

    fn model(&self, name: &str) -> JsResult<Rc<Model>> {
        self.inner.reg.get(name).ok_or_else(|| js_err(Error::value(format!("No model named '{name}' is defined."))))
    }

    /// The DDL `migrate()` runs.
    #[wasm_bindgen(js_name = schemaSql)]
    pub fn schema_sql(&self) -> JsResult<String> {
        let stmts = crate::model::schema::statements(&self.inner.reg).map_err(js_err)?;
        Ok(stmts.iter().map(|s| format!("{s};")).collect::<Vec<_>>().join("\n"))
    }

    /// Create every table and index (one atomic batch where the host can).
    pub fn migrate(&self) -> Promise {
        let inner = self.inner.clone();
        promise(async move {
            let stmts = crate::model::schema::statements(&inner.reg).map_err(js_err)?;
            let compiled: Vec<Compiled> = stmts.into_iter().map(|sql| Compiled { sql, params: vec![] }).collect();
            inner.exec.batch(&compiled).await.map_err(js_err)?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// `Model.objects`.
    pub fn queryset(&self, model: &str) -> JsResult<QuerySetCore> {
        let m = self.model(model)?;
        Ok(QuerySetCore::wrap(self.inner.clone(), QuerySet::new(self.inner.reg.clone(), m)))
    }

    /// INSERT one row from `{ field: value }`; resolves to the new primary key.
    pub fn create(&self, model: &str, values: JsValue) -> Promise {
        let inner = self.inner.clone();
        let model = self.model(model);
        let values = convert::pairs(&values);
        promise(async move {
            let model = model?;
            let values = values.map_err(js_err)?;
            let pk = ops::insert(&inner.exec, &inner.reg, &model, &values).await.map_err(js_err)?;
            executor::param_to_js(&pk).map_err(js_err)
        })
    }

    /// `instance.asave()`: resolves to `[pk, created]`. `loaded_only`: the
    /// instance has deferred fields, so `values` are its loaded fields, saved
    /// by an UPDATE alone (Django's automatic `update_fields`).
    pub fn save(&self, model: &str, values: JsValue, pk: JsValue, loaded_only: bool) -> Promise {
        let inner = self.inner.clone();
        let model = self.model(model);
        let values = convert::pairs(&values);
        let pk = convert::input(&pk);
        promise(async move {
            let model = model?;
            let values = values.map_err(js_err)?;
            let pk = pk.map_err(js_err)?;
            let qs = QuerySet::new(inner.reg.clone(), model);
            let (pk, created) = ops::save(&inner.exec, &qs, &values, &pk, loaded_only).await.map_err(js_err)?;
            Ok(Array::of2(&executor::param_to_js(&pk).map_err(js_err)?, &JsValue::from_bool(created)).into())
        })
    }

    /// How the relation `name` of `model` runs: `{ kind, target, many, parentKey, accessor, farField, farQueryName }`.
    #[wasm_bindgen(js_name = relationInfo)]
    pub fn relation_info(&self, model: &str, name: &str) -> JsResult<JsValue> {
        let m = self.model(model)?;
        let r = crate::query::resolve::relation(&self.inner.reg, &m, name).map_err(js_err)?;
        let o = Object::new();
        let kind = match r.kind {
            crate::query::resolve::RelKind::Forward => "forward",
            crate::query::resolve::RelKind::Reverse => "reverse",
            crate::query::resolve::RelKind::ManyToMany => "m2m",
        };
        set(&o, "kind", kind);
        set(&o, "target", &*r.target);
        set(&o, "many", r.many);
        set(&o, "parentKey", &*r.parent_key);
        set(&o, "farField", &*r.far_field);
        set(&o, "farQueryName", &*r.far_query_name);
        Ok(o.into())
    }

    /// The query prefetching relation `name` for parents with these keys; its
    /// rows carry the parent key as one extra column after the plan's keys.
    #[wasm_bindgen(js_name = prefetchQuery)]
    pub fn prefetch_query(&self, model: &str, name: &str, keys: Array) -> JsResult<QuerySetCore> {
        let m = self.model(model)?;
        let keys = keys.iter().map(|k| convert::input(&k)).collect::<Result<Vec<_>, _>>().map_err(js_err)?;
        let qs = QuerySet::new(self.inner.reg.clone(), m);
        let (q, _) = qs.prefetch_query(name, keys).map_err(js_err)?;
        Ok(QuerySetCore::wrap(self.inner.clone(), q))
    }

    /// Change a many-to-many relation: `op` is add, remove, clear or set; one atomic batch.
    pub fn m2m(&self, model: &str, name: &str, pk: JsValue, op: &str, targets: Array) -> Promise {
        let inner = self.inner.clone();
        let stmts = (|| {
            let m = self.model(model)?;
            let op = match op {
                "add" => ops::M2mOp::Add,
                "remove" => ops::M2mOp::Remove,
                "clear" => ops::M2mOp::Clear,
                "set" => ops::M2mOp::Set,
                "reset" => ops::M2mOp::Reset,
                other => return Err(js_err(Error::value(format!("Unknown many-to-many operation \"{other}\".")))),
            };
            let pk = convert::input(&pk).map_err(js_err)?;
            let targets = targets.iter().map(|t| convert::input(&t)).collect::<Result<Vec<_>, _>>().map_err(js_err)?;
            ops::m2m_statements(&inner.reg, &m, name, &pk, op, &targets).map_err(js_err)
        })();
        promise(async move {
            let stmts = stmts?;
            inner.exec.batch(&stmts).await.map_err(js_err)?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// `abulkCreate`: `objs` are `{ attname: value }` objects; resolves to their new primary keys.
    #[wasm_bindgen(js_name = bulkCreate)]
    pub fn bulk_create(&self, model: &str, objs: Array, options: JsValue) -> Promise {
        let inner = self.inner.clone();
        let prepared = (|| -> JsResult<_> {
            let m = self.model(model)?;
            let rows = objs.iter().map(|o| convert::pairs(&o)).collect::<Result<Vec<_>, _>>().map_err(js_err)?;
            let list = |key: &str| -> JsResult<Vec<String>> {
                let v = get(&options, key);
                if v.is_undefined() || v.is_null() {
                    return Ok(vec![]);
                }
                if !Array::is_array(&v) {
                    return Err(js_err(Error::value(format!("Option '{key}' must be an array of field names."))));
                }
                convert::strings(v.unchecked_ref(), key).map_err(js_err)
            };
            let opts = ops::BulkOptions {
                batch_size: batch_size(&options).map_err(js_err)?,
                ignore_conflicts: get(&options, "ignoreConflicts").is_truthy(),
                update_conflicts: get(&options, "updateConflicts").is_truthy(),
                update_fields: list("updateFields")?,
                unique_fields: list("uniqueFields")?,
            };
            Ok((m, rows, opts))
        })();
        promise(async move {
            let (m, rows, opts) = prepared?;
            let pks = ops::bulk_create(&inner.exec, &inner.reg, &m, &rows, &opts).await.map_err(js_err)?;
            let out = Array::new();
            for pk in pks {
                out.push(&match pk {
                    Some(v) => executor::param_to_js(&v).map_err(js_err)?,
                    None => JsValue::NULL,
                });
            }
            Ok(out.into())
        })
    }

    /// Run statements compiled by this core (`compileUpdate`) as one atomic batch; resolves to their change counts.
    #[wasm_bindgen(js_name = runBatch)]
    pub fn run_batch(&self, stmts: Array) -> Promise {
        let inner = self.inner.clone();
        let compiled: Vec<Compiled> = stmts
            .iter()
            .map(|s| {
                let params = get(&s, "params");
                let params: Vec<crate::value::Value> = if Array::is_array(&params) {
                    params.unchecked_ref::<Array>().iter().map(|p| js_to_value(&p)).collect()
                } else {
                    Vec::new()
                };
                Compiled { sql: get(&s, "sql").as_string().unwrap_or_default(), params }
            })
            .collect();
        promise(async move {
            let results = inner.exec.batch(&compiled).await.map_err(js_err)?;
            Ok(results.iter().map(|r| JsValue::from_f64(r.changes as f64)).collect::<Array>().into())
        })
    }

    /// The INSERT `create` would run, without running it.
    #[wasm_bindgen(js_name = compileInsert)]
    pub fn compile_insert(&self, model: &str, values: JsValue) -> JsResult<JsValue> {
        let model = self.model(model)?;
        let values = convert::pairs(&values).map_err(js_err)?;
        let c = ops::insert_statement(&self.inner.reg, &model, &values).map_err(js_err)?;
        compiled_to_js(&c)
    }
}

/// The names given to only()/defer(); `None` for a lone `null` (Python's `None`).
fn deferral_names(args: &Array, what: &str) -> Result<Option<Vec<String>>, Error> {
    if args.length() == 1 && (args.get(0).is_null() || args.get(0).is_undefined()) {
        return Ok(None);
    }
    convert::strings(args, what).map(Some)
}

/// `options.batchSize`: absent, or a positive integer.
fn batch_size(options: &JsValue) -> Result<Option<usize>, Error> {
    let batch = get(options, "batchSize");
    if batch.is_undefined() || batch.is_null() {
        return Ok(None);
    }
    match batch.as_f64() {
        Some(n) if n >= 1.0 && n.fract() == 0.0 => Ok(Some(n as usize)),
        _ => Err(Error::value("Batch size must be a positive integer.")),
    }
}

/// A QuerySet handle: immutable; every chain method returns a new handle.
#[wasm_bindgen]
pub struct QuerySetCore {
    inner: Rc<Inner>,
    qs: QuerySet,
    plan: RefCell<Option<JsValue>>,
}

fn done(r: Result<QuerySet, Error>, inner: &Rc<Inner>) -> JsResult<QuerySetCore> {
    r.map(|qs| QuerySetCore::wrap(inner.clone(), qs)).map_err(js_err)
}

impl QuerySetCore {
    fn wrap(inner: Rc<Inner>, qs: QuerySet) -> QuerySetCore {
        QuerySetCore { inner, qs, plan: RefCell::new(None) }
    }

    fn spawn<F>(&self, f: impl FnOnce(Rc<Inner>, QuerySet) -> F) -> Promise
    where
        F: std::future::Future<Output = Result<JsValue, Error>> + 'static,
    {
        let fut = f(self.inner.clone(), self.qs.clone());
        promise(async move { fut.await.map_err(js_err) })
    }
}

#[wasm_bindgen]
impl QuerySetCore {
    /// The model's name.
    #[wasm_bindgen(getter, js_name = modelName)]
    pub fn model_name(&self) -> String {
        self.qs.model.name.to_string()
    }

    /// Lend this QuerySet to the conversion of a `Subquery`/`Exists` argument.
    pub fn lend(&self) {
        LENT.with(|l| *l.borrow_mut() = Some(self.qs.clone()));
    }

    /// `filter(...args)`.
    pub fn filter(&self, args: Array) -> JsResult<QuerySetCore> {
        let q = convert::q_args(&args).map_err(js_err)?;
        done(self.qs.filter(&q), &self.inner)
    }

    /// `exclude(...args)`.
    pub fn exclude(&self, args: Array) -> JsResult<QuerySetCore> {
        let q = convert::q_args(&args).map_err(js_err)?;
        done(self.qs.exclude(&q), &self.inner)
    }

    /// `orderBy(...fields)`.
    #[wasm_bindgen(js_name = orderBy)]
    pub fn order_by(&self, fields: Array) -> JsResult<QuerySetCore> {
        let f = convert::strings(&fields, "orderBy()").map_err(js_err)?;
        done(self.qs.order_by(&f), &self.inner)
    }

    /// `reverse()`.
    pub fn reverse(&self) -> JsResult<QuerySetCore> {
        done(self.qs.reverse(), &self.inner)
    }

    /// `distinct(...fields)`.
    pub fn distinct(&self, fields: Array) -> JsResult<QuerySetCore> {
        let f = convert::strings(&fields, "distinct()").map_err(js_err)?;
        done(self.qs.distinct(&f), &self.inner)
    }

    /// `values(...fields)`.
    pub fn values(&self, fields: Array) -> JsResult<QuerySetCore> {
        let f = convert::strings(&fields, "values()").map_err(js_err)?;
        done(self.qs.values(&f), &self.inner)
    }

    /// `valuesList(...fields, { flat })`.
    #[wasm_bindgen(js_name = valuesList)]
    pub fn values_list(&self, fields: Array, flat: bool) -> JsResult<QuerySetCore> {
        let f = convert::strings(&fields, "valuesList()").map_err(js_err)?;
        done(self.qs.values_list(&f, flat), &self.inner)
    }

    /// `slice(start, end?)`.
    pub fn slice(&self, start: JsValue, end: JsValue) -> JsResult<QuerySetCore> {
        let idx = |v: &JsValue, what: &str| -> Result<Option<i64>, Error> {
            if v.is_undefined() || v.is_null() {
                return Ok(None);
            }
            match v.as_f64() {
                // Any integer, as Django's; `as` saturates beyond i64 and slice() caps the marks.
                Some(n) if n.fract() == 0.0 => Ok(Some(n as i64)),
                _ => Err(Error::usage(format!("QuerySet indices must be integers or slices, not {what}."))),
            }
        };
        let s = idx(&start, "the start value").map_err(js_err)?;
        let e = idx(&end, "the end value").map_err(js_err)?;
        done(self.qs.slice(s, e), &self.inner)
    }

    /// `union` / `intersection` / `difference` with `others`.
    pub fn combine(&self, op: &str, others: Array, all: bool) -> JsResult<QuerySetCore> {
        let op = match op {
            "union" => Combinator::Union,
            "intersection" => Combinator::Intersection,
            "difference" => Combinator::Difference,
            _ => return Err(js_err(Error::value(format!("unknown combinator '{op}'")))),
        };
        // The operands' core handles, read as Subquery/Exists arguments are.
        let mut parts = Vec::new();
        for core in others.iter() {
            let qs = borrow_queryset(&core).ok_or_else(|| js_err(Error::Type(format!("{}() takes QuerySets.", op.name()))))?;
            parts.push(qs);
        }
        done(self.qs.combine(op, &parts, all), &self.inner)
    }


    /// `aexplain({ format, ...options })`: Django's `explain()` string.
    pub fn explain(&self, format: Option<String>, options: Array) -> Promise {
        let opts = convert::strings(&options, "aexplain()");
        self.spawn(move |inner, qs| async move {
            ops::explain_options(format.as_deref(), &opts?)?;
            Ok(JsValue::from_str(&ops::explain(&inner.exec, &qs).await?))
        })
    }

    /// `none()`.
    pub fn none(&self) -> QuerySetCore {
        QuerySetCore::wrap(self.inner.clone(), self.qs.none())
    }

    /// `selectRelated(...paths)`.
    #[wasm_bindgen(js_name = selectRelated)]
    pub fn select_related(&self, paths: Array) -> JsResult<QuerySetCore> {
        let p = convert::strings(&paths, "selectRelated()").map_err(js_err)?;
        done(self.qs.select_related(&p), &self.inner)
    }

    /// `only(...fields)` (`only(null)`: Django's TypeError).
    pub fn only(&self, fields: Array) -> JsResult<QuerySetCore> {
        let f = deferral_names(&fields, "only()").map_err(js_err)?;
        done(self.qs.only(f.as_deref()), &self.inner)
    }

    /// `defer(...fields)` (`defer(null)` clears the deferrals).
    pub fn defer(&self, fields: Array) -> JsResult<QuerySetCore> {
        let f = deferral_names(&fields, "defer()").map_err(js_err)?;
        done(self.qs.defer(f.as_deref()), &self.inner)
    }

    /// `prefetchRelated(...paths)`.
    #[wasm_bindgen(js_name = prefetchRelated)]
    pub fn prefetch_related(&self, paths: Array) -> JsResult<QuerySetCore> {
        let p = convert::strings(&paths, "prefetchRelated()").map_err(js_err)?;
        done(self.qs.prefetch_related(&p), &self.inner)
    }

    /// Paths to prefetch after the rows are loaded.
    #[wasm_bindgen(getter, js_name = prefetchPaths)]
    pub fn prefetch_paths(&self) -> Array {
        str_array(self.qs.node.prefetch.iter().map(|p| &**p))
    }

    /// Is this a known-empty QuerySet (`none()`, `in: []`)?
    #[wasm_bindgen(getter, js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.qs.is_empty()
    }

    /// Has a slice been taken?
    #[wasm_bindgen(getter, js_name = isSliced)]
    pub fn is_sliced(&self) -> bool {
        self.qs.is_sliced()
    }

    /// Does it return model instances (not values)?
    #[wasm_bindgen(getter, js_name = isModel)]
    pub fn is_model(&self) -> bool {
        matches!(self.qs.node.select, Select::Model)
    }

    /// `annotate`/`alias`: `[[name, aggregate or expression], ...]`.
    pub fn annotate(&self, specs: Array, selected: bool) -> JsResult<QuerySetCore> {
        let mut items = Vec::new();
        for pair in specs.iter() {
            let pair: Array = pair.unchecked_into();
            items.push(convert::annotation(&pair.get(0), &pair.get(1)).map_err(js_err)?);
        }
        done(self.qs.annotate(&items, selected), &self.inner)
    }

    /// `aaggregate`: `[[alias, aggregate], ...]` → a one-row values QuerySet.
    pub fn aggregate(&self, specs: Array) -> JsResult<QuerySetCore> {
        let mut aggs = Vec::new();
        for pair in specs.iter() {
            let pair: Array = pair.unchecked_into();
            aggs.push(convert::aggregate(&pair.get(0), &pair.get(1)).map_err(js_err)?);
        }
        done(self.qs.aggregate(&aggs), &self.inner)
    }

    /// `{ sql, params }` of the rows query, running nothing.
    pub fn compile(&self) -> JsResult<JsValue> {
        compiled_to_js(&compiler::compile(&self.qs, Shape::Rows).map_err(js_err)?)
    }

    /// How JS turns this query's rows into results:
    /// `{ kind, keys, convs, related: [{ path, model, start, end }] }`.
    pub fn plan(&self) -> JsResult<JsValue> {
        if let Some(p) = self.plan.borrow().as_ref() {
            return Ok(p.clone());
        }
        let cols = compiler::plan_convs(&self.qs).map_err(js_err)?;
        let o = Object::new();
        let kind = match &self.qs.node.select {
            Select::Model => "model",
            Select::Values(_) => "values",
            Select::List { flat: true, .. } => "flat",
            Select::List { .. } => "list",
        };
        set(&o, "kind", kind);
        set(&o, "model", &*self.qs.model.name);
        set(&o, "keys", str_array(cols.iter().map(|(k, _)| k.as_str())));
        let convs: Array = cols.iter().map(|(_, c)| JsValue::from_str(&c.code())).collect();
        set(&o, "convs", convs);
        let related = Array::new();
        // Attnames only()/defer() left out: of the model (`deferred`), then of each related model.
        let deferred = match &self.qs.node.select {
            Select::Model => compiler::deferred_attnames(&self.qs).map_err(js_err)?,
            _ => Vec::new(),
        };
        let left_out = |i: usize| deferred.get(i).map_or(0, |d| d.len());
        let names = |i: usize| str_array(deferred.get(i).into_iter().flatten().map(|a| &**a));
        set(&o, "deferred", names(0));
        let mut start = self.qs.model.concrete_fields().count() - left_out(0) + self.qs.node.annotations.iter().filter(|a| a.selected).count();
        for (i, r) in self.qs.node.related.iter().enumerate() {
            let m = self.qs.reg.require(&r.model, &r.model).map_err(js_err)?;
            let n = m.concrete_fields().count() - left_out(i + 1);
            let ro = Object::new();
            set(&ro, "path", str_array(r.path.iter().map(|p| &**p)));
            set(&ro, "model", &*m.name);
            set(&ro, "deferred", names(i + 1));
            set(&ro, "start", start as f64);
            set(&ro, "end", (start + n) as f64);
            related.push(&ro);
            start += n;
        }
        set(&o, "related", related);
        let v: JsValue = o.into();
        *self.plan.borrow_mut() = Some(v.clone());
        Ok(v)
    }

    /// All rows.
    pub fn fetch(&self) -> Promise {
        self.spawn(|inner, qs| async move { Ok(ops::fetch(&inner.exec, &qs).await?.into()) })
    }

    /// Rows `offset..offset+size` in a stable order (for `aiterator`).
    pub fn chunk(&self, offset: f64, size: f64) -> Promise {
        self.spawn(move |inner, qs| async move {
            if !(size >= 1.0) {
                return Err(Error::value("Chunk size must be strictly positive."));
            }
            let q = qs.ordered_or_pk()?.slice(Some(offset as i64), Some(offset as i64 + size as i64))?;
            Ok(ops::fetch(&inner.exec, &q).await?.into())
        })
    }

    /// `aget(...args)`: the single matching row.
    pub fn get(&self, args: Array) -> Promise {
        let q = convert::q_args(&args);
        self.spawn(|inner, qs| async move {
            let qs = ops::get_filtered(&qs, &q?)?;
            Ok(ops::get(&inner.exec, &qs).await?.into())
        })
    }

    /// `acount()`.
    pub fn count(&self) -> Promise {
        self.spawn(|inner, qs| async move { Ok(JsValue::from_f64(ops::count(&inner.exec, &qs).await? as f64)) })
    }

    /// `aexists()`.
    pub fn exists(&self) -> Promise {
        self.spawn(|inner, qs| async move { Ok(JsValue::from_bool(ops::exists(&inner.exec, &qs).await?)) })
    }

    /// `afirst()` / `alast()`: zero or one row.
    pub fn first(&self, last: bool) -> Promise {
        self.spawn(move |inner, qs| async move {
            let q = ops::first_query(&qs, last)?;
            Ok(ops::fetch(&inner.exec, &q).await?.into())
        })
    }

    /// `aearliest(...)` / `alatest(...)`: one row or DoesNotExist.
    pub fn earliest(&self, fields: Array, latest: bool) -> Promise {
        let f = convert::strings(&fields, if latest { "latest()" } else { "earliest()" });
        self.spawn(move |inner, qs| async move {
            let q = qs.earliest_latest(&f?, latest)?;
            Ok(ops::get(&inner.exec, &q).await?.into())
        })
    }

    /// `acontains(obj)` given the object's model name and pk.
    pub fn contains(&self, model: String, pk: JsValue) -> Promise {
        let pk = convert::input(&pk);
        self.spawn(move |inner, qs| async move {
            qs.not_combined("contains")?;
            if !matches!(qs.node.select, Select::Model) {
                return Err(Error::usage("Cannot call QuerySet.contains() after .values() or .values_list()."));
            }
            let pk = pk?;
            if pk.is_nullish() {
                return Err(Error::value("QuerySet.contains() cannot be used on unsaved objects."));
            }
            if model != *qs.model.name {
                return Ok(JsValue::FALSE);
            }
            let q = qs.pk_filter(pk)?;
            Ok(JsValue::from_bool(ops::exists(&inner.exec, &q).await?))
        })
    }

    /// `aupdate({...})`: rows matched.
    pub fn update(&self, values: JsValue) -> Promise {
        let values = convert::pairs(&values);
        self.spawn(|inner, qs| async move {
            let n = ops::update(&inner.exec, &qs, &values?).await?;
            Ok(JsValue::from_f64(n as f64))
        })
    }

    /// The UPDATEs of `abulkUpdate(objs, fields, { batchSize })`, without
    /// running them (JS runs them with `runBatch`, one atomic batch): `values`
    /// are the objects' `{ attname: value }`, `unsaved` their relation fields
    /// holding unsaved objects.
    #[wasm_bindgen(js_name = compileBulkUpdate)]
    pub fn compile_bulk_update(&self, values: Array, unsaved: Array, fields: JsValue, options: JsValue) -> JsResult<Array> {
        (|| -> Result<_, Error> {
            let batch = batch_size(&options)?;
            let fields = if fields.is_undefined() || fields.is_null() { vec![] } else { convert::strings(fields.dyn_ref().ok_or_else(|| Error::usage("abulkUpdate() takes an array of field names."))?, "abulkUpdate()")? };
            let objs = values
                .iter()
                .zip(unsaved.iter())
                .map(|(v, u)| Ok(ops::BulkObj { values: convert::pairs(&v)?, unsaved: convert::strings(u.unchecked_ref(), "abulkUpdate()")? }))
                .collect::<Result<Vec<_>, Error>>()?;
            ops::bulk_update_statements(&self.qs, &objs, &fields, batch)
        })()
        .map_err(js_err)?
        .iter()
        .map(compiled_to_js)
        .collect()
    }

    /// `adelete()`: `[total, { Model: n }]`.
    pub fn delete(&self) -> Promise {
        self.spawn(|inner, qs| async move {
            let (total, counts) = ops::delete(&inner.exec, &qs).await?;
            let o = Object::new();
            for (name, n) in counts {
                set(&o, &name, n as f64);
            }
            Ok(Array::of2(&JsValue::from_f64(total as f64), &o).into())
        })
    }

    /// The UPDATE `aupdate(values)` would run, without running it.
    #[wasm_bindgen(js_name = compileUpdate)]
    pub fn compile_update(&self, values: JsValue) -> JsResult<JsValue> {
        let values = convert::pairs(&values).map_err(js_err)?;
        self.qs.not_combined("update").map_err(js_err)?;
        if self.qs.is_sliced() {
            return Err(js_err(Error::usage("Cannot update a query once a slice has been taken.")));
        }
        let sets = ops::assignments(&self.qs.reg, &self.qs.model, &values).map_err(js_err)?;
        compiled_to_js(&compiler::compile_update(&self.qs, sets).map_err(js_err)?)
    }

    /// The statements a terminal method would run, for `compile` of counts etc.
    #[wasm_bindgen(js_name = compileShape)]
    pub fn compile_shape(&self, shape: &str) -> JsResult<JsValue> {
        let s = match shape {
            "count" => Shape::Count,
            "exists" => Shape::Exists,
            _ => Shape::Rows,
        };
        compiled_to_js(&compiler::compile(&self.qs, s).map_err(js_err)?)
    }
}
