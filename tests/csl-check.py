#!/usr/bin/env python3
"""csl-check.py SCHEMA FILE... -- validate CSL-JSON files against a schema.

Prints each error as FILE: PATH: MESSAGE.  Exits 0 when every file is
valid, 1 when one is not, 77 (skip) when the jsonschema module is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("csl-check: python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def main(argv):
    if len(argv) < 3:
        print("usage: csl-check.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    bad = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: {e}")
            bad += 1
            continue
        for err in validator.iter_errors(data):
            where = "/".join(str(p) for p in err.absolute_path) or "(top)"
            print(f"{path}: {where}: {err.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
