#!/usr/bin/env python3
"""Checks that a migrated file kept every original record and field of its input.

Usage: check_fields.py FORMAT INPUT OUTPUT TARGET[,TARGET...] [--replace FIELD]

FORMAT is csv, tsv, jsonl or json. An independent reader (Python's csv and json modules)
compares input and output record by record:
  - the same number of records, in order;
  - every original column/field with the same value (except FIELD with --replace);
  - for jsonl, the original line bytes as the start of the output line;
  - the added TARGET_request and TARGET_diagnostics on every translated record.
Prints one line per problem and exits 1 if any.
"""
import csv
import json
import sys

problems = []


def problem(msg):
    if len(problems) < 20:
        print("check_fields: " + msg)
    problems.append(msg)


def check_csv(inp, out, targets, delim, replace):
    with open(inp, newline="", encoding="utf-8", errors="surrogateescape") as f:
        rows_in = list(csv.reader(f, delimiter=delim))
    with open(out, newline="", encoding="utf-8", errors="surrogateescape") as f:
        rows_out = list(csv.reader(f, delimiter=delim))
    if len(rows_in) != len(rows_out):
        problem(f"{out}: {len(rows_out)} rows, input has {len(rows_in)}")
        return
    header = rows_in[0]
    added = []
    for t in targets:
        if not replace:
            added += [t + "_prompt", t + "_negative_prompt"]
        added += [t + "_request", t + "_diagnostics"]
    if rows_out[0] != header + added:
        problem(f"{out}: header {rows_out[0]!r}, expected {header + added!r}")
    skip = set()
    if replace:
        skip = {i for i, name in enumerate(header) if name.strip().lower() == replace}
    for n, (a, b) in enumerate(zip(rows_in[1:], rows_out[1:]), start=2):
        if b[: len(a)] == a or replace:
            for i, value in enumerate(a):
                if i not in skip and (i >= len(b) or b[i] != value):
                    problem(f"{out} row {n}: column {i} changed: {value!r} -> {b[i] if i < len(b) else None!r}")
            continue
        if b != a:
            problem(f"{out} row {n}: original cells changed")


def check_jsonl(inp, out, targets, replace):
    with open(inp, "rb") as f:
        lines_in = f.read().split(b"\n")
    with open(out, "rb") as f:
        lines_out = f.read().split(b"\n")
    if len(lines_in) != len(lines_out):
        problem(f"{out}: {len(lines_out)} lines, input has {len(lines_in)}")
        return
    for n, (a, b) in enumerate(zip(lines_in, lines_out), start=1):
        try:
            obj = json.loads(a)
        except ValueError:
            if a != b:
                problem(f"{out}:{n}: a line that is not JSON was changed")
            continue
        if not isinstance(obj, dict):
            if a != b:
                problem(f"{out}:{n}: a line that is not an object was changed")
            continue
        new = json.loads(b)
        if not replace:
            body = a.rstrip(b" \t\r")
            if not b.startswith(body[:-1]):
                problem(f"{out}:{n}: the original bytes are not kept")
        for key, value in obj.items():
            if key == replace:
                continue
            if new.get(key) != value:
                problem(f"{out}:{n}: field {key} changed")
        if b == a:
            continue  # a record copied through (failed): nothing added
        for t in targets:
            for suffix in ("_request", "_diagnostics"):
                if t + suffix not in new:
                    problem(f"{out}:{n}: {t}{suffix} missing")


def records_of(doc):
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for value in doc.values():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value
        return [doc]
    return []


def check_json(inp, out, targets, replace):
    with open(inp, encoding="utf-8") as f:
        doc_in = json.load(f)
    with open(out, encoding="utf-8") as f:
        doc_out = json.load(f)
    rin, rout = records_of(doc_in), records_of(doc_out)
    if len(rin) != len(rout):
        problem(f"{out}: {len(rout)} records, input has {len(rin)}")
        return
    for n, (a, b) in enumerate(zip(rin, rout)):
        if not isinstance(a, dict):
            if a != b:
                problem(f"{out}[{n}]: a non-object element changed")
            continue
        for key, value in a.items():
            if key != replace and b.get(key) != value:
                problem(f"{out}[{n}]: field {key} changed")


def main():
    args = sys.argv[1:]
    replace = None
    if "--replace" in args:
        i = args.index("--replace")
        replace = args[i + 1]
        del args[i : i + 2]
    fmt, inp, out, targets = args[0], args[1], args[2], args[3].split(",")
    if fmt in ("csv", "tsv"):
        check_csv(inp, out, targets, "," if fmt == "csv" else "\t", replace)
    elif fmt == "jsonl":
        check_jsonl(inp, out, targets, replace)
    elif fmt == "json":
        check_json(inp, out, targets, replace)
    else:
        sys.exit("unknown format " + fmt)
    sys.exit(1 if problems else 0)


main()
