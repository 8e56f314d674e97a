#!/usr/bin/env python3
"""Random groups of writes: a differential run of db.atomic() against real Django.

    python3 tests/django/random_groups.py --seed 3 --count 60 > target/random-groups.json
    QUARRY_GROUPS=target/random-groups.json node --test tests/js/atomic.test.mjs

(`make differential-writes SEED=3 COUNT=60` does both.) Each group mixes
create, bulkCreate (with conflicts ignored or updated), update with
expressions, delete with cascades and SET_NULL, save of new and loaded
objects, bulkUpdate and M2M/reverse-FK add/remove/set/clear over the oracle's
fixture (tests/django/atomic_cases.json's format; README.md, "Groups of
writes"). Real Django's answer inside transaction.atomic() decides each
group's `expectError`.

Quarry refuses, by design, what D1's batch cannot do exactly (a deletion that
must read after an earlier write, an object created earlier found again after
a write that changes rowids): the generator keeps such deletions first and
uses an object it created only where Quarry can find it, so that every group
is one Django and Quarry must answer alike.
"""

import argparse
import json
import os
import random

from random_cases import answer_and_print

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = json.load(open(os.path.join(HERE, "fixture.json")))


def pks(model):
    return [row["id"] for row in FIXTURE[model]]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.n = 0

    def pick(self, seq):
        return self.r.choice(seq)

    def obj(self, model):
        return {"$obj": [model, self.pick(pks(model))]}

    def book_values(self, refs, partial=False):
        r = self.r
        v = {}
        if not partial or r.random() < 0.5:
            v["title"] = self.pick(["New %d" % r.randrange(1000), "Ça va", "x"])
        if r.random() < 0.6:
            v["pages"] = self.pick([0, 1, 99, 320, 1000])
        if r.random() < 0.4:
            v["rating"] = self.pick([None, 1.5, 4.0, 5])
        if r.random() < 0.4:
            v["price"] = self.pick([None, "0.50", "12.00", "99.99"])
        if r.random() < 0.3:
            v["pubDate"] = self.pick([None, "2024-02-29", "2000-01-01"])
        if r.random() < 0.3:
            v["inPrint"] = self.pick([True, False])
        if r.random() < 0.3:
            v["publisher"] = self.pick([None, self.obj("Publisher")])
        if not partial or r.random() < 0.3:
            authors = [a for a in refs if a[0] == "Author"]
            v["author"] = {"$ref": self.pick(authors)[1]} if authors and r.random() < 0.5 else self.obj("Author")
        return v

    def author_values(self):
        self.n += 1
        v = {"name": self.pick(["Zoe", "Ann", "Émile", "Bob"]) + " %d" % self.n, "email": "w%d-%d@example.com" % (self.n, self.r.randrange(100))}
        if self.r.random() < 0.5:
            v["age"] = self.pick([None, 20, 61])
        return v

    def qs(self, model, update=False):
        r = self.r
        lk = {
            "Book": [{"pages__lt": 200}, {"inPrint": False}, {"rating__isnull": True}, {"author__age__gt": 40}, {"publisher__name__startswith": "A"},
                     {"tags__name": "python"}, {"id__in": r.sample(pks("Book"), 3)}, {"title__icontains": "a"}],
            "Author": [{"age__gt": 50}, {"name__startswith": "B"}, {"books__pages__gt": 500}, {"id": self.pick(pks("Author"))}, {"age__isnull": True}],
            "Publisher": [{"id": self.pick(pks("Publisher"))}, {"name__contains": "e"}],
            "Tag": [{"name__startswith": "p"}, {"id": self.pick(pks("Tag"))}],
        }[model]
        ops = [[self.pick(["filter", "filter", "exclude"]), self.pick(lk)]]
        if r.random() < 0.3:
            # Filtered against an aggregate annotation (HAVING): over a join,
            # or with none for a deletion (Django refuses such an update).
            agg = {
                "Book": [("n", "Count", "tags", "n__gte", [1, 2])] + ([] if update else [("m", "Max", "pages", "m__gt", [100, 300])]),
                "Author": [("n", "Count", "books", "n__lt", [1, 2, 3])],
                "Publisher": [("n", "Count", "books", "n__gte", [1, 3])],
                "Tag": [("n", "Count", "books", "n__lt", [1, 2])],
            }[model]
            name, fn, arg, lookup, values = self.pick(agg)
            ops[r.randrange(2):0] = [["annotate", {name: {"$agg": fn, "arg": arg}}]]
            ops.append(["filter", {lookup: self.pick(values)}])
        return {"model": model, "ops": ops}

    def group(self, n):
        r = self.r
        writes = []
        # Writes this group created that later ones may use: (model, ref).
        refs = []
        # A write before may fail in the database (a tag's unique name): Django stops
        # there, while Quarry checks every write of the group before sending any, so
        # a later write must not be one Quarry refuses while compiling.
        conflicts = False
        # A deletion over relations may have to read before the batch: first only.
        if r.random() < 0.35:
            model = self.pick(["Author", "Publisher", "Tag", "Book"])
            writes.append(["delete", self.pick([self.qs(model), self.obj(model)])])
        for _ in range(self.pick([1, 2, 3, 4])):
            k = r.random()
            i = len(writes)
            if k < 0.2:
                model = self.pick(["Author", "Book", "Tag"])
                if model == "Author":
                    v = self.author_values()
                elif model == "Book":
                    v = self.book_values(refs)
                else:
                    v = {"name": "t%d" % r.randrange(10000)}
                writes.append(["create", model, v])
                refs.append((model, i))
            elif k < 0.32:
                model = self.pick(["Book", "Tag", "Author"])
                opts = {}
                if model == "Tag":
                    objs = [{"name": self.pick(["python", "rust", "n%d" % r.randrange(1000)])} for _ in range(self.pick([1, 2, 3]))]
                    if r.random() < 0.7:
                        opts = {"ignoreConflicts": True}
                    else:
                        conflicts = True
                elif model == "Author":
                    objs = [self.author_values() for _ in range(self.pick([1, 2]))]
                    if r.random() < 0.5:
                        objs[0]["email"] = self.pick(["ann@example.com", "bob@example.com"])
                        opts = {"updateConflicts": True, "uniqueFields": ["email"], "updateFields": ["name"]}
                else:
                    objs = [self.book_values(refs) for _ in range(self.pick([1, 2, 3]))]
                writes.append(["bulkCreate", model, objs] + ([opts] if opts else []))
                if not opts:
                    refs += [(model, [i, k2]) for k2 in range(len(objs))]
                else:
                    # Conflicts change what the batch can find again: nothing created before is used after.
                    refs = []
            elif k < 0.5:
                model = self.pick(["Book", "Book", "Author"])
                if model == "Book":
                    v = self.pick([{"pages": {"$op": "add", "lhs": {"$F": "pages"}, "rhs": 1}}, {"rating": None}, {"inPrint": False},
                                   {"price": "1.00"}, {"publisher": self.pick([None, self.obj("Publisher")])},
                                   {"title": {"$func": "Upper", "args": ["title"]}}])
                    if refs and r.random() < 0.3 and any(m == "Author" for m, _ in refs):
                        v = {"author": {"$ref": self.pick([x for m, x in refs if m == "Author"])}}
                else:
                    v = self.pick([{"age": {"$op": "add", "lhs": {"$F": "age"}, "rhs": 1}}, {"age": None}, {"name": {"$func": "Lower", "args": ["name"]}}])
                writes.append(["update", self.qs(model, update=True), v])
            elif k < 0.62:
                if r.random() < 0.5:
                    model = self.pick(["Book", "Author"])
                    writes.append(["save", self.obj(model), self.book_values(refs, partial=True) if model == "Book" else {"age": self.pick([None, 33])}])
                    # Its INSERT ... ON CONFLICT gives a primary key: the batch cannot find this model's created rows after it.
                    refs = [x for x in refs if x[0] != model]
                else:
                    writes.append(["save", "Book", self.book_values(refs)])
            elif k < 0.72:
                objs = r.sample(pks("Book"), self.pick([1, 2, 3]))
                fields = r.sample(["pages", "rating", "title", "inPrint"], self.pick([1, 2]))
                vals = {"pages": 7, "rating": 2.5, "title": "Bulk", "inPrint": False}
                pairs = [[{"$obj": ["Book", pk]}, {f: vals[f] for f in fields}] for pk in objs]
                writes.append(["bulkUpdate", {"model": "Book", "ops": []}, pairs, fields] + ([{"batchSize": 1}] if r.random() < 0.3 else []))
            elif k < 0.9:
                op = self.pick(["add", "remove", "set", "clear"])
                if r.random() < 0.7:
                    target, name, item = self.obj("Book"), "tags", "Tag"
                else:
                    target, name, item = self.obj("Publisher"), "books", "Book"
                    if conflicts and op == "remove":
                        # Only its own books: removing another's is a DoesNotExist Quarry raises while compiling.
                        pub = target["$obj"][1]
                        own = [b["id"] for b in FIXTURE["Book"] if b["publisher_id"] == pub]
                        item = None
                if op == "clear":
                    writes.append(["clear", target, name])
                else:
                    if item is None:
                        item = "Book"
                        if own:
                            items = [{"$obj": ["Book", self.pick(own)]}]
                        else:
                            op, items = "add", [self.obj(item)]
                    else:
                        items = [self.obj(item) for _ in range(self.pick([1, 2]))]
                    made = [x for m, x in refs if m == item]
                    # An object created in the group joins an M2M relation by its reserved key; a reverse
                    # foreign key's add() needs its pk when recorded, which Quarry does not have yet.
                    if made and name == "tags" and r.random() < 0.4:
                        items.append({"$ref": self.pick(made)})
                    writes.append([op, target, name, items] + ([{"clear": True}] if op == "set" and r.random() < 0.4 else []))
            else:
                model = self.pick(["Book", "Tag"])
                # A deletion of rows of the table it filters on only: nothing to read first.
                ops = {"Book": [{"pages__lt": 100}, {"id": self.pick(pks("Book"))}, {"inPrint": False}], "Tag": [{"name__startswith": "r"}]}[model]
                ops = [["filter", self.pick(ops)]]
                if model == "Book" and r.random() < 0.3:
                    # Its HAVING reads only its own table: still nothing to read first.
                    ops += [["annotate", {"m": {"$agg": "Max", "arg": "pages"}}], ["filter", {"m__gt": self.pick([100, 300])}]]
                writes.append(["delete", {"model": model, "ops": ops}])
                refs = []
        return {"name": "random group %d" % n, "writes": writes}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=60)
    args = ap.parse_args()
    gen = Gen(args.seed)
    groups = [gen.group(n) for n in range(args.count)]
    for g in groups:
        g["name"] = "random group seed %d #%s" % (args.seed, g["name"].split()[-1])
    answer_and_print(groups, lambda oracle, g: oracle["run_group"](g, FIXTURE))


if __name__ == "__main__":
    main()
