//! The whole `#[wasm_bindgen]` surface. `js/index.js` wraps these classes in
//! the public API of API.md; everything here converts at the boundary and
//! delegates to the host-neutral core.

mod convert;
mod decode;
mod executor;
mod sys;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use std::future::Future;
use std::pin::Pin;

use crate::chain::Terminal;
use crate::compiler::cache::{PlanCache, PlanKey};
use crate::compiler::plan::{self, Bound, Plan};
use crate::compiler::{self, Compiled};
use crate::error::{Error, ErrorKind};
use crate::exec::{atomic, ops, Executor};
use crate::model::{Config, Dialect, Model, Registry};
use crate::query::{raw, QuerySet, Select};
use convert::{get, get_string};
use decode::build;
use executor::{js_to_value, params_to_js, JsExecutor};

/// A Promise for an async export. Every export's future is boxed to the
/// same type, so the wasm holds one copy of `future_to_promise`'s task glue
/// instead of one per export (3.9 KB gzipped less).
fn promise(f: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let f: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(f);
    future_to_promise(f)
}

/// What a terminal answers from the rows its statement returned (`None`:
/// nothing ran).
enum Read {
    /// `aexplain()`: the plan's text.
    Explain,
    /// `acontains()`: whether there is a row.
    Contains,
    /// Prefetching: `[rows, plan]`.
    Prefetch(JsValue),
}

impl Read {
    fn answer(self, ex: &JsExecutor, rows: Option<Array>) -> JsValue {
        match self {
            Read::Explain => JsValue::from_str(&rows.map(|r| ops::explain_text(ex, &r)).unwrap_or_default()),
            Read::Contains => JsValue::from_bool(rows.is_some_and(|r| ex.row_count(&r) > 0)),
            Read::Prefetch(plan) => Array::of2(&rows.unwrap_or_default(), &plan).into(),
        }
    }
}

/// What an async export runs, compiled and checked before: the one future
/// all of them share ([`job_promise`]) only awaits the host.
enum Job {
    /// One statement (`None`: nothing to run). A query, read: the export
    /// answers from its rows as `Read` says (`aexplain`, `acontains`, prefetching);
    /// else a write, resolving to the rows it changed (`aupdate`).
    Send(Option<Compiled>, Option<Read>),
    /// A batch of writes, atomic where the host can: resolves to each
    /// statement's change count (`runBatch`), or (`false`) to nothing (`migrate`).
    Batch(Vec<Compiled>, bool),
    /// `db.atomic()`'s group (`strict`), or a single a-method's writes.
    Atomic(Vec<atomic::Write>, bool),
}

/// The one awaiting path of the async exports.
fn job_promise(inner: &Rc<Inner>, job: JsResult<Job>) -> Promise {
    let inner = inner.clone();
    promise(async move {
        let ex = &inner.exec;
        Ok(match job? {
            Job::Send(stmt, read) => {
                let res = match &stmt {
                    Some(s) => Some(ex.settle(s, read.is_some()).await.map_err(js_err)?),
                    None => None,
                };
                match read {
                    Some(read) => read.answer(ex, res.map(|r| ex.rows(r)).transpose().map_err(js_err)?),
                    None => JsValue::from_f64(res.map_or(0, |r| ex.run_result(&r).changes) as f64),
                }
            }
            Job::Batch(stmts, counts) => {
                let results = ex.atomic(&stmts, &[], false).await.map_err(js_err)?;
                if !counts {
                    return Ok(JsValue::UNDEFINED);
                }
                let changes = Array::new();
                for (r, _) in &results {
                    changes.push(&JsValue::from_f64(r.changes as f64));
                }
                changes.into()
            }
            Job::Atomic(writes, strict) => {
                let outcomes = atomic::run(ex, &inner.reg, writes, strict).await.map_err(js_err)?;
                let out = Array::new();
                for o in outcomes {
                    out.push(&outcome_to_js(o).map_err(js_err)?);
                }
                out.into()
            }
        })
    })
}

thread_local! {
    static ERROR_FACTORY: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Install the function that turns `(className, message, modelName, cause)`
/// into an instance of the right JS error class.
#[wasm_bindgen(js_name = setErrorFactory)]
pub fn set_error_factory(f: Function) {
    // Borrowed elsewhere only while an error is made (JS's factory calling this).
    ERROR_FACTORY.with(|slot| {
        if let Ok(mut s) = slot.try_borrow_mut() {
            *s = Some(f);
        }
    });
}

fn js_err(e: Error) -> JsValue {
    let cause = match e.kind() {
        ErrorKind::Integrity { cause, .. } | ErrorKind::Executor { cause, .. } => cause.clone(),
        _ => JsValue::UNDEFINED,
    };
    let msg = e.to_string();
    let name = e.class_name();
    let model = e.model().map(JsValue::from_str).unwrap_or(JsValue::UNDEFINED);
    let made = ERROR_FACTORY.with(|slot| {
        // Mutably borrowed only for a moment (setErrorFactory).
        let f = slot.try_borrow().ok()?;
        let args = Array::of4(&JsValue::from_str(name), &JsValue::from_str(&msg), &model, &cause);
        f.as_ref()?.apply(&JsValue::NULL, &args).ok()
    });
    made.unwrap_or_else(|| js_sys::Error::new(&msg).into())
}

type JsResult<T> = Result<T, JsValue>;

/// A string argument of an export (js/index.js passes one; anything else reads as empty).
fn text(v: &JsValue) -> String {
    v.as_string().unwrap_or_default()
}

fn set(obj: &Object, key: &'static str, v: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &convert::name(key), &v.into());
}

fn compiled_to_js(c: &Compiled) -> JsResult<JsValue> {
    let o = Object::new();
    set(&o, "sql", c.sql.as_str());
    set(&o, "params", params_to_js(&c.params).map_err(js_err)?);
    Ok(o.into())
}

/// A database's executor (the Database's own, or one `bind` made: a host
/// of `using()`, a session), and what those share: the models, the caches.
#[derive(Clone)]
struct Inner {
    reg: Rc<Registry>,
    exec: JsExecutor,
    /// QuerySets of the chains checked lately, by shape id (bounded). Shared
    /// with the cores `bind` makes, as the plans are.
    checked: Rc<RefCell<PlanCache<QuerySet>>>,
    /// Compiled plans by (shape id, terminal) (bounded).
    plans: Rc<RefCell<PlanCache<Rc<Cached>>>>,
    /// Test mode (`checkPlans`): every re-bound plan is compared with a full
    /// compile, and a chain whose recorded values are not the core's slots
    /// is an error instead of an uncached plan.
    check_plans: bool,
    /// The Database's token: nested QuerySets must carry the same.
    db: f64,
}

/// A plan kept for a shape, with its SQL as a JS string made once.
struct Cached {
    plan: Plan,
    sql: JsValue,
    model: Rc<str>,
}

/// What a plan is kept under: a read terminal (its code, an index in
/// `Terminal::ALL`) of the chain's shape, or an update of its own shape
/// (the chain's, plus the fields it sets: JS interns it).
#[derive(Clone, Copy)]
enum Key<'a> {
    Read(u32),
    /// The update's shape id and its `{ field: value }` object.
    Update(u64, &'a JsValue),
}

/// The `terminal` of update plans' keys (read terminals use their codes).
const UPDATE: u32 = 100;

/// A statement ready to run: `None` when the QuerySet is known to be empty.
struct Prepared {
    model: Rc<str>,
    sql: JsValue,
    stmt: Option<Compiled>,
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
        let f = r.model.field_at(r.field);
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
        let exec = if executor.is_undefined() || executor.is_null() { JsExecutor::Missing } else { js_executor(executor, "new Database(executor)")? };
        let dialect = match get_string(&options, "dialect").as_deref() {
            None | Some("sqlite") => Dialect::Sqlite,
            Some("postgres") => Dialect::Postgres,
            Some(other) => return Err(js_err(Error::value(format!("Unknown dialect \"{other}\": use \"sqlite\" or \"postgres\".")))),
        };
        // D1 has no REGEXP; nor, unless told, a Database whose executor comes later (using()).
        let regexp = get(&options, "regexp").as_bool().unwrap_or(matches!(exec, JsExecutor::Host(_)));
        let max_params = get(&options, "maxParams").as_f64().filter(|n| *n >= 1.0).map(|n| n as usize).unwrap_or(100);
        let reg = Rc::new(Registry::new(Config { dialect, regexp, max_params, ..Config::default() }));
        let check_plans = get(&options, "checkPlans").is_truthy();
        let db = get(&options, "db").as_f64().unwrap_or(0.0);
        let inner = Inner { reg, exec, checked: Rc::default(), plans: Rc::default(), check_plans, db };
        Ok(Core { inner: Rc::new(inner) })
    }

    /// The same database (models, checked chains, plans) run by another
    /// executor: `qs.using(env.DB)`, a Worker's binding of one request, or
    /// a session (`withSession()`: a D1 session has prepare and batch).
    /// `call` names the call in the error (default `using(executor)`).
    pub fn bind(&self, executor: JsValue, call: JsValue) -> JsResult<Core> {
        let exec = js_executor(executor, call.as_string().as_deref().unwrap_or("using(executor)"))?;
        Ok(Core { inner: Rc::new(Inner { exec, ..(*self.inner).clone() }) })
    }

    /// Define a model from `[[name, fieldDescriptor], ...]` and options; returns its metadata.
    #[wasm_bindgen(js_name = defineModel)]
    pub fn define_model(&self, name: JsValue, fields: Array, options: JsValue) -> JsResult<JsValue> {
        let mut specs = Vec::new();
        for pair in fields.iter() {
            let pair: Array = pair.unchecked_into();
            let fname = pair.get(0).as_string().unwrap_or_default();
            specs.push((fname, convert::field_spec(&pair.get(1)).map_err(js_err)?));
        }
        let (table, ordering, latest) = convert::model_options(&options).map_err(js_err)?;
        let m = self.inner.reg.define(&text(&name), specs, table, ordering, latest).map_err(js_err)?;
        Ok(model_meta(&self.inner.reg, &m))
    }

    /// Current metadata of a model (reverse relations included).
    #[wasm_bindgen(js_name = modelMeta)]
    pub fn model_meta(&self, name: JsValue) -> JsResult<JsValue> {
        let m = self.model(&name)?;
        Ok(model_meta(&self.inner.reg, &m))
    }

    fn model(&self, name: &JsValue) -> JsResult<Rc<Model>> {
        decode::model_named(&self.inner.reg, &text(name)).map_err(js_err)
    }

    /// The DDL `migrate()` runs.
    #[wasm_bindgen(js_name = schemaSql)]
    pub fn schema_sql(&self) -> JsResult<JsValue> {
        let stmts = crate::model::schema::statements(&self.inner.reg).map_err(js_err)?;
        let mut sql = String::new();
        for (i, s) in stmts.iter().enumerate() {
            if i > 0 {
                sql.push('\n');
            }
            sql.push_str(s);
            sql.push(';');
        }
        Ok(JsValue::from_str(&sql))
    }

    /// Create every table and index (one atomic batch where the host can).
    pub fn migrate(&self) -> Promise {
        let stmts = crate::model::schema::statements(&self.inner.reg).map(|stmts| {
            let mut compiled: Vec<Compiled> = Vec::with_capacity(stmts.len());
            for sql in stmts {
                compiled.push(Compiled { sql, params: vec![] });
            }
            Job::Batch(compiled, false)
        });
        job_promise(&self.inner, stmts.map_err(js_err))
    }

    /// How the relation `name` of `model` runs: `{ kind, target, many, parentKey, accessor, farField, farQueryName }`.
    #[wasm_bindgen(js_name = relationInfo)]
    pub fn relation_info(&self, model: JsValue, name: JsValue) -> JsResult<JsValue> {
        let m = self.model(&model)?;
        let r = crate::query::resolve::relation(&self.inner.reg, &m, &text(&name)).map_err(js_err)?;
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

    /// Check a new chain call (the node JS recorded for it): Django's
    /// errors are raised by the call that made the mistake. The QuerySet is
    /// kept, by shape id, for the next call on it (bounded).
    /// Answers whether later calls of this shape may skip the check (their
    /// values are of kinds no field here refuses).
    pub fn check(&self, node: JsValue) -> JsResult<bool> {
        let mut checked = self.inner.checked.borrow_mut();
        decode::check(&self.inner.reg, self.inner.db, &node, &mut checked).map_err(js_err)
    }

    /// The QuerySet a chain ends, read whole with its own values.
    fn queryset(&self, node: &JsValue) -> JsResult<QuerySet> {
        build(&self.inner.reg, self.inner.db, node, None).map_err(js_err)
    }

    /// `{ sql, params }` of what terminal `term` runs for the chain `node`
    /// whose values are `vals`, running nothing.
    pub fn compile(&self, node: JsValue, term: u32, vals: Array) -> JsResult<JsValue> {
        let p = prepare(&self.inner, &node, Key::Read(term), &vals, true).map_err(js_err)?;
        let params = params_to_js(&p.stmt.map(|c| c.params).unwrap_or_default()).map_err(js_err)?;
        let o = Object::new();
        set(&o, "sql", p.sql);
        set(&o, "params", params);
        Ok(o.into())
    }

    /// How JS turns the rows of terminal `term` into results: `{ kind,
    /// model, keys, convs, deferred, related: [{ path, model, deferred,
    /// start, end }], prefetch, sliced }`.
    pub fn plan(&self, node: JsValue, term: u32) -> JsResult<JsValue> {
        // The chain's check left its QuerySet cached (its columns do not
        // depend on its values); else read the chain.
        let checked = self.inner.checked.try_borrow_mut().ok().and_then(|mut c| c.get(&decode::key(&node)));
        let qs = match checked {
            Some(qs) => qs,
            None => self.queryset(&node)?,
        };
        let term = Terminal::from_code(term).map_err(js_err)?;
        let (q, _) = term.query(&qs).map_err(js_err)?;
        row_plan(&q).map_err(js_err)
    }

    /// Send the statement of read terminal `term` for the chain `node` whose
    /// values are `vals` to the host, without awaiting it: the host's Promise,
    /// or `null` when nothing needs to run (the QuerySet is known to be empty).
    /// JS awaits it and hands what it resolved to to [`Core::answer`] (no
    /// future, closure or Promise of wasm-bindgen's on the hot path).
    pub fn send(&self, node: JsValue, term: u32, vals: Array) -> JsResult<JsValue> {
        Terminal::from_code(term).map_err(js_err)?;
        let p = prepare(&self.inner, &node, Key::Read(term), &vals, false).map_err(js_err)?;
        match &p.stmt {
            Some(stmt) => self.inner.exec.send(&p.sql, stmt).map(JsValue::from).map_err(js_err),
            None => Ok(JsValue::NULL),
        }
    }

    /// Read terminal `term`'s answer from what [`Core::send`]'s Promise
    /// resolved to (`sent` false: nothing was sent): rows, a count or a
    /// boolean. `model` names the model in `DoesNotExist`.
    pub fn answer(&self, term: u32, res: JsValue, sent: bool, model: JsValue) -> JsResult<JsValue> {
        let term = Terminal::from_code(term).map_err(js_err)?;
        let rows = if sent { Some(self.inner.exec.rows(res).map_err(js_err)?) } else { None };
        Ok(match ops::settle(&self.inner.exec, term, &text(&model), rows).map_err(js_err)? {
            ops::Answer::Rows(rows) => rows.into(),
            ops::Answer::Count(n) => JsValue::from_f64(n as f64),
            ops::Answer::Exists(b) => JsValue::from_bool(b),
        })
    }

    /// `Model.objects.raw(sql, params)` run: the host's Promise (Django's
    /// `%s` placeholders, params always bound).
    #[wasm_bindgen(js_name = rawSend)]
    pub fn raw_send(&self, sql: JsValue, params: Array) -> JsResult<Promise> {
        let stmt = (|| -> Result<Compiled, Error> {
            let mut out = Vec::new();
            for v in convert::inputs(&params)? {
                out.push(raw::param(&self.inner.reg, &v)?);
            }
            Ok(Compiled { sql: raw::translate(&text(&sql)), params: out })
        })()
        .map_err(js_err)?;
        self.inner.exec.send_raw(&stmt).map_err(js_err)
    }

    /// What [`Core::raw_send`]'s Promise resolved to, for `model`: `[plan,
    /// rows]`, the plan as [`Core::plan`]'s (`pick` the cells to read, in
    /// order), or `[null, []]` for no rows and no column names. `failed`:
    /// the Promise rejected with `res` running this SQL (throws its typed error).
    #[wasm_bindgen(js_name = rawAnswer)]
    pub fn raw_answer(&self, model: JsValue, res: JsValue, failed: JsValue) -> JsResult<Array> {
        if let Some(sql) = failed.as_string() {
            return Err(js_err(executor::host_error(res, &sql)));
        }
        let m = self.model(&model)?;
        let (cols, rows) = self.inner.exec.raw_rows(res).map_err(js_err)?;
        let Some(cols) = cols else { return Ok(Array::of2(&JsValue::NULL, &rows)) };
        let p = raw::plan(&m, &cols).map_err(js_err)?;
        let o = plan_object("model", &m.name, p.keys.iter().map(String::as_str).zip(p.convs.iter().copied()));
        set(&o, "pick", p.pick.iter().map(|&i| JsValue::from_f64(i as f64)).collect::<Array>());
        set(&o, "deferred", str_array(p.deferred.iter().map(String::as_str)));
        set(&o, "related", Array::new());
        set(&o, "prefetch", Array::new());
        Ok(Array::of2(&o, &rows))
    }

    /// The typed error for a host's rejection `e` of what [`Core::send`] sent
    /// (the same call again names the statement that failed).
    pub fn failure(&self, e: JsValue, node: JsValue, term: u32, vals: Array) -> JsValue {
        match prepare(&self.inner, &node, Key::Read(term), &vals, false) {
            Ok(p) => js_err(executor::host_error(e, p.stmt.as_ref().map_or("", |s| s.sql.as_str()))),
            Err(err) => js_err(err),
        }
    }

    /// `aupdate(values)` on the chain `node`; `vals` are the chain's values
    /// followed by the update's: resolves to the rows matched.
    /// `shape` is the shape id JS gave the update itself (the chain's, the
    /// fields set and their value kinds): the plan's key.
    pub fn update(&self, node: JsValue, values: JsValue, vals: Array, shape: f64) -> Promise {
        let prepared = prepare(&self.inner, &node, Key::Update(shape as u64, &values), &vals, false);
        job_promise(&self.inner, prepared.map(|p| Job::Send(p.stmt, None)).map_err(js_err))
    }

    /// The UPDATE `aupdate(values)` would run, without running it.
    #[wasm_bindgen(js_name = compileUpdate)]
    pub fn compile_update(&self, node: JsValue, values: JsValue, vals: Array, shape: f64) -> JsResult<JsValue> {
        let p = prepare(&self.inner, &node, Key::Update(shape as u64, &values), &vals, true).map_err(js_err)?;
        match p.stmt {
            Some(c) => compiled_to_js(&c),
            None => Err(js_err(Error::value("This update changes nothing: it has no fields to set."))),
        }
    }

    /// `db.atomic(fn)`: the group's writes as JS recorded them, in order;
    /// resolves to one result per write (see [`outcome_to_js`]). Also the
    /// a-methods that write several statements (`adelete`, `abulkCreate`,
    /// M2M changes), as a group of one write, not `strict`: a host without
    /// a batch runs its statements one by one.
    pub fn atomic(&self, writes: Array, strict: bool) -> Promise {
        let inner = &self.inner;
        // No executor at all: the message names `using`, not batch().
        let host = match &inner.exec {
            JsExecutor::Missing if strict => Err(Error::executor(
                "This Database has no executor: run the group through one with db.atomic(fn, { using: env.DB }) (a D1 binding or an object with execute(sql, params) and batch(statements)) or session.atomic(fn), or pass it to new Database(...).",
                JsValue::UNDEFINED,
            )),
            exec if strict => atomic::check_host(exec),
            _ => Ok(()),
        };
        let decoded = host.and_then(|_| {
            let mut decoded = Vec::new();
            for w in writes.iter() {
                decoded.push(write(inner, w)?);
            }
            Ok(decoded)
        });
        job_promise(inner, decoded.map(|w| Job::Atomic(w, strict)).map_err(js_err))
    }

    /// `aexplain({ format, ...options })`: Django's `explain()` string.
    pub fn explain(&self, node: JsValue, format: JsValue, options: Array) -> Promise {
        let prepared = (|| -> Result<_, Error> {
            let qs = build(&self.inner.reg, self.inner.db, &node, None)?;
            ops::explain_options(format.as_string().as_deref(), &convert::strings(&options, "aexplain()")?)?;
            ops::explain_statement(&qs)
        })();
        job_promise(&self.inner, prepared.map(|s| Job::Send(s, Some(Read::Explain))).map_err(js_err))
    }

    /// `acontains(obj)` given the object's model name and pk.
    pub fn contains(&self, node: JsValue, model: JsValue, pk: JsValue) -> Promise {
        let prepared = (|| -> Result<_, Error> {
            let qs = build(&self.inner.reg, self.inner.db, &node, None)?;
            let pk = convert::input(&pk)?;
            match ops::contains_query(&qs, &text(&model), pk)? {
                Some(q) => ops::statement(&q, compiler::Shape::Exists),
                None => Ok(None),
            }
        })();
        job_promise(&self.inner, prepared.map(|s| Job::Send(s, Some(Read::Contains))).map_err(js_err))
    }

    /// The rows prefetching relation `name` for parents with these keys, and
    /// their plan: `[rows, plan]`; `plan.keyAt` is the index of the column
    /// holding each row's parent key (a selected column, or one extra column
    /// after the plan's keys).
    pub fn prefetch(&self, model: JsValue, name: JsValue, keys: Array) -> Promise {
        let prepared = (|| -> JsResult<_> {
            let m = self.model(&model)?;
            let keys = convert::inputs(&keys).map_err(js_err)?;
            let (q, info) = QuerySet::new(self.inner.reg.clone(), m).prefetch_query(&text(&name), keys).map_err(js_err)?;
            let plan = row_plan(&q).map_err(js_err)?;
            set(plan.unchecked_ref(), "keyAt", info.key_at as f64);
            Ok((ops::statement(&q, compiler::Shape::Rows).map_err(js_err)?, plan))
        })();
        job_promise(&self.inner, prepared.map(|(s, plan)| Job::Send(s, Some(Read::Prefetch(plan)))))
    }

    /// The UPDATEs of `abulkUpdate(objs, fields, { batchSize })`, without
    /// running them (JS runs them with `runBatch`, one atomic batch): `values`
    /// are the objects' `{ attname: value }`, `unsaved` their relation fields
    /// holding unsaved objects.
    #[wasm_bindgen(js_name = compileBulkUpdate)]
    pub fn compile_bulk_update(&self, node: JsValue, values: Array, unsaved: Array, fields: JsValue, options: JsValue) -> JsResult<Array> {
        let out = Array::new();
        for c in &bulk_update(&self.inner, &node, &values, &unsaved, &fields, &options).map_err(js_err)?.1 {
            out.push(&compiled_to_js(c)?);
        }
        Ok(out)
    }

    /// Run statements compiled by this core (`compileUpdate`) as one atomic batch; resolves to their change counts.
    #[wasm_bindgen(js_name = runBatch)]
    pub fn run_batch(&self, stmts: Array) -> Promise {
        let mut compiled: Vec<Compiled> = Vec::new();
        for s in stmts.iter() {
            let mut params = Vec::new();
            if let Some(ps) = get(&s, "params").dyn_ref::<Array>() {
                for p in ps.iter() {
                    params.push(js_to_value(&p));
                }
            }
            compiled.push(Compiled { sql: get_string(&s, "sql").unwrap_or_default(), params });
        }
        job_promise(&self.inner, Ok(Job::Batch(compiled, true)))
    }

    /// The INSERT `create` would run, without running it.
    #[wasm_bindgen(js_name = compileInsert)]
    pub fn compile_insert(&self, model: JsValue, values: JsValue) -> JsResult<JsValue> {
        let model = self.model(&model)?;
        let values = convert::pairs(&values).map_err(js_err)?;
        let c = ops::insert_statement(&self.inner.reg, &model, &values).map_err(js_err)?;
        compiled_to_js(&c)
    }
}

/// A host object as an executor: a D1 binding (`prepare` and `batch`) or
/// an object with `execute`. `call` names the call in the error.
fn js_executor(executor: JsValue, call: &str) -> JsResult<JsExecutor> {
    if get(&executor, "prepare").is_function() && get(&executor, "batch").is_function() {
        Ok(JsExecutor::D1(executor.unchecked_into()))
    } else if get(&executor, "execute").is_function() {
        Ok(JsExecutor::Host(executor.unchecked_into()))
    } else {
        Err(js_err(Error::value(format!("{call}: pass a D1 binding (env.DB) or an object with an async execute(sql, params) method."))))
    }
}

/// The statement of terminal `term` (or `UPDATE` with `update`'s values)
/// for the chain `node` with values `vals`. A known shape only binds `vals`
/// into its cached plan; a new one is read, resolved and compiled once, and
/// its plan kept when every parameter can be re-derived from the values.
/// `compile`: the statement is wanted even for a QuerySet known to be empty.
fn prepare(inner: &Inner, node: &JsValue, what: Key, vals: &Array, compile: bool) -> Result<Prepared, Error> {
    let key = match what {
        Key::Read(term) => PlanKey { shape: decode::node_id(node), terminal: term },
        Key::Update(shape, _) => PlanKey { shape, terminal: UPDATE },
    };
    // `plans` is borrowed only for a moment, never across a call.
    let cached = inner.plans.try_borrow_mut().ok().and_then(|mut p| p.get(&key));
    let mut inputs = None;
    if let Some(c) = &cached {
        let values = decode::inputs(&inner.reg, inner.db, vals)?;
        if let Bound::Params(params) = c.plan.bind(&inner.reg, &values)? {
            let stmt = (compile || !c.plan.empty).then(|| Compiled { sql: c.plan.compiled.sql.clone(), params });
            let p = Prepared { model: c.model.clone(), sql: c.sql.clone(), stmt };
            if inner.check_plans {
                let full = prepare_full(inner, node, what, compile)?.0;
                if full.stmt != p.stmt {
                    let sql = p.stmt.as_ref().map_or("", |c| c.sql.as_str());
                    return Err(Error::value(format!("checkPlans: the cached plan of shape {} differs from a full compile ({sql}).", key.shape)));
                }
            }
            return Ok(p);
        }
        inputs = Some(values);
    }
    let (p, plan, slots) = prepare_full(inner, node, what, compile)?;
    if let Some(plan) = plan.filter(|pl| pl.cacheable) {
        // The values JS recorded must be the core's slots, value for value;
        // else re-binding could put a value in another's place.
        let values = match inputs {
            Some(v) => v,
            None => decode::inputs(&inner.reg, inner.db, vals)?,
        };
        if same_values(&values, &slots) {
            if let Ok(mut plans) = inner.plans.try_borrow_mut() {
                plans.insert(key, Rc::new(Cached { plan, sql: p.sql.clone(), model: p.model.clone() }));
            }
        } else if inner.check_plans && values.len() == slots.len() {
            // Same count, other values: JS numbers the values differently
            // from the core (a count that differs only leaves the shape
            // uncached: a combinator's empty-operand shortcut keeps an
            // operand's own slots).
            return Err(Error::value(format!(
                "checkPlans: the chain's recorded values are not its slots ({} recorded, {} slots, {}).",
                values.len(),
                slots.len(),
                p.model
            )));
        }
    }
    Ok(p)
}

/// Are the values JS recorded the core's slots? NaN is itself here, and
/// numbers beyond ±2^53 (which a slice mark saturates) are alike.
fn same_values(js: &[crate::value::Input], slots: &[crate::value::Input]) -> bool {
    use crate::value::Input::Num;
    const BIG: f64 = 9_007_199_254_740_992.0;
    js.len() == slots.len()
        && js.iter().zip(slots).all(|(a, b)| match (a, b) {
            (Num(x), Num(y)) => x == y || (x.is_nan() && y.is_nan()) || (x.abs() >= BIG && y.abs() >= BIG && x.signum() == y.signum()),
            _ => a == b,
        })
}

/// [`prepare`] without the cache: the statement, its plan (`None` when
/// there is nothing to plan: an update with nothing to set) and the slots'
/// values.
fn prepare_full(inner: &Inner, node: &JsValue, what: Key, compile: bool) -> Result<(Prepared, Option<Plan>, Vec<crate::value::Input>), Error> {
    let qs = build(&inner.reg, inner.db, node, None)?;
    let model = qs.model.name.clone();
    let (plan, slots) = match what {
        Key::Update(_, values) => {
            let values = decode::pairs(&inner.reg, inner.db, values)?;
            ops::update_allowed(&qs)?;
            if values.is_empty() {
                return Ok((Prepared { model, sql: JsValue::UNDEFINED, stmt: None }, None, Vec::new()));
            }
            let mut slots = qs.inputs();
            for (_, v) in &values {
                crate::query::slots::walk_pair(v, &mut |x| slots.push(x.clone()));
            }
            (plan::compile_update_plan(&qs, &values)?, slots)
        }
        Key::Read(term) => {
            let (q, shape) = Terminal::from_code(term)?.query(&qs)?;
            let slots = q.inputs();
            (plan::compile_plan(&q, shape)?, slots)
        }
    };
    let sql = JsValue::from_str(&plan.compiled.sql);
    let stmt = (compile || !plan.empty).then(|| plan.compiled.clone());
    Ok((Prepared { model, sql, stmt }, Some(plan), slots))
}

/// The row plan of a rows query (see `Core::plan`).
/// A row plan's `{ kind, model, keys, convs }` (the JS glue's hydrate()).
fn plan_object<'a>(kind: &str, model: &str, cols: impl Iterator<Item = (&'a str, crate::query::Conv)>) -> Object {
    let o = Object::new();
    let (keys, convs) = (Array::new(), Array::new());
    for (k, c) in cols {
        keys.push(&JsValue::from_str(k));
        convs.push(&JsValue::from_str(&c.code()));
    }
    set(&o, "kind", kind);
    set(&o, "model", model);
    set(&o, "keys", keys);
    set(&o, "convs", convs);
    o
}

fn row_plan(qs: &QuerySet) -> Result<JsValue, Error> {
    let cols = compiler::plan_convs(qs)?;
    let kind = match &qs.node.select {
        Select::Model => "model",
        Select::Values(_) => "values",
        Select::List { flat: true, .. } => "flat",
        Select::List { .. } => "list",
    };
    let o = plan_object(kind, &qs.model.name, cols.iter().map(|(k, c)| (k.as_str(), *c)));
    set(&o, "prefetch", str_array(qs.node.prefetch.iter().map(|p| &**p)));
    set(&o, "sliced", qs.is_sliced());
    let related = Array::new();
    // Attnames only()/defer() left out: of the model (`deferred`), then of each related model.
    let deferred = match &qs.node.select {
        Select::Model => compiler::deferred_attnames(qs)?,
        _ => Vec::new(),
    };
    let left_out = |i: usize| deferred.get(i).map_or(0, |d| d.len());
    let names = |i: usize| str_array(deferred.get(i).into_iter().flatten().map(|a| &**a));
    set(&o, "deferred", names(0));
    let mut start = qs.model.concrete_fields().count() - left_out(0) + qs.node.annotations.iter().filter(|a| a.selected).count();
    for (i, r) in qs.node.related.iter().enumerate() {
        let m = qs.reg.require(&r.model, &r.model)?;
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
    Ok(o.into())
}

/// `abulkCreate`'s options.
fn bulk_options(options: &JsValue) -> Result<ops::BulkOptions, Error> {
    let list = |key: &'static str| -> Result<Vec<String>, Error> {
        let v = get(options, key);
        if v.is_undefined() || v.is_null() {
            return Ok(vec![]);
        }
        if !Array::is_array(&v) {
            return Err(Error::value(format!("Option '{key}' must be an array of field names.")));
        }
        convert::strings(v.unchecked_ref(), key)
    };
    Ok(ops::BulkOptions {
        batch_size: batch_size(options)?,
        ignore_conflicts: get(options, "ignoreConflicts").is_truthy(),
        update_conflicts: get(options, "updateConflicts").is_truthy(),
        update_fields: list("updateFields")?,
        unique_fields: list("uniqueFields")?,
    })
}

/// The UPDATEs of `abulkUpdate(objs, fields, { batchSize })` on the chain `node`.
fn bulk_update(
    inner: &Inner,
    node: &JsValue,
    values: &Array,
    unsaved: &Array,
    fields: &JsValue,
    options: &JsValue,
) -> Result<(Rc<Model>, Vec<Compiled>), Error> {
    let batch = batch_size(options)?;
    let fields = if fields.is_undefined() || fields.is_null() {
        vec![]
    } else {
        convert::strings(fields.dyn_ref().ok_or_else(|| Error::usage("abulkUpdate() takes an array of field names."))?, "abulkUpdate()")?
    };
    let mut objs = Vec::new();
    for (v, u) in values.iter().zip(unsaved.iter()) {
        objs.push(ops::BulkObj { values: convert::pairs(&v)?, unsaved: convert::strings(u.unchecked_ref(), "abulkUpdate()")? });
    }
    let qs = build(&inner.reg, inner.db, node, None)?;
    Ok((qs.model.clone(), ops::bulk_update_statements(&qs, &objs, &fields, batch)?))
}

/// The M2M operation named `op`.
fn m2m_op(op: &str) -> Result<ops::M2mOp, Error> {
    Ok(match op {
        "add" => ops::M2mOp::Add,
        "remove" => ops::M2mOp::Remove,
        "clear" => ops::M2mOp::Clear,
        "set" => ops::M2mOp::Set,
        "reset" => ops::M2mOp::Reset,
        other => return Err(Error::value(format!("Unknown many-to-many operation \"{other}\"."))),
    })
}

/// One write of `db.atomic()` as `js/index.js` records it, an array whose
/// first item says what it is: `["c", model, objs, options]` (create,
/// bulkCreate), `["u", node, values, vals, shape]` (update), `["d", node]`
/// (delete), `["s", model, values, pk, loadedOnly]` (save), `["B", node, values,
/// unsaved, fields, options]` (bulkUpdate), `["m", model, name, pk, op,
/// targets]` (M2M change).
fn write(inner: &Inner, w: JsValue) -> Result<atomic::Write, Error> {
    let w: Array = w.dyn_into().map_err(|_| Error::value("db.atomic(): a recorded write is malformed."))?;
    let at = |i: u32| w.get(i);
    let list = |i: u32| at(i).dyn_into::<Array>().unwrap_or_default();
    let model = || {
        let name = at(1).as_string().unwrap_or_default();
        decode::model_named(&inner.reg, &name)
    };
    Ok(match at(0).as_string().as_deref() {
        Some("c") => {
            let mut objs = Vec::new();
            for o in list(2).iter() {
                objs.push(convert::pairs(&o)?);
            }
            atomic::Write::Create { model: model()?, objs, opts: bulk_options(&at(3))? }
        }
        Some("u") => {
            let values = at(2);
            let p = prepare(inner, &at(1), Key::Update(at(4).as_f64().unwrap_or(0.0) as u64, &values), &list(3), false)?;
            let model = inner.reg.require(&p.model, "update")?;
            // prepare() read the values already: only their names matter here.
            let sets_pk = values.is_object()
                && Object::keys(values.unchecked_ref::<Object>())
                    .iter()
                    .any(|k| k.as_string().is_some_and(|k| k == "pk" || model.field(&k).is_some_and(|f| f.primary_key)));
            atomic::Write::Many { model, stmts: p.stmt.into_iter().collect(), other: sets_pk }
        }
        Some("d") => atomic::Write::Delete { qs: build(&inner.reg, inner.db, &at(1), None)? },
        Some("s") => {
            atomic::Write::Save { model: model()?, values: convert::pairs(&at(2))?, pk: convert::input(&at(3))?, loaded_only: at(4).is_truthy() }
        }
        Some("B") => {
            let (model, stmts) = bulk_update(inner, &at(1), &list(2), &list(3), &at(4), &at(5))?;
            atomic::Write::Many { model, stmts, other: false }
        }
        _ => {
            let op = m2m_op(&at(4).as_string().unwrap_or_default())?;
            let name = at(2).as_string().unwrap_or_default();
            let (through, stmts) = ops::m2m_statements(&inner.reg, &model()?, &name, &convert::input(&at(3))?, op, &convert::inputs(&list(5))?)?;
            atomic::Write::Many { model: through, stmts, other: true }
        }
    })
}

/// A write's outcome as JS reads it.
fn outcome_to_js(o: atomic::Outcome) -> Result<JsValue, Error> {
    use atomic::Outcome;
    Ok(match o {
        Outcome::Pks(pks) => {
            let out = Array::new();
            for pk in pks {
                out.push(&pk.map_or(Ok(JsValue::NULL), |v| executor::param_to_js(&v))?);
            }
            out.into()
        }
        Outcome::Count(n) => JsValue::from_f64(n as f64),
        Outcome::Deleted(total, counts) => deleted_to_js(total, counts),
        Outcome::Saved(pk, created) => Array::of2(&executor::param_to_js(&pk)?, &JsValue::from_bool(created)).into(),
    })
}

/// Django's `(total, { "Model": n })` as `[total, { Model: n }]`.
fn deleted_to_js(total: u64, counts: Vec<(String, u64)>) -> JsValue {
    let o = Object::new();
    for (name, n) in counts {
        let _ = Reflect::set(&o, &JsValue::from_str(&name), &JsValue::from_f64(n as f64));
    }
    Array::of2(&JsValue::from_f64(total as f64), &o).into()
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
