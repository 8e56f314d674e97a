#!/usr/bin/env python3
"""Check the case list against the oracle itself (no Quarry involved).

    python3 tests/django/selfcheck.py            # summary; exit 1 on a problem
    python3 tests/django/selfcheck.py -v         # also print every answer

It runs tests/django/oracle.py over tests/django/cases.json three times: as
the JS test does, with ties in ORDER BY broken by "pk", and with them broken
by "-pk" under SQLite's `PRAGMA reverse_unordered_selects = ON`. It reports:
- case-format errors (a typo in a case, an unknown op or terminal);
- duplicate case names (the JS test names a subtest after each case);
- a case whose outcome disagrees with its `expectError` mark: an error that
  was not meant (usually a typo in a lookup) or a meant error that did not
  happen;
- a case whose answer changes when ties in ORDER BY are broken by "pk" or
  by "-pk", or when SQLite scans tables in the other order, i.e. one that
  depends on an order nobody promises (a slice of an unordered queryset,
  first() over ties ...). Unordered list answers are compared sorted, as
  the JS test does.
"""

import json
import os
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def run_oracle(fixture, cases, **options):
    doc = {"fixture": fixture, "cases": cases, "options": options}
    proc = subprocess.run(
        [sys.executable, os.path.join(HERE, "oracle.py")],
        input=json.dumps(doc).encode(),
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode())
        raise SystemExit("oracle.py exited with %d" % proc.returncode)
    return json.loads(proc.stdout)


def canon(result):
    if result.get("ok") and isinstance(result.get("value"), list) and not result.get("ordered", True):
        return dict(result, value=sorted(result["value"], key=lambda v: json.dumps(v, sort_keys=True)))
    return result


def main():
    verbose = "-v" in sys.argv[1:]
    with open(os.path.join(HERE, "fixture.json"), encoding="utf-8") as f:
        fixture = json.load(f)
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)

    plain = run_oracle(fixture, cases)
    first = run_oracle(fixture, cases, tiebreak="pk")
    second = run_oracle(fixture, cases, reverseUnordered=True, tiebreak="-pk")
    problems = []

    dup = [n for n, k in Counter(c.get("name") for c in cases).items() if k > 1]
    for n in dup:
        problems.append("duplicate case name: %r" % (n,))

    for case, a, b, c in zip(cases, plain["results"], first["results"], second["results"]):
        name = case.get("name")
        if verbose:
            print("%-70s %s" % (name, json.dumps(a, ensure_ascii=False)))
        if not a.get("ok") and a.get("error") == "CaseFormatError":
            problems.append("%s: malformed case: %s" % (name, a["message"]))
            continue
        want = case.get("expectError")
        if want and a.get("ok"):
            problems.append("%s: expected %s, got %r" % (name, want, a.get("value")))
        elif not want and not a.get("ok"):
            problems.append("%s: unexpected %s: %s" % (name, a["error"], a["message"]))
        elif want and a.get("error") != want:
            problems.append("%s: expected %s, got %s: %s" % (name, want, a["error"], a["message"]))
        if not (canon(a) == canon(b) == canon(c)):
            problems.append(
                "%s: answer depends on an unpromised order (ties or scan order): %s vs %s vs %s"
                % (name, json.dumps(a, ensure_ascii=False), json.dumps(b, ensure_ascii=False),
                   json.dumps(c, ensure_ascii=False))
            )

    n = len(cases)
    rel = sum(1 for c in cases if c.get("relations"))
    rx = sum(1 for c in cases if c.get("regex"))
    errs = sum(1 for r in plain["results"] if not r.get("ok"))
    print(
        "Django %s, SQLite %s: %d cases (%d relations, %d regex), %d answer with an error"
        % (plain["django"], plain["sqlite"], n, rel, rx, errs)
    )
    for p in problems:
        print("PROBLEM " + p)
    if problems:
        print("%d problem(s)" % len(problems))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
