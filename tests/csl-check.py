#!/usr/bin/env python3
"""csl-check.py SCHEMA FILE... -- validate CSL-JSON files against a schema.

SCHEMA is the CSL data schema (tests/csl-data.json, CSL 1.0.2, JSON Schema
draft 7).  Prints each error as FILE: PATH: MESSAGE, PATH being the JSON
path of the offending value ("3/author/0" is the first author of the
fourth item; "(top)" the file itself), in document order.  A file that is
not JSON is one error.

Exit status: 0 when every file is valid, 1 when one is not, 2 on a usage
error or an unreadable schema, 77 (skip) when the jsonschema module
(Debian: python3-jsonschema) is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("csl-check: python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def path_of(err):
    """The error's JSON path as "3/author/0", or "(top)"."""
    return "/".join(str(p) for p in err.absolute_path) or "(top)"


def sort_key(err):
    """Document order: item index first, then the path within the item."""
    return [(0, p) if isinstance(p, int) else (1, str(p))
            for p in err.absolute_path]


def check_file(validator, path):
    """Print the errors of one file; return how many there were."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: (top): {e}")
        return 1
    errors = sorted(validator.iter_errors(data), key=sort_key)
    for err in errors:
        print(f"{path}: {path_of(err)}: {err.message}")
    return len(errors)


def main(argv):
    if len(argv) < 3:
        print("usage: csl-check.py SCHEMA FILE...", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"csl-check: {argv[1]}: {e}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft7Validator(schema)
    bad = 0
    for path in argv[2:]:
        bad += check_file(validator, path)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
