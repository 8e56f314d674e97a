//! Plans and their cache: a plan compiled for one QuerySet, bound with the
//! values of another of the same shape, gives exactly the full compile of
//! the other; values that need other SQL give `Mismatch`; bad values give
//! the full path's error. Plus linear chains and the LRU bound.

mod common;

use std::rc::Rc;
use std::time::{Duration, Instant};

use common::*;
use quarry::compiler::cache::{PlanCache, PlanKey, PLAN_CACHE_CAPACITY};
use quarry::compiler::plan::{compile_delete_plan, compile_plan, compile_update_plan, Bound, Plan};
use quarry::compiler::{self, Shape};
use quarry::exec::ops;
use quarry::model::{Config, FieldSpec};
use quarry::query::resolve::{AggInput, AnnotationInput};
use quarry::query::QuerySet;
use quarry::value::{ExprInput, Input};

fn bind(p: &Plan, q: &QuerySet) -> Bound {
    p.bind(&q.reg, &q.inputs()).unwrap_or_else(|e| panic!("bind failed: {e}"))
}

/// Plan `a`, bind it with `b`'s values: the full compile of `b`.
fn same_shape_in(a: &QuerySet, b: &QuerySet, shape: Shape) {
    let p = compile_plan(a, shape).unwrap();
    assert!(p.cacheable, "not cacheable: {}", p.compiled.sql);
    let full = compiler::compile(b, shape).unwrap();
    assert_eq!(p.compiled.sql, full.sql, "same shape, same SQL");
    assert_ne!(p.compiled.params, full.params, "the test should use different values");
    match bind(&p, b) {
        Bound::Params(params) => assert_eq!(params, full.params, "{}", full.sql),
        Bound::Mismatch => panic!("unexpected mismatch: {} {:?} vs {:?}", full.sql, a.inputs(), b.inputs()),
    }
}

fn same_shape(a: &QuerySet, b: &QuerySet) {
    same_shape_in(a, b, Shape::Rows);
}

fn mismatch(a: &QuerySet, b: &QuerySet) {
    let p = compile_plan(a, Shape::Rows).unwrap();
    assert!(p.cacheable, "not cacheable: {}", p.compiled.sql);
    assert_eq!(bind(&p, b), Bound::Mismatch, "{} with {:?}", p.compiled.sql, b.inputs());
}

fn book(reg: &Rc<quarry::model::Registry>) -> QuerySet {
    qs(reg, "Book")
}

fn fw(q: &QuerySet, key: &str, v: Input) -> QuerySet {
    q.filter(&kw(&[(key, v)])).unwrap()
}

fn date(ms: f64) -> Input {
    Input::Date(ms)
}

#[test]
fn scalars_rebind() {
    let reg = registry();
    let a = qs(&reg, "Author");
    for key in ["age", "age__gt", "age__lt", "age__gte", "age__lte"] {
        same_shape(&fw(&a, key, n(30.0)), &fw(&a, key, n(41.0)));
    }
    // Integer rounding of gte/lt floats: same code in both paths.
    same_shape(&fw(&a, "age__gte", n(1.5)), &fw(&a, "age__gte", n(7.25)));
    same_shape(&fw(&a, "age__lt", n(1.5)), &fw(&a, "age__lt", n(-7.25)));
    // A string for an integer field is parsed alike.
    same_shape(&fw(&a, "age", s("12")), &fw(&a, "age", s(" 40 ")));
    let b = book(&reg);
    same_shape(&fw(&b, "rating__gt", n(1.5)), &fw(&b, "rating__gt", n(3.25)));
    same_shape(&fw(&b, "title", s("a")), &fw(&b, "title", s("b")));
    // Booleans are their own facts: equal values re-bind, the other is another shape.
    same_shape(&fw(&fw(&b, "inPrint", b_(true)), "pages", n(1.0)), &fw(&fw(&b, "inPrint", b_(true)), "pages", n(2.0)));
    mismatch(&fw(&b, "inPrint", b_(true)), &fw(&b, "inPrint", b_(false)));
}

fn b_(v: bool) -> Input {
    Input::Bool(v)
}

#[test]
fn kinds_rebind() {
    let reg = registry();
    let b = book(&reg);
    same_shape(&fw(&b, "pubDate", s("2020-01-01")), &fw(&b, "pubDate", s("2021-05-06")));
    same_shape(&fw(&b, "pubDate__lt", date(0.0)), &fw(&b, "pubDate__lt", date(1.6e12)));
    same_shape(&fw(&b, "created__gte", date(1.0e12)), &fw(&b, "created__gte", date(1.7e12)));
    same_shape(&fw(&b, "created", s("2020-01-01T10:00:00Z")), &fw(&b, "created", s("2021-01-01 11:30")));
    same_shape(&fw(&b, "price", s("1.50")), &fw(&b, "price", s("22.25")));
    same_shape(&fw(&b, "price__gt", n(3.0)), &fw(&b, "price__gt", n(4.0)));
    // FK: an instance, a raw id, an id through the join-less path.
    same_shape(&fw(&b, "author", inst("Author", 1.0)), &fw(&b, "author", inst("Author", 2.0)));
    same_shape(&fw(&b, "author_id", n(3.0)), &fw(&b, "author_id", n(4.0)));
    same_shape(&fw(&b, "author__id", n(3.0)), &fw(&b, "author__id", n(4.0)));
    same_shape(
        &fw(&b, "author__in", list(vec![inst("Author", 1.0), inst("Author", 2.0)])),
        &fw(&b, "author__in", list(vec![inst("Author", 5.0), inst("Author", 6.0)])),
    );
}

#[test]
fn uuid_rebinds() {
    let reg = registry();
    reg.define("Thing", vec![("uid".into(), FieldSpec { kind: "UUIDField".into(), ..Default::default() })], None, vec![], vec![]).unwrap();
    let t = qs(&reg, "Thing");
    same_shape(&fw(&t, "uid", s("12345678-1234-5678-1234-567812345678")), &fw(&t, "uid", s("ABCDEF00123456781234567812345678")));
    let p = compile_plan(&fw(&t, "uid", s("12345678-1234-5678-1234-567812345678")), Shape::Rows).unwrap();
    let bad = p.bind(&reg, &[s("nope")]).unwrap_err().to_string();
    let full = t.filter(&kw(&[("uid", s("nope"))])).unwrap_err().to_string();
    assert_eq!(bad, full);
}

#[test]
fn like_rebinds() {
    let reg = registry();
    let b = book(&reg);
    for lookup in ["contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact", "regex", "iregex"] {
        let key = format!("title__{lookup}");
        same_shape(&fw(&b, &key, s("ab")), &fw(&b, &key, s("x%_y\\z")));
    }
    // Long LIKE: both long binds (the long form's two params for startswith).
    let long1 = "a".repeat(60);
    let long2 = "b%".repeat(40);
    for lookup in ["contains", "startswith", "iendswith", "iexact"] {
        let key = format!("title__{lookup}");
        same_shape(&fw(&b, &key, s(&long1)), &fw(&b, &key, s(&long2)));
        // Crossing the host's LIKE limit changes the SQL.
        mismatch(&fw(&b, &key, s("short")), &fw(&b, &key, s(&long1)));
        mismatch(&fw(&b, &key, s(&long1)), &fw(&b, &key, s("short")));
    }
    // Escaping grows the pattern: 50 bytes of text ending in `%` make 51.
    let near = format!("{}%", "a".repeat(49));
    mismatch(&fw(&b, "title__iexact", s("short")), &fw(&b, "title__iexact", s(&near)));
}

#[test]
fn in_lists() {
    let reg = registry();
    let b = book(&reg);
    let ints = |v: &[f64]| list(v.iter().map(|x| n(*x)).collect());
    same_shape(&fw(&b, "pk__in", ints(&[1.0, 2.0, 3.0])), &fw(&b, "pk__in", ints(&[7.0, 8.0, 9.0])));
    // Duplicates dropped alike.
    same_shape(&fw(&b, "pk__in", ints(&[1.0, 2.0, 2.0])), &fw(&b, "pk__in", ints(&[3.0, 3.0, 4.0])));
    // Nulls dropped alike (the fact records where they are).
    same_shape(&fw(&b, "pk__in", list(vec![n(1.0), Input::Null, n(2.0)])), &fw(&b, "pk__in", list(vec![n(5.0), Input::Null, n(6.0)])));
    same_shape(&fw(&b, "title__in", list(vec![s("a"), s("b")])), &fw(&b, "title__in", list(vec![s("c"), s("d")])));
    // A different count of distinct values: other SQL.
    mismatch(&fw(&b, "pk__in", ints(&[1.0, 2.0])), &fw(&b, "pk__in", ints(&[1.0, 1.0])));
    mismatch(&fw(&b, "pk__in", ints(&[1.0, 1.0])), &fw(&b, "pk__in", ints(&[1.0, 2.0])));
    // A different length or a null: another fact.
    mismatch(&fw(&b, "pk__in", ints(&[1.0, 2.0])), &fw(&b, "pk__in", ints(&[1.0, 2.0, 3.0])));
    mismatch(&fw(&b, "pk__in", ints(&[1.0, 2.0])), &fw(&b, "pk__in", list(vec![n(1.0), Input::Null])));
    // An empty list matches nothing (no param); it re-binds only with another empty list.
    let empty = fw(&b, "pk__in", list(vec![]));
    let p = compile_plan(&empty, Shape::Rows).unwrap();
    assert!(p.empty);
    assert_eq!(bind(&p, &fw(&b, "pk__in", list(vec![]))), Bound::Params(vec![]));
    assert_eq!(bind(&p, &fw(&b, "pk__in", ints(&[1.0]))), Bound::Mismatch);
}

#[test]
fn json_lists() {
    // A host taking 5 params: two lists of 4 go as JSON.
    let reg = registry_with(Config { max_params: 5, ..Config::default() });
    let b = book(&reg);
    let ints = |v: &[f64]| list(v.iter().map(|x| n(*x)).collect());
    let two = |x: &[f64], y: &[f64]| fw(&fw(&b, "pk__in", ints(x)), "pages__in", ints(y));
    let a = two(&[1.0, 2.0, 3.0, 4.0], &[5.0, 6.0, 7.0, 8.0]);
    assert!(compiler::compile(&a, Shape::Rows).unwrap().sql.contains("json_each"));
    same_shape(&a, &two(&[9.0, 10.0, 11.0, 12.0], &[13.0, 14.0, 15.0, 16.0]));
    // Fewer distinct values bind one by one: other SQL.
    mismatch(&a, &two(&[1.0, 1.0, 1.0, 1.0], &[2.0, 2.0, 2.0, 2.0]));
    mismatch(&two(&[1.0, 1.0, 1.0, 1.0], &[2.0, 2.0, 2.0, 2.0]), &a);
    // Still JSON with a repeated value, as long as the plain form passes the limit.
    same_shape(&a, &two(&[1.0, 1.0, 3.0, 4.0], &[5.0, 6.0, 7.0, 8.0]));
    mismatch(&a, &two(&[1.0, 1.0, 1.0, 4.0], &[5.0, 5.0, 7.0, 7.0]));
}

#[test]
fn range_and_year() {
    let reg = registry();
    let b = book(&reg);
    same_shape(&fw(&b, "pages__range", list(vec![n(1.0), n(10.0)])), &fw(&b, "pages__range", list(vec![n(5.0), n(50.0)])));
    same_shape(
        &fw(&b, "pubDate__range", list(vec![s("2020-01-01"), s("2020-12-31")])),
        &fw(&b, "pubDate__range", list(vec![s("2019-01-01"), s("2019-02-01")])),
    );
    for key in ["pubDate__year", "pubDate__year__gt", "pubDate__year__gte", "pubDate__year__lt", "created__year", "created__year__lte"] {
        same_shape(&fw(&b, key, n(2020.0)), &fw(&b, key, n(2021.0)));
    }
    same_shape(&fw(&b, "pubDate__month", n(2.0)), &fw(&b, "pubDate__month", n(11.0)));
    same_shape(&fw(&b, "created__hour__gte", n(2.0)), &fw(&b, "created__hour__gte", n(11.0)));
}

#[test]
fn slices() {
    let reg = registry();
    let t = qs(&reg, "Tag");
    let sl = |q: &QuerySet, a: Option<i64>, b: Option<i64>| q.slice(a, b).unwrap();
    same_shape(&sl(&t, Some(1), Some(5)), &sl(&t, Some(2), Some(8)));
    same_shape(&sl(&t, None, Some(5)), &sl(&t, None, Some(9)));
    same_shape(&sl(&t, Some(3), None), &sl(&t, Some(7), None));
    // Composed slices replay the composition.
    same_shape(&sl(&sl(&t, Some(1), Some(10)), Some(2), Some(5)), &sl(&sl(&t, Some(3), Some(20)), Some(1), Some(4)));
    same_shape(&sl(&sl(&t, Some(2), None), Some(1), Some(3)), &sl(&sl(&t, Some(5), None), Some(2), Some(9)));
    // Order + filter + limit + offset.
    let o = t.order_by(&strs(&["-name"])).unwrap();
    same_shape(&sl(&fw(&o, "name__startswith", s("a")), Some(10), Some(20)), &sl(&fw(&o, "name__startswith", s("b")), Some(30), Some(35)));
    // Gaining or losing the OFFSET, becoming empty: other SQL / no query.
    mismatch(&sl(&t, Some(0), Some(5)), &sl(&t, Some(1), Some(5)));
    mismatch(&sl(&t, Some(1), Some(5)), &sl(&t, Some(0), Some(5)));
    mismatch(&sl(&t, Some(2), Some(5)), &sl(&t, Some(3), Some(3)));
    mismatch(&sl(&sl(&t, Some(1), Some(3)), Some(1), None), &sl(&sl(&t, Some(1), Some(3)), Some(5), None));
    // null vs a number is another fact.
    mismatch(&sl(&t, None, Some(5)), &sl(&t, Some(1), Some(5)));
    // Negative values (possible from JS) raise slice()'s error.
    let p = compile_plan(&sl(&t, Some(1), Some(5)), Shape::Rows).unwrap();
    let e = p.bind(&reg, &[n(-1.0), n(5.0)]).unwrap_err().to_string();
    assert_eq!(e, t.slice(Some(-1), Some(5)).unwrap_err().to_string());
    // get(): its LIMIT 21 is the library's.
    same_shape(&ops::get_query(&fw(&t, "name", s("a"))).unwrap(), &ops::get_query(&fw(&t, "name", s("b"))).unwrap());
    same_shape(&ops::first_query(&fw(&t, "name", s("a")), true).unwrap(), &ops::first_query(&fw(&t, "name", s("b")), true).unwrap());
}

#[test]
fn counts_exists_joins_values() {
    let reg = registry();
    let b = book(&reg);
    let q1 = fw(&b, "author__name", s("x"));
    let q2 = fw(&b, "author__name", s("y"));
    same_shape(&q1, &q2);
    same_shape_in(&q1, &q2, Shape::Count);
    same_shape_in(&q1, &q2, Shape::Exists);
    let sliced = |q: &QuerySet, a: i64, e: i64| q.slice(Some(a), Some(e)).unwrap();
    same_shape_in(&sliced(&q1, 1, 4), &sliced(&q2, 2, 9), Shape::Count);
    same_shape_in(&sliced(&q1, 1, 4), &sliced(&q2, 2, 9), Shape::Exists);
    same_shape(&fw(&b, "tags__name__in", list(vec![s("a"), s("b")])), &fw(&b, "tags__name__in", list(vec![s("c"), s("d")])));
    let ex1 = b.exclude(&kw(&[("tags__name", s("a"))])).unwrap();
    let ex2 = b.exclude(&kw(&[("tags__name", s("b"))])).unwrap();
    same_shape(&ex1, &ex2);
    let v = |x: &str| fw(&b, "title__icontains", s(x)).values(&strs(&["title", "author__name"])).unwrap();
    same_shape(&v("a"), &v("b"));
    let or = |x: f64, y: &str| b.filter(&[or(vec![lk("pages__gt", n(x)), not(lk("title", s(y)))])]).unwrap();
    same_shape(&or(1.0, "a"), &or(2.0, "b"));
}

fn count_books(filter_gt: f64) -> AnnotationInput {
    AnnotationInput::Aggregate(AggInput {
        func: "Count".into(),
        path: "books".into(),
        expr: None,
        distinct: false,
        sample: false,
        filter: Some(lk("books__pages__gt", n(filter_gt))),
        default: None,
    })
}

#[test]
fn aggregates_and_expressions() {
    let reg = registry();
    let a = qs(&reg, "Author");
    let ann = |x: f64, min: f64| a.annotate(&[("n".into(), count_books(x))], true).unwrap().filter(&kw(&[("n__gte", n(min))])).unwrap();
    same_shape(&ann(100.0, 1.0), &ann(200.0, 2.0));
    let agg =
        |d: f64| AggInput { func: "Sum".into(), path: "pages".into(), expr: None, distinct: false, sample: false, filter: None, default: Some(n(d)) };
    same_shape(&book(&reg).aggregate(&[("s".into(), agg(0.0))]).unwrap(), &book(&reg).aggregate(&[("s".into(), agg(5.0))]).unwrap());
    // F() + Value() in a filter: the lookup's slot holds the expression, its Value the next.
    let plus = |x: f64| {
        let e = ExprInput::Combined {
            op: quarry::value::ArithOp::Add,
            lhs: Rc::new(ExprInput::F("rating".into())),
            rhs: Rc::new(ExprInput::Value(n(x))),
        };
        book(&reg).filter(&kw(&[("pages__gt", Input::Expr(Rc::new(e)))])).unwrap()
    };
    same_shape(&plus(1.0), &plus(2.0));
    assert_eq!(plus(1.0).inputs().len(), 2);
    // Case(When(...)) in an annotation.
    let case = |lim: f64, then: &str, other: &str| {
        let e = ExprInput::Case {
            whens: vec![(lk("pages__lt", n(lim)), Rc::new(ExprInput::Value(s(then))))],
            default: Some(Rc::new(ExprInput::Value(s(other)))),
            output: None,
        };
        book(&reg).annotate(&[("size".into(), AnnotationInput::Expr(e))], true).unwrap()
    };
    same_shape(&case(100.0, "short", "long"), &case(300.0, "s", "l"));
    assert_eq!(case(1.0, "a", "b").inputs(), vec![n(1.0), s("a"), s("b")]);
}

#[test]
fn updates() {
    let reg = registry();
    let b = book(&reg);
    let vals = |t: &str, p: f64| vec![("title".to_string(), s(t)), ("pages".to_string(), n(p))];
    let q1 = fw(&b, "pages__lt", n(10.0));
    let q2 = fw(&b, "pages__lt", n(20.0));
    let p = compile_update_plan(&q1, &vals("a", 3.0)).unwrap();
    assert!(p.cacheable);
    let full = compiler::compile_update(&q2, ops::assignments(&reg, &q2.model, &vals("b", 4.0)).unwrap()).unwrap();
    assert_eq!(p.compiled.sql, full.sql);
    let mut inputs = q2.inputs();
    inputs.extend([s("b"), n(4.0)]);
    assert_eq!(p.bind(&reg, &inputs).unwrap(), Bound::Params(full.params));
    // A bad value (of the plan's fact): the full path's error.
    let p = compile_update_plan(&q1, &[("title".to_string(), s("a")), ("pages".to_string(), s("3"))]).unwrap();
    let mut bad = q2.inputs();
    bad.extend([s("b"), s("many")]);
    let e = p.bind(&reg, &bad).unwrap_err().to_string();
    assert_eq!(
        e,
        ops::assignments(&reg, &q2.model, &vals("b", 0.0)[..1].iter().cloned().chain([("pages".to_string(), s("many"))]).collect::<Vec<_>>())
            .unwrap_err()
            .to_string()
    );
}

#[test]
fn deletes() {
    let reg = registry();
    let t = qs(&reg, "Tag");
    let q1 = fw(&t, "name__in", list(vec![s("a"), s("b")]));
    let q2 = fw(&t, "name__in", list(vec![s("c"), s("d")]));
    let p = compile_delete_plan(&q1).unwrap();
    assert!(p.cacheable);
    let full = compiler::compile_delete(&q2).unwrap();
    assert_eq!(p.compiled.sql, full.sql);
    assert_eq!(bind(&p, &q2), Bound::Params(full.params));
}

#[test]
fn mismatches() {
    let reg = registry();
    let a = qs(&reg, "Author");
    // null vs a value.
    mismatch(&fw(&a, "age", n(3.0)), &fw(&a, "age", Input::Null));
    mismatch(&fw(&a, "age", Input::Null), &fw(&a, "age", n(3.0)));
    // isnull true/false.
    mismatch(&fw(&a, "age__isnull", b_(true)), &fw(&a, "age__isnull", b_(false)));
    same_shape_or_equal(&fw(&a, "age__isnull", b_(true)), &fw(&a, "age__isnull", b_(true)));
    // Integral vs fractional numbers are other facts (float rounding, Value types).
    mismatch(&fw(&a, "age__gte", n(3.0)), &fw(&a, "age__gte", n(3.5)));
    // A plan is bound with exactly its slots.
    let p = compile_plan(&fw(&a, "age", n(3.0)), Shape::Rows).unwrap();
    assert_eq!(p.bind(&reg, &[]).unwrap(), Bound::Mismatch);
    assert_eq!(p.bind(&reg, &[n(1.0), n(2.0)]).unwrap(), Bound::Mismatch);
    // Values the library adds itself are not slots: never cacheable.
    let p = compile_plan(&a.pk_filter(n(3.0)).unwrap(), Shape::Rows).unwrap();
    assert!(!p.cacheable);
    assert_eq!(p.bind(&reg, &[]).unwrap(), Bound::Mismatch);
}

fn same_shape_or_equal(a: &QuerySet, b: &QuerySet) {
    let p = compile_plan(a, Shape::Rows).unwrap();
    let full = compiler::compile(b, Shape::Rows).unwrap();
    assert_eq!(bind(&p, b), Bound::Params(full.params));
}

#[test]
fn conversion_errors_match_the_full_path() {
    let reg = registry();
    let a = qs(&reg, "Author");
    let b = book(&reg);
    let cases: Vec<(QuerySet, &str, Input, Input)> = vec![
        (a.clone(), "age", s("12"), s("abc")),
        (a.clone(), "age__in", list(vec![s("1"), s("2")]), list(vec![s("1"), s("x")])),
        (b.clone(), "pubDate", s("2020-01-01"), s("2020-02-30")),
        (b.clone(), "pubDate", s("2020-01-01"), s("soon")),
        (b.clone(), "created", date(0.0), date(f64::NAN)),
        (b.clone(), "price", s("1.5"), s("one")),
        (b.clone(), "pages__range", list(vec![n(1.0), s("2")]), list(vec![n(1.0), s("two")])),
        (b.clone(), "author", inst("Author", 1.0), Input::Instance { model: "Tag".into(), pk: Box::new(n(1.0)) }),
    ];
    for (q, key, good, bad) in cases {
        let plan = compile_plan(&fw(&q, key, good.clone()), Shape::Rows).unwrap();
        let full = q.filter(&kw(&[(key, bad.clone())]));
        let full = full.expect_err(key);
        match plan.bind(&reg, std::slice::from_ref(&bad)) {
            Err(e) => assert_eq!(e.to_string(), full.to_string(), "{key}"),
            Ok(Bound::Mismatch) => assert_ne!(good.fact(), bad.fact(), "{key}: same fact, the full path raised {full}"),
            Ok(b) => panic!("{key} {bad:?}: bound {b:?}, the full path raised {full}"),
        }
    }
    // The first error in slot order, as the full path meets it.
    let two = |x: Input, y: Input| a.filter(&kw(&[("age", x)])).and_then(|q| q.filter(&kw(&[("name__in", list(vec![y]))])));
    let plan = compile_plan(&two(s("1"), s("n")).unwrap(), Shape::Rows).unwrap();
    let e = plan.bind(&reg, &[s("bad"), list(vec![s("n")])]).unwrap_err().to_string();
    assert_eq!(e, two(s("bad"), s("n")).unwrap_err().to_string());
    // A value whose condition a simplification dropped is still converted.
    let dropped = |x: Input| a.filter(&[or(vec![lk("age", x), not(lk("pk__in", list(vec![])))])]);
    let plan = compile_plan(&dropped(s("1")).unwrap(), Shape::Rows).unwrap();
    assert!(plan.cacheable);
    assert!(plan.compiled.params.is_empty());
    let e = plan.bind(&reg, &[s("zz"), list(vec![])]).unwrap_err();
    assert_eq!(e.to_string(), dropped(s("zz")).unwrap_err().to_string());
}

#[test]
fn plan_cache_is_bounded() {
    let mut cache: PlanCache = PlanCache::default();
    let reg = registry();
    let plan = Rc::new(compile_plan(&qs(&reg, "Tag"), Shape::Rows).unwrap());
    for k in 0..10_000u64 {
        cache.insert(PlanKey { shape: k, terminal: (k % 3) as u32 }, plan.clone());
        assert!(cache.len() <= PLAN_CACHE_CAPACITY);
    }
    assert_eq!(cache.len(), PLAN_CACHE_CAPACITY);
    // The most recent are kept, the oldest gone.
    assert!(cache.get(&PlanKey { shape: 9_999, terminal: 0 }).is_some());
    assert!(cache.get(&PlanKey { shape: 0, terminal: 0 }).is_none());
    // A payload (the row plan) rides with the plan.
    let p = compile_plan(&qs(&reg, "Tag"), Shape::Rows).unwrap().with_payload(Rc::new(compiler::plan_convs(&qs(&reg, "Tag")).unwrap()));
    assert!(p.payload.as_ref().and_then(|x| x.downcast_ref::<Vec<(String, quarry::query::Conv)>>()).is_some());
}

fn chain(len: usize) -> Duration {
    let reg = registry_with(Config { max_params: 1_000_000, ..Config::default() });
    let start = Instant::now();
    let mut q = qs(&reg, "Book");
    for _ in 0..len {
        q = q.filter(&kw(&[("pk__gte", n(1.0))])).unwrap();
    }
    let c = compiler::compile(&q, Shape::Rows).unwrap();
    assert_eq!(c.params.len(), len);
    let p = compile_plan(&q, Shape::Rows).unwrap();
    assert!(matches!(p.bind(&reg, &q.inputs()).unwrap(), Bound::Params(v) if v.len() == len));
    drop(q);
    start.elapsed()
}

#[test]
fn long_chains_are_linear() {
    let t = chain(10_000);
    eprintln!("10,000 chained filters: build + compile + plan + bind in {t:?}");
    assert!(t < Duration::from_secs(2), "10,000 chained filters took {t:?}");
    // Quadratic growth would make 4x the chain 16x slower; allow noise. The
    // best of three runs each: a loaded machine only ever adds time.
    let best = |n| (0..3).map(|_| chain(n)).min().unwrap_or_default();
    let small = best(2_000).max(Duration::from_millis(1));
    let big = best(8_000);
    eprintln!("2,000: {small:?}, 8,000: {big:?}");
    assert!(big < small * 10, "2,000 took {small:?}, 8,000 took {big:?}");
}

#[test]
fn long_in_list_is_linear() {
    let reg = registry_with(Config { max_params: 1_000_000, ..Config::default() });
    let items: Vec<Input> = (0..200_000).map(|i| n((i % 100_000) as f64)).collect();
    let start = Instant::now();
    let q = book(&reg).filter(&kw(&[("pk__in", list(items))])).unwrap();
    let c = compiler::compile(&q, Shape::Rows).unwrap();
    assert_eq!(c.params.len(), 100_000);
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}
