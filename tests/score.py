#!/usr/bin/env python3
"""score.py -- per-field precision, recall and F1 of cv2bib's CSL-JSON.

    score.py [--min FIELD=F1 ...] [--json OUT] EXPECTED ACTUAL [EXPECTED ACTUAL ...]

Actual items are aligned with expected ones by title (greedy, best
similarity first, at least 0.8 after folding case, accents, punctuation and
blanks); an expected item left over is a miss, an actual one a false
positive.  Per field, precision = correct / present in actual and recall =
correct / present in expected, over all aligned pairs and leftovers.  The
fields: type, authors (the list of family names), given (the list of
given-name initials), title, container (loosely: glue words dropped, equal
or one containing the other), year, volume, issue, pages, DOI.
Prints a table per file and for the whole corpus; exits 1 when a corpus
F1 is below a --min threshold.
"""
import difflib
import json
import re
import sys
import unicodedata

FIELDS = ["type", "authors", "given", "title", "container", "year",
          "volume", "issue", "pages", "DOI"]


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s.casefold()).strip()


def container_norm(s):
    s = fold(s)
    s = re.sub(r"^(in|proc|proceedings of the|proceedings of|proceedings|"
               r"the)\b\s*", "", s)
    s = re.sub(r"\b(\d+(st|nd|rd|th)|19\d\d|20\d\d|the|of)\b", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def value(item, field):
    """The comparable value of a field, or None when absent."""
    if field == "type":
        return item.get("type")
    if field in ("authors", "given"):
        names = item.get("author") or []
        if not names:
            return None
        if field == "authors":
            return tuple(fold(n.get("family") or n.get("literal") or "")
                         for n in names)
        return tuple("".join(w[0] for w in fold(n.get("given", "")).split())
                     for n in names)
    if field == "title":
        v = item.get("title")
        return fold(v) if v else None
    if field == "container":
        v = item.get("container-title")
        return container_norm(v) if v else None
    if field == "year":
        try:
            return item["issued"]["date-parts"][0][0]
        except (KeyError, IndexError, TypeError):
            return None
    if field == "pages":
        v = item.get("page")
        return re.sub(r"\s*[-\u2013\u2014]+\s*", "-", v) if v else None
    key = {"volume": "volume", "issue": "issue", "DOI": "DOI"}[field]
    v = item.get(key)
    return str(v).casefold() if v else None


def same(field, a, b):
    if field == "container":
        return a == b or (a and b and (a in b or b in a))
    return a == b


def align(expected, actual):
    """Pairs (e, a) with e or a None for leftovers."""
    scores = []
    for i, e in enumerate(expected):
        for j, a in enumerate(actual):
            r = difflib.SequenceMatcher(None, fold(e.get("title", "")),
                                        fold(a.get("title", ""))).ratio()
            if r >= 0.8:
                scores.append((r, i, j))
    scores.sort(reverse=True)
    used_e, used_a, pairs = set(), set(), []
    for r, i, j in scores:
        if i in used_e or j in used_a:
            continue
        used_e.add(i)
        used_a.add(j)
        pairs.append((expected[i], actual[j]))
    pairs += [(e, None) for i, e in enumerate(expected) if i not in used_e]
    pairs += [(None, a) for j, a in enumerate(actual) if j not in used_a]
    return pairs


def count(pairs):
    c = {f: [0, 0, 0] for f in FIELDS}     # correct, in actual, in expected
    for e, a in pairs:
        for f in FIELDS:
            ve = value(e, f) if e else None
            va = value(a, f) if a else None
            c[f][1] += va is not None
            c[f][2] += ve is not None
            c[f][0] += ve is not None and va is not None and same(f, ve, va)
    return c


def prf(t):
    ok, na, ne = t
    p = ok / na if na else 1.0
    r = ok / ne if ne else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(name, c):
    print("# %s" % name)
    print("#   %-10s %9s %9s %9s %14s" % ("field", "precision", "recall",
                                         "F1", "ok/act/exp"))
    for f in FIELDS:
        p, r, f1 = prf(c[f])
        print("#   %-10s %9.3f %9.3f %9.3f %14s" % (
            f, p, r, f1, "%d/%d/%d" % tuple(c[f])))


def main(argv):
    mins, out, files = {}, None, []
    i = 1
    while i < len(argv):
        if argv[i] == "--min":
            k, v = argv[i + 1].split("=")
            mins[k] = float(v)
            i += 2
        elif argv[i] == "--json":
            out = argv[i + 1]
            i += 2
        else:
            files.append(argv[i])
            i += 1
    if not files or len(files) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    total = {f: [0, 0, 0] for f in FIELDS}
    results = {}
    for exp_path, act_path in zip(files[::2], files[1::2]):
        with open(exp_path, encoding="utf-8") as fh:
            expected = json.load(fh)
        try:
            with open(act_path, encoding="utf-8") as fh:
                actual = json.load(fh)
        except (OSError, ValueError):
            actual = []
        c = count(align(expected, actual))
        table(exp_path.split("/")[-1].replace(".expected.json", ""), c)
        results[exp_path] = {f: prf(c[f]) for f in FIELDS}
        for f in FIELDS:
            total[f] = [x + y for x, y in zip(total[f], c[f])]
    table("corpus", total)
    results["corpus"] = {f: prf(total[f]) for f in FIELDS}
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)
    bad = [f for f, m in mins.items() if prf(total[f])[2] < m]
    for f in FIELDS:
        if f in mins:
            print("%s %s F1 %.3f >= %.2f" % (
                "not ok" if f in bad else "ok", f, prf(total[f])[2], mins[f]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
