#!/usr/bin/env python3
"""Ask real Django the same question on the same data.

Reads one JSON document on stdin:

    { "fixture": <tests/django/fixture.json>, "cases": [ <case>, ... ],
      "options": { "reverseUnordered": false } }          # options optional

and prints on stdout:

    { "django": "5.2.x", "sqlite": "3.x",
      "results": [ {"ok": true, "value": ..., "ordered": bool}
                 | {"ok": false, "error": "ExceptionClassName", "message": "..."} ] }

one result per case, in order. `ordered` tells whether Django considers the
final QuerySet ordered (QuerySet.ordered); when it is false, a list result's
order is unspecified and should be compared sorted.

The case format is described in tests/django/README.md. The database is a
fresh in-memory SQLite database built from the fixture on every run; Django
itself is configured standalone (no project, no migrations).

Two options exist for tests/django/selfcheck.py, which uses them to find
cases whose answer depends on an order SQLite does not promise:
`options.reverseUnordered` turns on SQLite's `PRAGMA reverse_unordered_selects`,
and `options.tiebreak` ("pk" or "-pk") appends that ordering to every ordered,
non-distinct QuerySet (and to earliest()/latest()'s fields), so that ties in
ORDER BY come out one way or the other.
"""

import datetime
import decimal
import functools
import json
import operator
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep tests/django free of __pycache__

try:
    import django
except ImportError:  # pragma: no cover - environment problem
    sys.stderr.write(
        "oracle.py: Django is not installed; run: pip install 'django==5.2.*'\n"
    )
    sys.exit(3)

if django.VERSION[:2] != (5, 2):
    sys.stderr.write(
        "oracle.py: Django 5.2 is required (found %s); run: pip install 'django==5.2.*'\n"
        % django.get_version()
    )
    sys.exit(3)

from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
        }
    },
    INSTALLED_APPS=["oracle_app.apps.OracleAppConfig"],
    USE_TZ=True,
    TIME_ZONE="UTC",
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from oracle_app.models import Author, Book, Event, Publisher, Tag  # noqa: E402

MODELS = {"Publisher": Publisher, "Author": Author, "Tag": Tag, "Book": Book, "Event": Event}
# Creation order (foreign keys first).
MODEL_ORDER = ["Publisher", "Author", "Tag", "Book"]


class CaseFormatError(Exception):
    """The case itself is malformed (not a Django error)."""


# --------------------------------------------------------------------------
# Input conversion


def parse_datetime(s):
    if not isinstance(s, str):
        raise CaseFormatError("$datetime needs an ISO string, got %r" % (s,))
    dt = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        raise CaseFormatError("$datetime must carry a zone (use Z): %r" % (s,))
    return dt.astimezone(datetime.timezone.utc)


EXPR_KEYS = ("$F", "$value", "$case", "$exists", "$subquery", "$outer", "$agg", "$func", "$kt", "$jsonObject", "$window", "$op", "$cond")


def to_expr(v):
    """An expression object ({"$F": ...}, {"$case": ...}, ...; see README.md)."""
    from django.db.models import Case, Exists, F, OuterRef, Subquery, Value, When
    from django.db.models import aggregates

    if "$F" in v:
        return F(v["$F"])
    if "$cond" in v:
        return to_q(v["$cond"])
    if "$value" in v:
        return Value(to_py(v["$value"]))
    if "$outer" in v:
        inner = v["$outer"]
        return OuterRef(to_expr(inner) if isinstance(inner, dict) else inner)
    if "$case" in v:
        whens = [When(to_cond_arg(c), then=to_py(t)) for c, t in v["$case"]]
        kw = {"default": to_py(v["default"])} if "default" in v else {}
        return Case(*whens, **kw)
    if "$exists" in v:
        return Exists(build(v["$exists"]))
    if "$subquery" in v:
        return Subquery(build(v["$subquery"]))
    if "$func" in v:
        from django.db.models import fields
        from django.db.models import functions

        kw = dict(v.get("opts", {}))
        if "outputField" in kw:
            kw["output_field"] = getattr(fields, kw.pop("outputField"))()
        args = [to_py(a) if isinstance(a, dict) else a for a in v.get("args", [])]
        if v["$func"] == "Cast" and "output_field" in kw:
            args.append(kw.pop("output_field"))
        from django.db import models as m

        return (getattr(functions, v["$func"], None) or getattr(m, v["$func"]))(*args, **kw)
    if "$op" in v:
        ops = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv, "mod": operator.mod}
        return ops[v["$op"]](to_py(v["lhs"]), to_py(v["rhs"]))
    if "$kt" in v:
        from django.db.models.fields.json import KT

        return KT(v["$kt"])
    if "$jsonObject" in v:
        from django.db.models.functions import JSONObject

        return JSONObject(**{k: to_py(x) for k, x in v["$jsonObject"].items()})
    if "$agg" in v:
        arg = v.get("arg")
        kw = dict(v.get("opts", {}))
        if "filter" in kw:
            kw["filter"] = to_cond_arg(kw["filter"])
        if "default" in kw:
            kw["default"] = to_py(kw["default"])
        return getattr(aggregates, v["$agg"])(to_py(arg) if isinstance(arg, dict) else arg, **kw)
    if "$window" in v:
        from django.db.models import RowRange, ValueRange, Window

        kw = {}
        if "partitionBy" in v:
            p = v["partitionBy"]
            kw["partition_by"] = [to_py(x) for x in p] if isinstance(p, list) else to_py(p)
        if "orderBy" in v:
            o = v["orderBy"]
            kw["order_by"] = [order_arg(x) for x in o] if isinstance(o, list) else order_arg(o)
        if "frame" in v:
            f = v["frame"]
            kind = RowRange if "rows" in f else ValueRange
            start, end = f.get("rows", f.get("range"))
            kw["frame"] = kind(start=start, end=end)
        return Window(to_expr(v["$window"]), **kw)
    raise CaseFormatError("unknown expression %r" % (v,))


def to_py(v):
    """A JSON lookup value to the Python value Django is given."""
    if isinstance(v, list):
        return [to_py(x) for x in v]
    if isinstance(v, dict):
        if set(v) == {"$datetime"}:
            return parse_datetime(v["$datetime"])
        if set(v) == {"$json"}:
            return v["$json"]
        if set(v) == {"$qs"}:
            return build(v["$qs"])
        if any(k in v for k in EXPR_KEYS):
            return to_expr(v)
        raise CaseFormatError("unknown value object %r" % (v,))
    return v


def to_cond_arg(c):
    """A When() condition or positional filter argument: a boolean expression or a Q."""
    if isinstance(c, dict) and "$exists" in c:
        return to_expr(c)
    return to_q(c)


def to_q(cond):
    """A <cond> (lookups object or Q tree) to a Q object."""
    if not isinstance(cond, dict):
        raise CaseFormatError("a condition must be an object, got %r" % (cond,))
    if "$q" in cond:
        kind = cond["$q"]
        children = cond.get("children", [])
        if kind not in ("and", "or") or set(cond) - {"$q", "children"}:
            raise CaseFormatError("bad Q node %r" % (cond,))
        qs = [to_q(c) for c in children]
        if not qs:
            return Q()
        return functools.reduce(operator.and_ if kind == "and" else operator.or_, qs)
    if "$not" in cond:
        if set(cond) != {"$not"}:
            raise CaseFormatError("bad $not node %r" % (cond,))
        return ~to_q(cond["$not"])
    if "$exists" in cond:
        return Q(to_expr(cond))
    for k in cond:
        if k.startswith("$"):
            raise CaseFormatError("unknown condition key %r" % (k,))
    return Q(**{k: to_py(v) for k, v in cond.items()})


def cond_args(conds):
    """filter()/exclude()/get() arguments: a plain lookups object becomes
    kwargs (as a user would write filter(a=1, b=2)); Q trees become Q args."""
    args, kwargs = [], {}
    for c in conds:
        if isinstance(c, dict) and "$exists" in c:
            args.append(to_expr(c))
        elif isinstance(c, dict) and not any(k.startswith("$") for k in c):
            if set(kwargs) & set(c):
                # Same key twice: keep it as a separate Q to keep both.
                args.append(to_q(c))
            else:
                kwargs.update({k: to_py(v) for k, v in c.items()})
        else:
            args.append(to_q(c))
    return args, kwargs


# --------------------------------------------------------------------------
# Output conversion


def iso_datetime(dt):
    if dt.tzinfo is None:
        raise CaseFormatError("naive datetime in a result: %r" % (dt,))
    dt = dt.astimezone(datetime.timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


def to_json(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v
    if isinstance(v, datetime.datetime):
        return iso_datetime(v)
    if isinstance(v, datetime.time):
        return v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, models.Model):
        return v.pk
    if hasattr(v, "_asdict"):  # values_list(named=True)'s Row
        return {k: to_json(x) for k, x in v._asdict().items()}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    raise CaseFormatError("cannot convert result value %r" % (v,))


# --------------------------------------------------------------------------
# Database setup


def load_fixture(fixture):
    with connection.schema_editor() as editor:
        for name in MODEL_ORDER:
            editor.create_model(MODELS[name])  # also creates book_tags
        editor.create_model(Event)
    load_rows(fixture)
    # Event is read only (no group writes it): loaded once, outside MODEL_ORDER.
    # {"$jsonNull": true} as `data` is JSON's null (Value(None, JSONField())).
    Event.objects.bulk_create(
        [
            Event(**{k: (models.Value(None, models.JSONField()) if isinstance(v, dict) and "$jsonNull" in v else
                         parse_datetime(v) if k == "happened" and v is not None else
                         datetime.date.fromisoformat(v) if k == "day" and v is not None else v)
                     for k, v in row.items()})
            for row in fixture.get("Event", [])
        ]
    )


def load_rows(fixture):
    for name in MODEL_ORDER:
        model = MODELS[name]
        objs = []
        for row in fixture.get(name, []):
            kwargs = {}
            for key, value in row.items():
                field = model._meta.get_field(key[:-3] if key.endswith("_id") and key != "id" else key)
                if value is not None:
                    if isinstance(field, models.DateTimeField):
                        value = parse_datetime(value)
                    elif isinstance(field, models.DateField):
                        value = datetime.date.fromisoformat(value)
                    elif isinstance(field, models.DecimalField):
                        value = decimal.Decimal(value)
                kwargs[key] = value
            objs.append(model(**kwargs))
        model.objects.bulk_create(objs)
    Through = Book.tags.through
    Through.objects.bulk_create(
        [Through(book_id=r["book_id"], tag_id=r["tag_id"]) for r in fixture.get("book_tags", [])]
    )


# --------------------------------------------------------------------------
# Running a case


def order_arg(a):
    """An orderBy() argument: a name, an expression, or {"$asc" | "$desc": <expr>, "nullsFirst"?, "nullsLast"?}."""
    if isinstance(a, str):
        return a
    for k in ("$asc", "$desc"):
        if k in a:
            kw = {}
            if "nullsFirst" in a:
                kw["nulls_first"] = a["nullsFirst"]
            if "nullsLast" in a:
                kw["nulls_last"] = a["nullsLast"]
            e = to_expr(a[k])
            return e.asc(**kw) if k == "$asc" else e.desc(**kw)
    return to_expr(a)


def build(case):
    model = MODELS.get(case.get("model"))
    if model is None:
        raise CaseFormatError("unknown model %r" % (case.get("model"),))
    if "raw" in case:  # Model.objects.raw(sql, params): a RawQuerySet
        return model.objects.raw(*case["raw"])
    qs = model.objects.all()
    for op in case.get("ops", []):
        if not isinstance(op, list) or not op or not isinstance(op[0], str):
            raise CaseFormatError("bad op %r" % (op,))
        name, args = op[0], op[1:]
        if name == "filter":
            a, kw = cond_args(args)
            qs = qs.filter(*a, **kw)
        elif name == "exclude":
            a, kw = cond_args(args)
            qs = qs.exclude(*a, **kw)
        elif name == "filterMutated":
            # filter(lookups) (or filter(Q(lookups)) with a third argument
            # true), then the caller's lists grow by the second object's items.
            kw = {k: to_py(v) for k, v in args[0].items()}
            qs = qs.filter(Q(**kw)) if len(args) > 2 and args[2] else qs.filter(**kw)
            for k, extra in args[1].items():
                kw[k].extend(to_py(x) for x in extra)
        elif name == "orderBy":
            qs = qs.order_by(*[order_arg(a) for a in args])
        elif name == "distinct":
            qs = qs.distinct(*args)
        elif name == "reverse":
            qs = qs.reverse()
        elif name == "all":
            qs = qs.all()
        elif name == "none":
            qs = qs.none()
        elif name == "slice":
            if len(args) == 1:
                qs = qs[args[0]:]
            elif len(args) == 2:
                qs = qs[args[0]:args[1]]
            else:
                raise CaseFormatError("slice takes 1 or 2 arguments: %r" % (op,))
        elif name == "values":
            if args and isinstance(args[-1], dict):
                qs = qs.values(*args[:-1], **{k: to_py(v) for k, v in args[-1].items()})
            else:
                qs = qs.values(*args)
        elif name == "valuesList":
            qs = qs.values_list(*args)
        elif name == "valuesListFlat":
            qs = qs.values_list(*args, flat=True)
        elif name == "valuesListNamed":
            qs = qs.values_list(*args, named=True)
        elif name == "valuesListNamedFlat":
            qs = qs.values_list(*args, flat=True, named=True)
        elif name == "selectRelated":
            qs = qs.select_related(*args)
        elif name == "only":
            qs = qs.only(*args)
        elif name == "defer":
            qs = qs.defer(*args)
        elif name in ("annotate", "alias"):
            if len(args) != 1 or not isinstance(args[0], dict):
                raise CaseFormatError("%s takes one object of expressions" % name)
            qs = getattr(qs, name)(**{k: to_py(v) for k, v in args[0].items()})
        elif name in ("dates", "datetimes"):
            qs = getattr(qs, name)(*args[:2], **({"order": args[2]} if len(args) > 2 else {}))
        elif name in ("union", "intersection", "difference"):
            # Operands are sub-cases {"ops": [...], "model"?: ...} (model defaults
            # to the case's); a last {"all": true} is union()'s option.
            kw = {}
            if args and isinstance(args[-1], dict) and "ops" not in args[-1]:
                kw = {"all": bool(args[-1].get("all"))}
                args = args[:-1]
            others = [build({"model": case.get("model"), **a}) for a in args]
            qs = getattr(qs, name)(*others, **kw)
        else:
            raise CaseFormatError("unknown op %r" % (name,))
    return qs


def apply_tiebreak(qs, tiebreak):
    """Check mode only: make ties in an ordered QuerySet's ORDER BY resolve by
    `tiebreak`. Works on sliced QuerySets too (it edits the query directly)."""
    if not tiebreak or qs.query.distinct or not qs.ordered:
        return qs
    # A grouped values() query groups by its ORDER BY too, and a combined
    # values() query selects an ordering it does not name: either way
    # another ORDER BY term would change the answer, not break its ties.
    if qs.query.group_by is not None or (qs.query.combinator and qs.query.values_select):
        return qs
    qs = qs._chain()
    q = qs.query
    if q.order_by:
        q.order_by = tuple(q.order_by) + (tiebreak,)
    elif q.default_ordering and q.get_meta().ordering:
        q.order_by = tuple(q.get_meta().ordering) + (tiebreak,)
    return qs


def run_terminal(qs, terminal, tiebreak=None):
    if isinstance(terminal, str):
        name, args = terminal, []
    elif isinstance(terminal, list) and terminal and isinstance(terminal[0], str):
        name, args = terminal[0], terminal[1:]
    else:
        raise CaseFormatError("bad terminal %r" % (terminal,))
    if name == "rawLoaded":
        # A RawQuerySet: per instance, its loaded fields and the extra columns named in args.
        out = [{"fields": loaded_fields(o), "extra": {a: to_json(getattr(o, a)) for a in args}} for o in qs]
        return {"ok": True, "value": out, "ordered": True}
    qs = apply_tiebreak(qs, tiebreak)
    if tiebreak and name in ("earliest", "latest") and args:
        args = list(args) + [tiebreak]
    if name == "list":
        value = list(qs)
        return {"ok": True, "value": to_json(value), "ordered": bool(qs.ordered)}
    if name == "count":
        return {"ok": True, "value": qs.count()}
    if name == "aggregate":
        return {"ok": True, "value": to_json(qs.aggregate(**{k: to_py(v) for k, v in args[0].items()}))}
    if name == "exists":
        return {"ok": True, "value": qs.exists()}
    if name == "first":
        return {"ok": True, "value": to_json(qs.first())}
    if name == "last":
        return {"ok": True, "value": to_json(qs.last())}
    if name == "get":
        a, kw = cond_args(args)
        return {"ok": True, "value": to_json(qs.get(*a, **kw))}
    if name == "earliest":
        return {"ok": True, "value": to_json(qs.earliest(*args))}
    if name == "latest":
        return {"ok": True, "value": to_json(qs.latest(*args))}
    if name == "bulkUpdate":
        return bulk_update(qs, *args)
    if name == "loaded":
        # ["loaded", path...]: per instance, its loaded fields and those of the
        # select_related objects at these paths.
        out = []
        for obj in qs:
            item = {"fields": loaded_fields(obj)}
            for path in args:
                o = obj
                for part in path.split("__"):
                    o = getattr(o, part) if o is not None else None
                item[path] = loaded_fields(o)
            out.append(item)
        return {"ok": True, "value": out, "ordered": bool(qs.ordered)}
    if name == "update":
        return update(qs, *args)
    raise CaseFormatError("unknown terminal %r" % (name,))


def loaded_fields(obj):
    """{attname: value} of the concrete fields loaded on obj (not in get_deferred_fields())."""
    if obj is None:
        return None
    deferred = obj.get_deferred_fields()
    return {f.attname: to_json(getattr(obj, f.attname)) for f in obj._meta.concrete_fields if f.attname not in deferred}


def bulk_update(qs, objs, fields, options=None):
    """["bulkUpdate", [{"id": pk, attname: value, ...}], [field, ...], {"batchSize": n}?]:
    each object is the row with that pk as Django loads it (a new instance if
    there is none), given the listed attribute values; then
    qs.bulk_update(objs, fields, batch_size=n). Answers the count and every
    row of the model by pk (values() dicts); the change is rolled back after."""
    if not isinstance(objs, list) or not all(isinstance(o, dict) and "id" in o for o in objs):
        raise CaseFormatError("bulkUpdate takes a list of objects with an id")
    model = qs.model
    with transaction.atomic():
        instances = []
        for o in objs:
            obj = model.objects.filter(pk=o["id"]).first() or model(pk=o["id"])
            for key, value in o.items():
                setattr(obj, key, to_py(value))
            instances.append(obj)
        try:
            count = qs.bulk_update(instances, fields, batch_size=(options or {}).get("batchSize"))
            rows = to_json(list(model.objects.order_by("pk").values()))
        finally:
            transaction.set_rollback(True)
    return {"ok": True, "value": {"count": count, "rows": rows}}


def update(qs, values):
    """["update", {field: value or expression}]: qs.update(**values). Answers the
    count and every row of the model by pk; the change is rolled back after."""
    model = qs.model
    with transaction.atomic():
        try:
            count = qs.update(**{k: to_py(v) for k, v in values.items()})
            rows = to_json(list(model.objects.order_by("pk").values()))
        finally:
            transaction.set_rollback(True)
    return {"ok": True, "value": {"count": count, "rows": rows}}


# --------------------------------------------------------------------------
# Groups of writes (db.atomic): see README.md, "Groups of writes"


def run_group(group, fixture):
    """A group of writes inside transaction.atomic() (committed, so that
    SQLite checks the deferred foreign keys): each write's result, then
    every table's rows. Objects named {"$obj": [Model, pk]} are loaded
    before the group starts (as the JS test loads them before db.atomic());
    {"$ref": i} / {"$ref": [i, r]} is the object write i created (row r of
    a bulkCreate). The fixture is loaded again afterwards."""
    try:
        loaded = {}
        preload(group.get("writes", []), loaded)
        results = []
        try:
            with transaction.atomic():
                for w in group.get("writes", []):
                    results.append(run_write(w, results, loaded))
            answer = {"ok": True, "value": [group_json(r) for r in results]}
        except CaseFormatError:
            raise
        except Exception as e:  # any Django error is an answer
            answer = {"ok": False, "error": type(e).__name__, "message": error_message(e)}
        answer["state"] = state()
        return answer
    except CaseFormatError as e:
        return {"ok": False, "error": "CaseFormatError", "message": str(e)}
    finally:
        with connection.cursor() as cur:
            for table in ("book_tags", "book", "tag", "author", "publisher", "sqlite_sequence"):
                cur.execute("DELETE FROM %s" % table)
        load_rows(fixture)


def preload(v, loaded):
    if isinstance(v, dict):
        if "$obj" in v:
            name, pk = v["$obj"]
            loaded[(name, pk)] = MODELS[name].objects.get(pk=pk)
        for x in v.values():
            preload(x, loaded)
    elif isinstance(v, list):
        for x in v:
            preload(x, loaded)


def group_value(v, results, loaded):
    """A value of a write: $obj / $ref objects, else as to_py()."""
    if isinstance(v, dict) and "$obj" in v:
        return loaded[tuple(v["$obj"])]
    if isinstance(v, dict) and "$ref" in v:
        ref = v["$ref"]
        return results[ref[0]][ref[1]] if isinstance(ref, list) else results[ref]
    if isinstance(v, list):
        return [group_value(x, results, loaded) for x in v]
    return to_py(v)


def group_values(d, results, loaded):
    return {k: group_value(v, results, loaded) for k, v in (d or {}).items()}


def run_write(w, results, loaded):
    if not isinstance(w, list) or not w:
        raise CaseFormatError("bad write %r" % (w,))
    name, args = w[0], w[1:]
    val = lambda v: group_value(v, results, loaded)  # noqa: E731
    if name == "create":
        return MODELS[args[0]].objects.create(**group_values(args[1], results, loaded))
    if name == "bulkCreate":
        opts = args[2] if len(args) > 2 else {}
        kw = {k2: opts[k1] for k1, k2 in (("batchSize", "batch_size"), ("ignoreConflicts", "ignore_conflicts"),
              ("updateConflicts", "update_conflicts"), ("updateFields", "update_fields"),
              ("uniqueFields", "unique_fields")) if k1 in opts}
        model = MODELS[args[0]]
        return model.objects.bulk_create([model(**group_values(o, results, loaded)) for o in args[1]], **kw)
    if name == "update":
        return build(args[0]).update(**group_values(args[1], results, loaded))
    if name == "delete":
        target = args[0]
        return (val(target) if "$obj" in target else build(target)).delete()
    if name == "save":
        if isinstance(args[0], str):
            obj = MODELS[args[0]](**group_values(args[1], results, loaded))
        else:
            obj = val(args[0])
            for k, v in group_values(args[1], results, loaded).items():
                setattr(obj, k, v)
        obj.save()
        return obj
    if name == "bulkUpdate":
        objs = []
        for ref, values in args[1]:
            obj = val(ref)
            for k, v in group_values(values, results, loaded).items():
                setattr(obj, k, v)
            objs.append(obj)
        opts = args[3] if len(args) > 3 else {}
        return build(args[0]).bulk_update(objs, args[2], batch_size=opts.get("batchSize"))
    if name in ("add", "remove", "set", "clear"):
        manager = getattr(val(args[0]), args[1])
        if name == "clear":
            manager.clear()
        elif name == "set":
            opts = args[3] if len(args) > 3 else {}
            manager.set(val(args[2]), clear=bool(opts.get("clear")))
        else:
            getattr(manager, name)(*val(args[2]))
        return None
    raise CaseFormatError("unknown write %r" % (name,))


def group_json(r):
    """A write's result: objects as their pk, deletion counts keyed by model name."""
    if isinstance(r, tuple) and len(r) == 2 and isinstance(r[1], dict):
        return [r[0], {k.split(".", 1)[-1]: n for k, n in r[1].items()}]
    return to_json(r)


def state():
    """Every row of every table, by pk (values() dicts), and the M2M rows."""
    out = {name: to_json(list(MODELS[name].objects.order_by("pk").values())) for name in MODEL_ORDER}
    out["book_tags"] = sorted([t.book_id, t.tag_id] for t in Book.tags.through.objects.all())
    return out


def error_message(e):
    if isinstance(e, ValidationError):
        return "; ".join(e.messages)
    return str(e)


def run_case(case, tiebreak=None):
    try:
        if not isinstance(case, dict):
            raise CaseFormatError("a case must be an object")
        qs = build(case)
        return run_terminal(qs, case.get("terminal", "list"), tiebreak)
    except CaseFormatError as e:
        return {"ok": False, "error": "CaseFormatError", "message": str(e)}
    except Exception as e:  # any Django error is an answer
        return {"ok": False, "error": type(e).__name__, "message": error_message(e)}


def main():
    doc = json.load(sys.stdin)
    fixture = doc.get("fixture")
    if fixture is None:
        with open(os.path.join(HERE, "fixture.json"), encoding="utf-8") as f:
            fixture = json.load(f)
    options = doc.get("options") or {}
    load_fixture(fixture)
    if options.get("reverseUnordered"):
        with connection.cursor() as cur:
            cur.execute("PRAGMA reverse_unordered_selects = ON")
    tiebreak = options.get("tiebreak")
    if tiebreak not in (None, "pk", "-pk"):
        raise SystemExit("oracle.py: options.tiebreak must be 'pk' or '-pk'")
    results = [run_case(c, tiebreak) for c in doc.get("cases", [])]
    groups = [run_group(g, fixture) for g in doc.get("groups", [])]
    import sqlite3

    out = {
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "results": results,
        "groups": groups,
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
