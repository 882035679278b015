#!/usr/bin/env python3
"""Validates an ASFF file (a JSON array of findings, or {"Findings": [...]}) against
botocore's securityhub model: shape AwsSecurityFinding, recursively: required members,
unknown members, JSON types, enums, string patterns and min/max, list and map shapes,
plus ASFF's documented length limits that the model only states in prose.

Usage: validate_asff.py FILE   -> exit 0 when valid, 1 with one line per problem."""
import json
import re
import sys

import botocore.loaders

MODEL = botocore.loaders.Loader().load_service_model("securityhub", "service-2")
SHAPES = MODEL["shapes"]

# Limits from the ASFF documentation (the model carries them only in doc strings).
DOC_LIMITS = {
    "Title": 256,
    "Description": 1024,
    "Id": 512,
    "GeneratorId": 512,
    "Remediation.Recommendation.Text": 512,
    "Note.Text": 512,
    "Resources[].Region": 16,
    "Resources[].Type": 256,
    "Severity.Original": 64,
}


def check(value, shape_name, path, problems):
    shape = SHAPES[shape_name]
    kind = shape["type"]
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected object for {shape_name}")
            return
        members = shape["members"]
        for req in shape.get("required", []):
            if req not in value:
                problems.append(f"{path}: missing required member {req}")
        for key, item in value.items():
            if key not in members:
                problems.append(f"{path}.{key}: not a member of {shape_name}")
                continue
            check(item, members[key]["shape"], f"{path}.{key}" if path else key, problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected list for {shape_name}")
            return
        for i, item in enumerate(value):
            check(item, shape["member"]["shape"], f"{path}[{i}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected map for {shape_name}")
            return
        for k, v in value.items():
            check(k, shape["key"]["shape"], f"{path}<key {k}>", problems)
            check(v, shape["value"]["shape"], f"{path}[{k}]", problems)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected string for {shape_name}, got {type(value).__name__}")
            return
        if "enum" in shape and value not in shape["enum"]:
            problems.append(f"{path}: {value!r} not in {shape['enum']}")
        if "pattern" in shape and not re.search(shape["pattern"], value):
            problems.append(f"{path}: {value!r} does not match {shape['pattern']}")
        if "min" in shape and len(value) < shape["min"]:
            problems.append(f"{path}: shorter than {shape['min']}")
        if "max" in shape and len(value) > shape["max"]:
            problems.append(f"{path}: longer than {shape['max']}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected integer")
    elif kind in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected number")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected boolean")
    elif kind == "timestamp":
        if not isinstance(value, str):
            problems.append(f"{path}: expected timestamp string")
    else:
        problems.append(f"{path}: unhandled shape type {kind}")


def doc_limits(finding, index, problems):
    def get(obj, dotted):
        parts = dotted.split(".")
        values = [obj]
        for p in parts:
            nxt = []
            for v in values:
                if p.endswith("[]"):
                    nxt.extend(v.get(p[:-2], []) if isinstance(v, dict) else [])
                elif isinstance(v, dict) and p in v:
                    nxt.append(v[p])
            values = nxt
        return values

    for dotted, limit in DOC_LIMITS.items():
        for v in get(finding, dotted):
            if isinstance(v, str) and len(v) > limit:
                problems.append(f"[{index}].{dotted}: {len(v)} characters, limit {limit}")
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
    for key in ("CreatedAt", "UpdatedAt"):
        if not iso.match(str(finding.get(key, ""))):
            problems.append(f"[{index}].{key}: not ISO-8601 UTC")
    if not re.match(r"^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{12}:product/\d{12}/default$",
                    str(finding.get("ProductArn", ""))):
        problems.append(f"[{index}].ProductArn: {finding.get('ProductArn')!r}")
    if "Label" not in finding.get("Severity", {}):
        problems.append(f"[{index}].Severity.Label: missing")


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    findings = doc["Findings"] if isinstance(doc, dict) else doc
    if not isinstance(findings, list):
        print("top level: expected a list of findings")
        return 1
    problems = []
    for i, finding in enumerate(findings):
        check(finding, "AwsSecurityFinding", f"[{i}]", problems)
        doc_limits(finding, i, problems)
    for p in problems:
        print(p)
    print(f"{len(findings)} finding(s) checked against botocore {botocore.__version__}, "
          f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
