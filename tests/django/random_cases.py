#!/usr/bin/env python3
"""Random oracle cases: a differential run of Quarry against real Django.

    python3 tests/django/random_cases.py --seed 7 --count 400 > /tmp/r.json
    QUARRY_CASES=/tmp/r.json node --test tests/js/django.test.mjs

(`make differential SEED=7` does both.) Each case is built from the shared
fixture's own values, in the format of cases.json (README.md), mixing what
the curated cases test one at a time: lookups and Q trees over relations,
exclude() across multi-valued relations, F()/expressions as values and inside
`in`/`range` lists, annotations (aggregates, functions, arithmetic, Q,
Case/When, Exists/Subquery), values() grouping, windows, DISTINCT, ordering
and slicing, set operations, JSON lookups, updates and only()/defer() with
selectRelated(). Real Django answers each case first and its error, if any,
becomes the case's `expectError`, so every case states what Django does.

A case whose answer Quarry gets wrong is a bug to fix, then a curated case
in cases.json (a differential run of this generator found the wrong answers
fixed in stop 18). The same seed always gives the same cases.
"""

import argparse
import json
import os
import random
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = json.load(open(os.path.join(HERE, "fixture.json")))


def column(model, field):
    return [row.get(field) for row in FIXTURE[model]]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        fx = column
        self.book = {
            "title": ("text", fx("Book", "title")), "pages": ("int", fx("Book", "pages")),
            "rating": ("float", fx("Book", "rating")), "inPrint": ("bool", [True, False]),
            "pubDate": ("date", fx("Book", "pubDate")), "price": ("dec", fx("Book", "price")),
            "created": ("dt", fx("Book", "created")), "id": ("int", fx("Book", "id")),
            "author": ("fk", fx("Author", "id")), "publisher": ("fk", fx("Publisher", "id")),
            "author__name": ("text", fx("Author", "name")), "author__age": ("int", fx("Author", "age")),
            "publisher__name": ("text", fx("Publisher", "name")), "tags__name": ("text", fx("Tag", "name")),
        }
        self.author = {
            "name": ("text", fx("Author", "name")), "age": ("int", fx("Author", "age")),
            "email": ("text", fx("Author", "email")), "id": ("int", fx("Author", "id")),
            "books__pages": ("int", fx("Book", "pages")), "books__title": ("text", fx("Book", "title")),
            "books__rating": ("float", fx("Book", "rating")), "books__inPrint": ("bool", [True, False]),
            "books__pubDate": ("date", fx("Book", "pubDate")), "books__tags__name": ("text", fx("Tag", "name")),
            "books__publisher__name": ("text", fx("Publisher", "name")),
        }
        self.nums = {"Book": ["pages", "rating", "price", "author__age", "id"], "Author": ["age", "id", "books__pages", "books__rating", "books__price"]}

    def pick(self, seq):
        return self.r.choice(seq)

    LOOKUPS = {
        "text": ["", "__iexact", "__contains", "__icontains", "__startswith", "__istartswith", "__endswith", "__iendswith", "__in", "__isnull", "__gt"],
        "int": ["", "__gt", "__gte", "__lt", "__lte", "__in", "__range", "__isnull"],
        "float": ["", "__gt", "__lte", "__range", "__isnull", "__in"],
        "bool": ["", "__isnull"],
        "date": ["", "__gt", "__lte", "__year", "__month", "__day", "__week_day", "__quarter", "__year__gte", "__range", "__isnull", "__iso_year", "__week"],
        "dt": ["__date", "__year", "__hour", "__gt", "__isnull", "__month__in", "__date__gte"],
        "dec": ["", "__gt", "__lt", "__range", "__isnull", "__gte"],
        "fk": ["", "__in", "__isnull", "__gt"],
    }

    def value(self, kind, pool, lk):
        r = self.r
        vals = [v for v in pool if v is not None] or [1]
        v = r.choice(vals)
        if lk.endswith("isnull"):
            return r.choice([True, False])
        if lk.endswith("__in"):
            if kind == "dt":
                return [int(v[5:7]), r.randrange(1, 13)]
            return r.sample(vals, min(len(vals), r.randrange(1, 4)))
        if lk == "__range":
            a, b = sorted(r.sample(vals, 2), key=lambda x: x if isinstance(x, str) and kind == "date" else float(x)) if len(vals) > 1 else (v, v)
            return [a, b]
        if kind == "text":
            if lk in ("__iexact",):
                return v.swapcase()
            if lk in ("__contains", "__icontains", "__startswith", "__istartswith", "__endswith", "__iendswith"):
                n = r.randrange(1, 4)
                t = v[:n] if "start" in lk else v[-n:] if "end" in lk else v[r.randrange(0, max(1, len(v) - n)):][:n]
                return t.upper() if r.random() < 0.3 else t
        if kind == "date":
            parts = {"__year": v[:4], "__year__gte": v[:4], "__iso_year": v[:4], "__month": v[5:7], "__day": v[8:10]}
            if lk in parts:
                return int(parts[lk])
            if lk in ("__week_day", "__quarter", "__week"):
                return r.randrange(1, {"__week_day": 8, "__quarter": 5, "__week": 53}[lk])
        if kind == "dt":
            if lk in ("__date", "__date__gte"):
                return v[:10]
            if lk in ("__year", "__hour"):
                return int(v[:4] if lk == "__year" else v[11:13])
            return {"$datetime": v}
        return v

    def lookups(self, fields):
        out = {}
        for _ in range(self.pick([1, 1, 2])):
            f = self.pick(list(fields))
            kind, pool = fields[f]
            lk = self.pick(self.LOOKUPS[kind])
            out[f + lk] = self.value(kind, pool, lk)
        return out

    def cond(self, fields, depth=0):
        r = self.r.random()
        if r < 0.6 or depth > 1:
            return self.lookups(fields)
        if r < 0.8:
            return {"$q": self.pick(["and", "or"]), "children": [self.cond(fields, depth + 1) for _ in range(self.pick([2, 3]))]}
        return {"$not": self.cond(fields, depth + 1)}

    def expr(self, model):
        r = self.r.random()
        nums = self.nums[model]
        if r < 0.4:
            return {"$F": self.pick(nums)}
        if r < 0.7:
            return {"$op": self.pick(["add", "sub", "mul"]), "lhs": {"$F": self.pick(nums)}, "rhs": self.pick([1, 2, 10, 0.5])}
        return {"$func": self.pick(["Abs", "Round", "Ceil", "Floor"]), "args": [self.pick(nums)]}

    def aggregate(self, model, fields):
        a = {"$agg": self.pick(["Count", "Sum", "Avg", "Max", "Min"]), "arg": self.pick(self.nums[model])}
        opts = {}
        if self.r.random() < 0.3 and a["$agg"] in ("Count", "Sum", "Avg"):
            opts["distinct"] = True
        if self.r.random() < 0.3:
            opts["filter"] = self.lookups(fields)
        if opts:
            a["opts"] = opts
        return a

    def case(self, n):
        r = self.r
        model, fields = self.pick([("Book", self.book), ("Author", self.author)])
        orders = ["title", "pages", "-rating", "pubDate", "-price", "author__age", "publisher__name"] if model == "Book" else ["name", "-age", "email", "books__pages"]
        ops = [[self.pick(["filter", "filter", "exclude"]), self.cond(fields)] for _ in range(self.pick([0, 1, 1, 2]))]
        if r.random() < 0.3:
            ops.append([self.pick(["filter", "exclude"]), {self.pick(self.nums[model]) + self.pick(["", "__gt", "__lt"]): self.expr(model)}])
        if r.random() < 0.2:
            ops.append([self.pick(["filter", "exclude"]), {self.pick(self.nums[model]) + self.pick(["__in", "__range"]): [self.expr(model), self.pick([1, 300, 3.5, None])]}])
        if r.random() < 0.2:
            ops.append(["annotate", {"q": {"$cond": self.cond(fields)}}])
            if r.random() < 0.5:
                ops.append(["filter", {"q": self.pick([True, False])}])
        c = {"model": model}
        kind = r.random()
        if kind < 0.25:
            ann = {"x0": self.pick([self.aggregate(model, fields), self.expr(model)]), "x1": self.aggregate(model, fields)}
            ops.append(["annotate", ann])
            if r.random() < 0.4:
                ops.append(["filter", {"x0__gt": self.pick([0, 1, 100, 3.5])}])
            ops.append(["orderBy", self.pick(orders + ["x0", "-x0"]), "id"])
            if r.random() < 0.3:
                ops.append(["slice", r.randrange(0, 4), r.randrange(4, 9)])
            ops.append(["values", "id", "x0", "x1"])
        elif kind < 0.4:
            by = self.pick(["author", "publisher", "inPrint", "pubDate__year"] if model == "Book" else ["age", "name"])
            ops += [["values", by], ["annotate", {"n": self.aggregate(model, fields)}], ["orderBy", by, "n"]]
        elif kind < 0.5:
            c["terminal"] = ["aggregate", {"a%d" % k: self.aggregate(model, fields) for k in range(self.pick([1, 2, 3]))}]
        elif kind < 0.6:
            outer = "pk" if model == "Author" else "author"
            sub = {"model": "Book", "ops": [["filter", {"author": {"$outer": outer}, **self.lookups({k: v for k, v in self.book.items() if "__" not in k})}]]}
            if r.random() < 0.5:
                ops += [["annotate", {"x": {"$exists": sub}}], ["orderBy", "id"], ["values", "id", "x"]]
            else:
                sub["ops"] += [["orderBy", self.pick(["-pages", "pubDate", "title"]), "id"], ["values", self.pick(["pages", "price", "title"])], ["slice", 0, 1]]
                ops += [["annotate", {"s": {"$subquery": sub}}], ["orderBy", self.pick(["s", "-s"]), "id"], ["values", "id", "s"]]
        elif kind < 0.7:
            whens = [[self.lookups(fields), {"$value": self.pick(["a", "b"])}] for _ in range(self.pick([1, 2]))]
            ops += [["annotate", {"k": {"$case": whens, "default": {"$value": "z"}}}], ["orderBy", "k", "id"], ["values", "id", "k"]]
        elif kind < 0.78:
            src = self.pick([{"$agg": self.pick(["Sum", "Max", "Count"]), "arg": "pages" if model == "Book" else "age"}, {"$func": self.pick(["RowNumber", "Rank", "DenseRank"])}])
            w = {"$window": src, "orderBy": self.pick(["pages", "-rating", "-id"] if model == "Book" else ["name", "-age", "id"])}
            if r.random() < 0.6:
                w["partitionBy"] = self.pick(["author", "inPrint"] if model == "Book" else ["age"])
            ops += [["annotate", {"w": w}], ["orderBy", "id"], ["values", "id", "w"]]
        elif kind < 0.84:
            local = {k: v for k, v in fields.items() if "__" not in k and k not in ("author", "publisher")}
            op = self.pick(["union", "intersection", "difference"])
            ops = [["filter", self.lookups(local)], [op, {"ops": [["filter", self.lookups(local)]]}]]
            if r.random() < 0.5:
                ops.append(["orderBy", "-id"])
            c["terminal"] = self.pick(["list", "count"])
        elif kind < 0.9 and model == "Book":
            sr = r.sample(["author", "publisher"], self.pick([1, 2]))
            names = r.sample(["title", "pages", "rating", "price", "pk", "author", "publisher", "author__name", "publisher__name"], self.pick([1, 2, 3]))
            ops += [["selectRelated", *sr], [self.pick(["only", "defer"]), *names], ["orderBy", "id"]]
            c["terminal"] = ["loaded", *sr]
        elif kind < 0.95 and model == "Book":
            upd = self.pick([{"pages": {"$op": "add", "lhs": {"$F": "pages"}, "rhs": 1}}, {"rating": {"$func": "Coalesce", "args": ["rating", {"$value": 1}]}},
                             {"inPrint": {"$cond": self.lookups({k: v for k, v in self.book.items() if "__" not in k})}}, {"title": {"$func": "Upper", "args": ["title"]}}])
            c["terminal"] = ["update", upd]
        elif kind < 0.97:
            return self.event_case(n) if r.random() < 0.5 else self.func_case(n)
        else:
            ops.append(["orderBy", self.pick(orders), "id"])
            if r.random() < 0.4:
                ops.append(["slice", r.randrange(0, 5), r.randrange(5, 12)])
            elif r.random() < 0.3:
                ops.append(["reverse"])
            ops.append(["valuesListFlat", "id"])
        c["ops"] = ops
        c["name"] = "random %d" % n
        text = json.dumps(c)
        if any(w in text for w in ("books", "tags", "author", "publisher", "$outer")):
            c["relations"] = True
        return c


def json_at(data, path):
    for p in path:
        if isinstance(data, dict):
            data = data.get(p)
        elif isinstance(data, list) and p.isdigit() and int(p) < len(data):
            data = data[int(p)]
        else:
            return None
    return data


def event_case(self, n):
    """JSON key lookups, KT, dates()/datetimes() on the read-only Event model."""
    r = self.r
    key = self.pick(["data__owner__name", "data__n", "data__active", "data__price", "data__tags__0", "data__owner__age", "data__missing"])
    lk = self.pick(["", "__gt", "__lt", "__isnull", "__contains", "__icontains", "__startswith", "__in", "__iexact"])
    pool = [json_at(e.get("data"), key.split("__")[1:]) for e in FIXTURE.get("Event", []) if isinstance(e.get("data"), dict)]
    pool = [v for v in pool if v is not None and not isinstance(v, (dict, list))] or [1]
    v = self.pick(pool)
    if lk == "__isnull":
        v = self.pick([True, False])
    elif lk in ("__contains", "__icontains", "__startswith", "__iexact"):
        v = v[:2] if isinstance(v, str) else "a"
    elif lk == "__in":
        v = r.sample(pool, min(2, len(pool)))
    elif lk in ("__gt", "__lt") and isinstance(v, bool):
        v = 0
    ops = [[self.pick(["filter", "exclude"]), {key + lk: v}]]
    k = r.random()
    if k < 0.2:
        ops.append(["dates", "day", self.pick(["year", "month", "day", "week"])])
    elif k < 0.3:
        ops.append(["datetimes", "happened", self.pick(["year", "month", "day", "hour"])])
    elif k < 0.5:
        ops += [["annotate", {"o": {"$kt": self.pick(["data__owner__name", "data__n", "data__tags__1"])}}], ["orderBy", "o", "id"], ["values", "id", "o"]]
    else:
        ops += [["orderBy", "id"], ["valuesListFlat", "id"]]
    return {"model": "Event", "ops": ops, "name": "random %d" % n}


Gen.event_case = event_case


def func_case(self, n):
    """A database function of Book's columns, annotated and filtered on."""
    r = self.r
    text, num, date = self.pick(["title", "author__name"]), self.pick(["pages", "rating", "id"]), self.pick(["pubDate", "created"])
    f = self.pick([
        ("LPad", [text, r.randrange(0, 12), {"$value": self.pick(["*", "ab"])}]), ("RPad", [text, r.randrange(0, 12), {"$value": "-"}]),
        ("Repeat", [text, r.randrange(0, 3)]), ("Reverse", [text]), ("Replace", [text, {"$value": self.pick(["a", "o", "Dj"])}, {"$value": "_"}]),
        ("Substr", [text, r.randrange(1, 5), r.randrange(1, 6)]), ("StrIndex", [text, {"$value": self.pick(["a", "o", "e"])}]),
        ("Left", [text, r.randrange(0, 6)]), ("Right", [text, r.randrange(0, 6)]), ("Length", [text]), ("Lower", [text]), ("Upper", [text]),
        ("Ord", [text]), ("Trim", [text]), ("Concat", [text, {"$value": "/"}, text]),
        ("Sign", [num]), ("Abs", [num]), ("Sqrt", [num]), ("Ln", [num]), ("Power", [num, 2]), ("Mod", [num, 7]), ("Round", [num]),
        ("Ceil", [num]), ("Floor", [num]), ("Degrees", [num]), ("Cot", [num]), ("Exp", ["rating"]),
        ("ExtractYear", [date]), ("ExtractMonth", [date]), ("ExtractWeek", [date]), ("ExtractWeekDay", [date]), ("ExtractIsoWeekDay", [date]),
        ("ExtractQuarter", [date]), ("ExtractDay", [date]), ("ExtractIsoYear", [date]),
        ("TruncYear", [date]), ("TruncMonth", [date]), ("TruncQuarter", [date]), ("TruncWeek", [date]), ("TruncDay", [date]),
        ("Coalesce", ["rating", "pages"]), ("Greatest", ["pages", "id"]), ("Least", ["rating", "pages"]), ("NullIf", ["pages", "id"]),
    ])
    name, args = f
    ops = [["filter", {"id__lte": r.randrange(5, 16)}], ["annotate", {"f": {"$func": name, "args": args}}]]
    if r.random() < 0.3:
        ops.append(["filter", {"f__isnull": False}])
    ops += [["orderBy", "id"], ["values", "id", "f"]]
    case = {"model": "Book", "ops": ops, "name": "random %d" % n}
    if "__" in json.dumps(args):
        case["relations"] = True
    return case


Gen.func_case = func_case


def more_case(self, n):
    """--family more: what case() leaves out: distinct(), window frames and
    offset functions, nulls-first/last ordering, aggregates over annotations,
    first()/last()/exists()/count() terminals, alias(), arithmetic of two
    columns across relations, Subquery of a grouped count, M2M excludes."""
    r = self.r
    model, fields = self.pick([("Book", self.book), ("Author", self.author)])
    nums = self.nums[model]
    ops = [[self.pick(["filter", "exclude"]), self.cond(fields)] for _ in range(self.pick([0, 1, 1, 2]))]
    c = {"model": model}
    order = ["title", "-pages", "rating", "-pubDate", "id"] if model == "Book" else ["name", "-age", "email", "id"]
    kind = r.random()
    if kind < 0.12:
        by = self.pick(["author", "publisher__name", "inPrint", "tags__name", "pubDate__year"] if model == "Book" else ["age", "books__inPrint", "books__tags__name", "books__publisher__name"])
        ops += [["values", by], ["distinct"], ["orderBy", by]]
        c["terminal"] = self.pick(["list", "count"])
    elif kind < 0.22:
        ops += [["filter", self.lookups({k: v for k, v in fields.items() if "__" in k})], ["distinct"], ["orderBy", self.pick(order), "id"], ["values", "id"]]
        c["terminal"] = self.pick(["list", "count"])
    elif kind < 0.36:
        src = self.pick([{"$func": "Lag", "args": [self.pick(nums[:2])]}, {"$func": "Lead", "args": [self.pick(nums[:2]), 1]},
                         {"$func": "FirstValue", "args": [self.pick(nums[:2])]}, {"$func": "LastValue", "args": [self.pick(nums[:2])]},
                         {"$func": "NthValue", "args": [self.pick(nums[:2]), 2]}, {"$func": "Ntile", "args": [3]},
                         {"$func": "CumeDist"}, {"$func": "PercentRank"},
                         {"$agg": self.pick(["Sum", "Avg", "Max", "Min", "Count"]), "arg": self.pick(nums[:2])}])
        w = {"$window": src, "orderBy": [self.pick(order), "id"]}
        if r.random() < 0.5:
            w["partitionBy"] = self.pick(["author", "inPrint"] if model == "Book" else ["age"])
        if "$agg" in src or src.get("$func") in ("FirstValue", "LastValue", "NthValue"):
            if r.random() < 0.6:
                w["frame"] = {self.pick(["rows", "range"]): self.pick([[None, 0], [-1, 1], [0, None], [None, None], [-2, 0]])}
        ops += [["annotate", {"w": w}], ["orderBy", "id"], ["values", "id", "w"]]
    elif kind < 0.46:
        key = self.pick(nums)
        o = {self.pick(["$asc", "$desc"]): {"$F": key}}
        o[self.pick(["nullsFirst", "nullsLast"])] = True
        ops += [["orderBy", o, "id"], ["values", "id", key]]
        if r.random() < 0.4:
            ops.append(["slice", 0, r.randrange(3, 9)])
    elif kind < 0.56:
        agg = {"$agg": self.pick(["Count", "Sum", "Max"]), "arg": self.pick(["books", "books__pages", "books__tags"] if model == "Author" else ["tags", "tags__name", "pages"])}
        ops.append(["annotate", {"n": agg}])
        c["terminal"] = ["aggregate", {"a": {"$agg": self.pick(["Avg", "Sum", "Max", "Min", "Count"]), "arg": "n"}}]
    elif kind < 0.68:
        ops.append(["orderBy", self.pick(order), "id"])
        if r.random() < 0.5:
            ops.append(["slice", r.randrange(0, 4), r.randrange(4, 10)])
        c["terminal"] = self.pick(["first", "last", "exists", "count"])
        if c["terminal"] in ("first", "last") and any(op[0] == "slice" for op in ops):
            c["terminal"] = "count"
    elif kind < 0.78:
        ops += [["alias", {"a": self.expr(model)}], ["filter", {"a__" + self.pick(["gt", "lt", "gte"]): self.pick([1, 10, 100, 300, 3.5])}], ["orderBy", "id"], ["values", "id"]]
    elif kind < 0.88:
        a, b = r.sample(nums, 2)
        ops += [["annotate", {"x": {"$op": self.pick(["add", "sub", "mul"]), "lhs": {"$F": a}, "rhs": {"$F": b}}}],
                ["filter", {"x__" + self.pick(["gt", "lt", "isnull"]): self.pick([10, 300, 1000]) }], ["orderBy", "id", "x"], ["values", "id", "x"]]
        if ops[-3][1] and list(ops[-3][1])[0].endswith("isnull"):
            ops[-3][1] = {list(ops[-3][1])[0]: self.pick([True, False])}
    elif kind < 0.95:
        outer = "pk" if model == "Author" else "author"
        sub = {"model": "Book", "ops": [["filter", {"author": {"$outer": outer}}], ["values", "author"], ["annotate", {"c": {"$agg": self.pick(["Count", "Max", "Sum"]), "arg": "pages"}}], ["values", "c"]]}
        ops += [["annotate", {"s": {"$subquery": sub}}], ["filter", {"s__gt": self.pick([0, 1, 100, 500])}], ["orderBy", "id"], ["values", "id", "s"]]
    else:
        tag = self.pick(column("Tag", "name"))
        path = "tags__name" if model == "Book" else "books__tags__name"
        lk = self.pick(["", "__startswith", "__in"])
        ops += [["exclude", {path + lk: [tag, self.pick(column("Tag", "name"))] if lk == "__in" else tag}], ["orderBy", "id"], ["values", "id"]]
    c["ops"] = ops
    c["name"] = "random %d" % n
    c["relations"] = True
    return c


Gen.more_case = more_case


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--family", choices=["core", "more"], default="core", help="core: case(); more: more_case()")
    args = ap.parse_args()
    gen = Gen(args.seed)
    make = gen.case if args.family == "core" else gen.more_case
    cases = [make(n) for n in range(args.count)]
    for c in cases:
        c["name"] = "random seed %d #%s" % (args.seed, c["name"].split()[-1])
    answer_and_print(cases, lambda oracle, c: oracle["run_case"](c))


def answer_and_print(items, run):
    """Real Django's answer decides whether each case (or group) expects an
    error (`run(oracle, item)` asks it); then the list is printed as JSON."""
    sys.argv = [sys.argv[0]]
    oracle = runpy.run_path(os.path.join(HERE, "oracle.py"), run_name="oracle_lib")
    oracle["load_fixture"](FIXTURE)
    for item in items:
        result = run(oracle, item)
        if not result.get("ok"):
            item["expectError"] = result["error"]
    json.dump(items, sys.stdout, indent=0, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
