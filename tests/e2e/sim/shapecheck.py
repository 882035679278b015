"""Checks a raw response body against botocore's output shape for its operation: every
member name must exist in the model and every value must have the model's type (and an
enum value where the model lists them). botocore's own parsers ignore unknown members
and coerce types, so a response can parse and still be wrong; this catches that."""
import datetime
import json
import xml.etree.ElementTree as ET


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _serialized(name, member):
    return member.serialization.get("name", name)


class ShapeChecker:
    def __init__(self, protocol):
        self.protocol = protocol  # rest-json, json, query, ec2
        self.errors = []

    def error(self, path, message):
        self.errors.append(f"{path}: {message}")

    # ------------------------------------------------------------------ JSON
    def check_json(self, shape, value, path="$"):
        t = shape.type_name
        if t == "structure":
            if not isinstance(value, dict):
                return self.error(path, f"expected object for {shape.name}, got {type(value).__name__}")
            members = {}
            for name, m in shape.members.items():
                if m.serialization.get("location"):  # header/statusCode/querystring
                    continue
                members[_serialized(name, m)] = m
            for k, v in value.items():
                if k not in members:
                    self.error(path, f"unknown member '{k}' in {shape.name}")
                elif v is not None:
                    self.check_json(members[k], v, f"{path}.{k}")
            for req in shape.required_members:
                if _serialized(req, shape.members[req]) not in value:
                    self.error(path, f"required member '{req}' missing in {shape.name}")
        elif t == "list":
            if not isinstance(value, list):
                return self.error(path, f"expected array, got {type(value).__name__}")
            for i, v in enumerate(value):
                self.check_json(shape.member, v, f"{path}[{i}]")
        elif t == "map":
            if not isinstance(value, dict):
                return self.error(path, f"expected map object, got {type(value).__name__}")
            for k, v in value.items():
                self.check_json(shape.value, v, f"{path}.{k}")
        elif t == "string":
            if not isinstance(value, str):
                return self.error(path, f"expected string, got {type(value).__name__}")
            self._enum(shape, value, path)
        elif t in ("integer", "long"):
            if not isinstance(value, int) or isinstance(value, bool):
                self.error(path, f"expected integer, got {value!r}")
        elif t in ("double", "float"):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                self.error(path, f"expected number, got {value!r}")
        elif t == "boolean":
            if not isinstance(value, bool):
                self.error(path, f"expected boolean, got {value!r}")
        elif t == "timestamp":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                self.error(path, f"expected epoch-seconds number, got {value!r}")
        elif t == "blob":
            if not isinstance(value, str):
                self.error(path, f"expected base64 string, got {value!r}")

    def _enum(self, shape, value, path):
        if shape.enum and value not in shape.enum:
            self.error(path, f"'{value}' is not one of {shape.name}'s values")

    # ------------------------------------------------------------------ XML
    def check_xml(self, shape, elem, path):
        t = shape.type_name
        text = (elem.text or "").strip()
        if t == "structure":
            members = {_serialized(n, m): m for n, m in shape.members.items()}
            for child in elem:
                tag = _local(child.tag)
                if tag not in members:
                    self.error(path, f"unknown element '{tag}' in {shape.name}")
                else:
                    self.check_xml(members[tag], child, f"{path}/{tag}")
        elif t == "list":
            item = "item" if self.protocol == "ec2" else shape.member.serialization.get("name", "member")
            for i, child in enumerate(elem):
                if _local(child.tag) != item:
                    self.error(path, f"list element '{_local(child.tag)}', expected '{item}'")
                self.check_xml(shape.member, child, f"{path}[{i}]")
        elif t == "string":
            self._enum(shape, text, path)
        elif t in ("integer", "long"):
            try:
                int(text)
            except ValueError:
                self.error(path, f"expected integer, got {text!r}")
        elif t == "boolean":
            if text not in ("true", "false"):
                self.error(path, f"expected true/false, got {text!r}")
        elif t == "timestamp":
            try:
                datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                self.error(path, f"expected ISO-8601 timestamp, got {text!r}")

    # ------------------------------------------------------------------ entry point
    def check_response(self, operation_model, status, body):
        shape = operation_model.output_shape
        name = operation_model.name
        if not body:
            if shape is not None and any(not m.serialization.get("location")
                                         for m in shape.members.values()) and status not in (202, 204):
                self.error(name, f"empty body with HTTP {status}")
            return
        if self.protocol in ("rest-json", "json"):
            value = json.loads(body)
            if shape is None:
                return
            self.check_json(shape, value, name)
            return
        root = ET.fromstring(body)
        if self.protocol == "query":
            if _local(root.tag) != f"{name}Response":
                return self.error(name, f"root element {_local(root.tag)}")
            results = [c for c in root if _local(c.tag) == f"{name}Result"]
            meta = [c for c in root if _local(c.tag) == "ResponseMetadata"]
            if not meta:
                self.error(name, "no ResponseMetadata")
            if shape is not None:
                if len(results) != 1:
                    return self.error(name, f"expected one {name}Result")
                self.check_xml(shape, results[0], name)
        else:  # ec2
            if _local(root.tag) != f"{name}Response":
                return self.error(name, f"root element {_local(root.tag)}")
            children = [c for c in root if _local(c.tag) != "requestId"]
            fake = ET.Element("root")
            fake.extend(children)
            if shape is not None:
                self.check_xml(shape, fake, name)
