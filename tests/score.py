#!/usr/bin/env python3
"""score.py -- per-field precision, recall and F1 of cv2bib's CSL-JSON.

usage: score.py [options] EXPECTED.json ACTUAL.json [EXPECTED ACTUAL ...]
       score.py [options] --dir EXPECTED_DIR ACTUAL_DIR

With --dir, every EXPECTED_DIR/NAME.expected.json is paired with
ACTUAL_DIR/NAME.json (a missing or unreadable actual file counts as an
empty list).

Actual items are aligned with expected ones greedily, best title
similarity first (difflib ratio >= 0.8 after folding case, accents,
punctuation and blanks; ties go to the pair that agrees on more of year,
type and container, then to the pair closest in list position).  An
expected item left over is a miss, an actual one a false positive.

For each field, over all aligned pairs and leftovers,
    precision = correct / (items of the actual output that have the field)
    recall    = correct / (expected items that have the field)
The fields:
    items      the alignment itself (ok = matched pairs)
    type       the CSL type, exact
    authors    the list of family names (particles included, case and
               accents ignored); a name in a CJK script is compared whole
               (family + given), whichever way it was split
    given      the list of given-name initials ("Kevin M." = "K. M." = "KM")
    title      the title, folded, exact
    container  container-title, folded, without a leading "proceedings of
               (the)", "proc", "in", "the" and without ordinals and years;
               equal, or one contains the other as whole words; a
               preprint's (type "article") publisher when it has none
               (Zotero names the repository so)
    year       the first date-part of issued
    volume, issue, pages (dashes unified), DOI (case and doi.org prefix
               ignored)

options:
    --dir              directory mode (see above)
    --json FILE        write the results as JSON to FILE
    --min FIELD=F1     fail (exit 1) when the total F1 of FIELD is below F1;
                       repeatable
    --tap N            print the tables as TAP comments ("# ...") and one
                       TAP line per --min, numbered from N
    --title TEXT       heading of the total table (default "corpus")
    --summary          only the one-line-per-file F1 matrix and the total
    --diff             also list, per file, every field that differs
Exit status: 0, 1 when a --min threshold fails, 2 on a usage error.
"""
import difflib
import json
import os
import re
import signal
import sys
import unicodedata

FIELDS = ["items", "type", "authors", "given", "title", "container",
          "year", "volume", "issue", "pages", "DOI"]

# Letters that NFKD does not take apart but a reader sees as a plain one.
FOLD_EXTRA = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ð": "d", "þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
})
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
                 r"\uf900-\ufaff]")
ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth "
                 "tenth eleventh twelfth thirteenth fourteenth fifteenth "
                 "sixteenth seventeenth eighteenth nineteenth twentieth")
CONTAINER_DROP = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d|'\d\d|" +
    "|".join(ORDINAL_WORDS.split()) + r")\b")
CONTAINER_LEAD = re.compile(
    r"^(?:in|proceedings of the|proceedings of|proceedings|proc of the|"
    r"proc of|proc|the)\s+")


def fold(s):
    """Case-, accent- and punctuation-insensitive form of a string."""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(FOLD_EXTRA).casefold()
    return re.sub(r"[\W_]+", " ", s).strip()


def container_norm(s):
    s = fold(s)
    prev = None
    while prev != s:
        prev = s
        s = CONTAINER_LEAD.sub("", s)
    s = CONTAINER_DROP.sub(" ", s)
    return re.sub(r"\s+", " ", s).strip()


def name_key(n):
    """The comparable family name of one CSL name."""
    if not isinstance(n, dict):
        return fold(n).replace(" ", "")
    fam = n.get("family") or ""
    lit = n.get("literal") or ""
    if CJK.search(fam + lit + (n.get("given") or "")):
        whole = lit or fam + (n.get("given") or "")
        return fold(whole).replace(" ", "")
    if not fam:
        return fold(lit).replace(" ", "")
    parts = [n.get("dropping-particle") or "",
             n.get("non-dropping-particle") or "", fam]
    return fold(" ".join(parts)).replace(" ", "")


def initials(n):
    """The initials of the given names of one CSL name ("" if none)."""
    if not isinstance(n, dict):
        return ""
    given = n.get("given") or ""
    if CJK.search(given + (n.get("family") or "") + (n.get("literal") or "")):
        return ""
    out = []
    for tok in re.split(r"[\s.\-‐‑–]+", given):
        tok = re.sub(r"[^\w]", "", tok)
        if not tok:
            continue
        # "DE" in Vancouver style is two initials
        if tok.isupper() and len(tok) <= 3:
            out.extend(tok)
        else:
            out.append(tok[0])
    return fold("".join(out)).replace(" ", "")


def year_of(item):
    try:
        y = item["issued"]["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    try:
        return int(y)
    except (TypeError, ValueError):
        return None


def value(item, field):
    """The comparable value of a field of an item, or None when absent."""
    if field == "items":
        return True
    if field == "type":
        return item.get("type") or None
    if field in ("authors", "given"):
        names = item.get("author") or []
        if not isinstance(names, list) or not names:
            return None
        if field == "authors":
            return tuple(name_key(n) for n in names)
        return tuple(initials(n) for n in names)
    if field == "title":
        v = item.get("title")
        return fold(v) if v else None
    if field == "container":
        v = item.get("container-title")
        # A preprint's repository is its publisher in Zotero's CSL-JSON
        # and its container in others': the same information.
        if not v and item.get("type") == "article":
            v = item.get("publisher")
        return container_norm(v) if v else None
    if field == "year":
        return year_of(item)
    if field == "pages":
        v = item.get("page")
        if v is None or str(v).strip() == "":
            return None
        return re.sub(r"\s*[-‐‑‒–—―−]+\s*", "-", str(v).strip()).casefold()
    if field == "DOI":
        v = item.get("DOI")
        if not v:
            return None
        v = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "",
                   str(v).strip(), flags=re.I)
        return v.rstrip(".").casefold()
    v = item.get(field)
    if v is None or str(v).strip() == "":
        return None
    return re.sub(r"\s+", " ", str(v).strip()).casefold()


def same(field, a, b):
    if field == "container":
        if a == b:
            return True
        if not a or not b:
            return False
        short, long_ = sorted((a, b), key=len)
        return (" " + short + " ") in (" " + long_ + " ")
    return a == b


def align(expected, actual):
    """Pairs (e, a), with e or a None for leftovers, in expected order."""
    et = [fold(e.get("title") or "") for e in expected]
    at = [fold(a.get("title") or "") for a in actual]
    cand = []
    for i, t in enumerate(et):
        if not t:
            continue
        for j, u in enumerate(at):
            if not u:
                continue
            sm = difflib.SequenceMatcher(None, t, u, autojunk=False)
            if sm.real_quick_ratio() < 0.8 or sm.quick_ratio() < 0.8:
                continue
            r = sm.ratio()
            if r < 0.8:
                continue
            e, a = expected[i], actual[j]
            agree = sum(1 for f in ("year", "type", "container")
                        if value(e, f) is not None
                        and same(f, value(e, f), value(a, f)))
            dist = abs(i / max(len(expected), 1) - j / max(len(actual), 1))
            cand.append((-round(r, 6), -agree, dist, i, j))
    cand.sort()
    used_e, used_a, match = set(), set(), {}
    for _r, _g, _d, i, j in cand:
        if i in used_e or j in used_a:
            continue
        used_e.add(i)
        used_a.add(j)
        match[i] = j
    pairs = [(e, actual[match[i]] if i in match else None)
             for i, e in enumerate(expected)]
    pairs += [(None, a) for j, a in enumerate(actual) if j not in used_a]
    return pairs


def count(pairs):
    """{field: [correct, in actual, in expected]} over aligned pairs."""
    c = {f: [0, 0, 0] for f in FIELDS}
    for e, a in pairs:
        for f in FIELDS:
            ve = value(e, f) if e is not None else None
            va = value(a, f) if a is not None else None
            c[f][1] += va is not None
            c[f][2] += ve is not None
            c[f][0] += (ve is not None and va is not None
                        and same(f, ve, va))
    return c


def differences(pairs):
    """Human-readable list of what differs, for --diff."""
    out = []
    for e, a in pairs:
        if a is None:
            out.append("missed   %s %r" % (e.get("id", "?"),
                                           (e.get("title") or "")[:70]))
            continue
        if e is None:
            out.append("extra    %s %r" % (a.get("id", "?"),
                                           (a.get("title") or "")[:70]))
            continue
        for f in FIELDS[1:]:
            ve, va = value(e, f), value(a, f)
            if (ve is not None or va is not None) and not (
                    ve is not None and va is not None and same(f, ve, va)):
                out.append("%-8s %s %s: expected %r, got %r"
                           % ("differs", e.get("id", "?"), f, ve, va))
    return out


def prf(t):
    ok, na, ne = t
    p = ok / na if na else 1.0
    r = ok / ne if ne else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load(path, must=True):
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as err:
        if must:
            raise SystemExit("score.py: %s: %s" % (path, err))
        return [], str(err)
    if not isinstance(data, list) or not all(isinstance(x, dict)
                                             for x in data):
        if must:
            raise SystemExit("score.py: %s: not a CSL-JSON array" % path)
        return [], "not a CSL-JSON array"
    return data, None


class Out:
    """Writes plain or TAP-comment lines."""

    def __init__(self, tap):
        self.tap = tap

    def __call__(self, line=""):
        print(("# " + line).rstrip() if self.tap else line)


def table(out, name, c, note=""):
    out("%s%s" % (name, note))
    out("  %-10s %9s %9s %9s %16s" % ("field", "precision", "recall",
                                        "F1", "ok/actual/exp"))
    for f in FIELDS:
        p, r, f1 = prf(c[f])
        out("  %-10s %9.3f %9.3f %9.3f %16s" % (
            f, p, r, f1, "%d/%d/%d" % tuple(c[f])))


def matrix(out, rows, total):
    short = {"items": "items", "type": "type", "authors": "auth",
             "given": "given", "title": "title", "container": "cont",
             "year": "year", "volume": "vol", "issue": "iss",
             "pages": "pages", "DOI": "DOI"}
    width = max([len(n) for n, _ in rows] + [6])
    out("%-*s %s" % (width, "F1", " ".join("%5s" % short[f] for f in FIELDS)))
    for name, c in rows + [("total", total)]:
        cells = []
        for f in FIELDS:
            cells.append("%5s" % ("-" if not c[f][1] and not c[f][2]
                                  else "%.2f" % prf(c[f])[2]))
        out("%-*s %s" % (width, name, " ".join(cells)))


def parse_args(argv):
    opts = {"dir": False, "json": None, "mins": [], "tap": None,
            "title": "corpus", "summary": False, "diff": False}
    files = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg in ("--json", "--min", "--tap", "--title"):
            if i + 1 >= len(argv):
                raise SystemExit("score.py: %s needs a value" % arg)
            val = argv[i + 1]
            if arg == "--json":
                opts["json"] = val
            elif arg == "--title":
                opts["title"] = val
            elif arg == "--tap":
                if not val.isdigit():
                    raise SystemExit("score.py: --tap needs a number")
                opts["tap"] = int(val)
            else:
                m = re.match(r"^([A-Za-z]+)=([0-9]*\.?[0-9]+)$", val)
                if not m or m.group(1) not in FIELDS:
                    raise SystemExit("score.py: bad --min %r (fields: %s)"
                                     % (val, " ".join(FIELDS)))
                opts["mins"].append((m.group(1), float(m.group(2))))
            i += 2
        elif arg in ("--dir", "--summary", "--diff"):
            opts[arg[2:]] = True
            i += 1
        elif arg in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        elif arg.startswith("--"):
            raise SystemExit("score.py: unknown option %s" % arg)
        else:
            files.append(arg)
            i += 1
    return opts, files


def pairs_of(opts, files):
    """[(name, expected path, actual path)]."""
    if opts["dir"]:
        if len(files) != 2:
            raise SystemExit("score.py: --dir needs EXPECTED_DIR ACTUAL_DIR")
        edir, adir = files
        names = sorted(f[:-len(".expected.json")] for f in os.listdir(edir)
                       if f.endswith(".expected.json"))
        return [(n, os.path.join(edir, n + ".expected.json"),
                 os.path.join(adir, n + ".json")) for n in names]
    if not files or len(files) % 2:
        raise SystemExit("score.py: give EXPECTED ACTUAL pairs (see --help)")
    out = []
    for exp, act in zip(files[::2], files[1::2]):
        name = os.path.basename(exp)
        for suffix in (".expected.json", ".json"):
            if name.endswith(suffix):
                name = name[:-len(suffix)]
                break
        out.append((name, exp, act))
    return out


def main(argv):
    try:
        opts, files = parse_args(argv)
        triples = pairs_of(opts, files)
    except SystemExit as err:
        print(err, file=sys.stderr)
        return 2
    out = Out(opts["tap"] is not None)
    total = {f: [0, 0, 0] for f in FIELDS}
    results = {"files": {}}
    rows = []
    for name, exp_path, act_path in triples:
        try:
            expected, _ = load(exp_path)
        except SystemExit as err:
            print(err, file=sys.stderr)
            return 2
        actual, problem = load(act_path, must=False)
        pairs = align(expected, actual)
        c = count(pairs)
        rows.append((name, c))
        for f in FIELDS:
            total[f] = [x + y for x, y in zip(total[f], c[f])]
        entry = {f: dict(zip(("correct", "actual", "expected"), c[f]),
                         **dict(zip(("precision", "recall", "f1"),
                                    prf(c[f]))))
                 for f in FIELDS}
        results["files"][name] = {"expected": exp_path, "actual": act_path,
                                  "fields": entry}
        if problem:
            results["files"][name]["error"] = problem
            if opts["summary"]:
                out("%s: actual unreadable: %s" % (name, problem))
        if not opts["summary"]:
            note = "  (%d expected, %d actual, %d matched%s)" % (
                len(expected), len(actual), c["items"][0],
                "; actual unreadable: " + problem if problem else "")
            table(out, name, c, note)
            out()
        if opts["diff"]:
            diffs = differences(pairs)
            results["files"][name]["differences"] = diffs
            for line in diffs:
                out("  " + line)
            if diffs:
                out()
    if len(rows) > 1 or opts["summary"]:
        matrix(out, rows, total)
        out()
    table(out, opts["title"], total)
    results["total"] = {f: dict(zip(("correct", "actual", "expected"),
                                    total[f]),
                                **dict(zip(("precision", "recall", "f1"),
                                           prf(total[f]))))
                        for f in FIELDS}
    failed = 0
    results["thresholds"] = []
    for k, (field, minimum) in enumerate(opts["mins"]):
        f1 = prf(total[field])[2]
        ok = f1 + 1e-9 >= minimum
        failed += not ok
        results["thresholds"].append({"field": field, "min": minimum,
                                      "f1": f1, "ok": ok})
        desc = "%s: F1 of %s %.3f >= %.2f" % (opts["title"], field, f1,
                                                minimum)
        if opts["tap"] is not None:
            print("%s %d - %s" % ("ok" if ok else "not ok",
                                  opts["tap"] + k, desc))
        else:
            print("%s %s" % ("pass" if ok else "FAIL", desc))
    if opts["json"]:
        with open(opts["json"], "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv))
