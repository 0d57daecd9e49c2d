#!/usr/bin/env python3
"""jsonschema-check.py -- validate JSON forms with python3-jsonschema, for bench/run.

    python3 jsonschema-check.py SCHEMA.json FILE|DIR...

Builds the validator once (the class the schema's $schema names, after
check_schema), then reads, parses (json.load) and validates every *.json
file (a DIR stands for the *.json files in it, in sorted order).  Exit
status 0 when every file is valid, 1 otherwise.  On stderr, one line:
    jsonschema: F files, N forms, B invalid files
    timing load_ms=... validate_ms=...
load = importing jsonschema and building the validator, validate = reading,
parsing and validating the files (Python's own start-up is not included).
"""
import time
t0 = time.perf_counter()
import json
import os
import sys

import jsonschema


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: jsonschema-check.py SCHEMA.json FILE|DIR...\n")
        return 2
    with open(argv[0], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    t1 = time.perf_counter()
    files = []
    for p in argv[1:]:
        if os.path.isdir(p):
            files += [os.path.join(p, f) for f in sorted(os.listdir(p)) if f.endswith(".json")]
        else:
            files.append(p)
    forms = bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if isinstance(data, list):
            forms += len(data)
        if not validator.is_valid(data):
            bad += 1
            err = jsonschema.exceptions.best_match(validator.iter_errors(data))
            sys.stderr.write("%s: %s\n" % (path, err.message))
    t2 = time.perf_counter()
    sys.stderr.write("jsonschema: %d files, %d forms, %d invalid files\n" % (len(files), forms, bad))
    sys.stderr.write("timing load_ms=%.1f validate_ms=%.1f\n" % ((t1 - t0) * 1000, (t2 - t1) * 1000))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
