#!/usr/bin/env python3
"""Checks every signature the schema states without any TarlanKit code.

For every signature vector, signed request example and signed callback example in SCHEMA_DIR/*.json:
the canonical text is rebuilt here from the input (the section's exclusions, then Go's encoding/json
or the PHP sample's json_encode, written again in Python from their documented behaviour) and compared
with the stated `canonical`; the signature is recomputed with Python's hashlib and base64 as
sha256(base64(canonical) + secret) and compared with the stated `signature` (and `base64`).

Prints one line per checked signature and a summary; exit status 1 if any differs, 2 on bad input.
With --canonicalize FORM it reads one JSON object per line on stdin and writes its canonical text in
FORM (go, phpSample; no exclusions), for differential tests against TarlanKit's own writers.
    python3 Tests/Vectors/check-signatures.py Schema
    python3 Tests/Vectors/check-signatures.py --canonicalize go < objects.jsonl
"""

import base64
import decimal
import glob
import hashlib
import json
import math
import os
import sys

GO_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
              "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
PHP_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def go_string(text):
    out = []
    for ch in text:
        if ch in GO_ESCAPES:
            out.append(GO_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def go_float(value):
    """strconv.FormatFloat(value, 'f' or 'e', -1, 64), as encoding/json picks it."""
    if value == 0:
        return "-0" if math.copysign(1, value) < 0 else "0"
    shortest = decimal.Decimal(repr(float(value)))
    if 1e-6 <= abs(value) < 1e21:
        text = format(shortest, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    mantissa, exponent = format(shortest.normalize(), "e").split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    sign = "-" if exponent.startswith("-") else "+"
    digits = exponent.lstrip("+-").lstrip("0") or "0"  # encoding/json writes e-7, not e-07
    return f"{mantissa}e{sign}{digits}"


def go_json(value):
    """encoding/json of the value decoded into interface{}: keys sorted everywhere, numbers float64."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return go_float(float(value))
    if isinstance(value, str):
        return go_string(value)
    if isinstance(value, list):
        return "[" + ",".join(go_json(v) for v in value) + "]"
    keys = sorted(value, key=lambda k: k.encode("utf-8"))
    return "{" + ",".join(go_string(k) + ":" + go_json(value[k]) for k in keys) + "}"


def php_string(text):
    out = []
    for ch in text:
        code = ord(ch)
        if ch in PHP_ESCAPES:
            out.append(PHP_ESCAPES[ch])
        elif code < 0x20:
            out.append("\\u%04x" % code)
        elif code < 0x80:
            out.append(ch)
        elif code < 0x10000:
            out.append("\\u%04x" % code)
        else:
            code -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
    return '"' + "".join(out) + '"'


def php_float(value):
    """PHP's shortest double (serialize_precision -1): positional for exponents -5 < e < 17, no ".0"
    on integral values; otherwise d.ddde±x (1.0e+21, 1.5e-7)."""
    if value == 0:
        return "0" if str(value)[0] != "-" else "-0"
    shortest = decimal.Decimal(repr(value))
    exponent = shortest.adjusted()
    if -5 < exponent < 17:
        text = format(shortest, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    sign, digits, _ = shortest.normalize().as_tuple()
    mantissa = str(digits[0]) + "." + ("".join(map(str, digits[1:])) or "0")
    return ("-" if sign else "") + mantissa + "e" + ("-" if exponent < 0 else "+") + str(abs(exponent))


def php_json(value):
    """json_encode(…, JSON_UNESCAPED_SLASHES) of json_decode(…, true): order kept, floats shortest."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        # json_decode keeps an integer within int64; a larger one becomes a float.
        return str(value) if -2**63 <= value < 2**63 else php_float(float(value))
    if isinstance(value, float):
        return php_float(value)
    if isinstance(value, str):
        return php_string(value)
    if isinstance(value, list):
        return "[" + ",".join(php_json(v) for v in value) + "]"
    if not value:
        return "[]"  # json_decode(…, true) makes an empty object an empty array
    return "{" + ",".join(php_string(k) + ":" + php_json(v) for k, v in value.items()) + "}"


def canonical(body, signing, form):
    signed = {k: v for k, v in body.items()
              if k not in signing.get("excludedTopLevelFields", [])
              and not (signing.get("excludesEmptyStrings") and v == "")}
    if form == "go":
        return go_json(signed)
    if form == "phpSample":
        # ksort of the top level only (SORT_REGULAR on non-numeric keys compares bytes).
        return php_json({k: signed[k] for k in sorted(signed, key=lambda k: k.encode("utf-8"))})
    raise ValueError(f"unknown canonical form {form!r}")


def canonicalize_lines(form):
    for line in sys.stdin:
        if line.strip():
            # Go decodes every number into a float64 (so -0 keeps its sign); PHP keeps integers.
            value = json.loads(line, parse_int=float if form == "go" else int)
            sys.stdout.write(canonical(value, {}, form) + "\n")
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--canonicalize":
        return canonicalize_lines(sys.argv[2])
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 64
    documents = {}
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
        if not path.endswith(".schema.json"):
            with open(path, encoding="utf-8") as handle:
                documents[os.path.basename(path)] = json.load(handle)
    sections = {name: section for doc in documents.values() for name, section in doc.get("sections", {}).items()}
    if not sections:
        print("no sections found", file=sys.stderr)
        return 2

    checks = []  # (where, body, section, form or None, stated canonical or None, base64 or None, secret, signature)
    for file, doc in documents.items():
        for name, vector in doc.get("signatureVectors", {}).items():
            checks.append((f"{file}#/signatureVectors/{name}", vector["input"], vector["section"],
                           vector.get("canonicalForm"), vector.get("canonical"), vector.get("base64"),
                           vector["secret"], vector["signature"]))
        for kind in ("operations", "callbacks"):
            for owner, entity in doc.get(kind, {}).items():
                for name, example in entity.get("examples", {}).items():
                    if "signature" in example:
                        checks.append((f"{file}#/{kind}/{owner}/examples/{name}", example["body"], entity["section"],
                                       example.get("canonicalForm"), example.get("canonical"), None,
                                       example["secret"], example["signature"]))

    failures = 0
    for where, body, section, form, stated, stated_base64, secret, signature in checks:
        signing = sections[section]["signing"]
        # A check without its own form holds in every form the section may switch to; the section's
        # own form is the one its canonical text is stated in.
        forms = [form] if form else ["go", "phpSample"]
        differs = False
        for each in forms:
            text = canonical(body, signing, each)
            problems = []
            if stated is not None and each == (form or signing.get("canonicalForm", "go")) and text != stated:
                problems.append(f"canonical text {text!r} is not the stated {stated!r}")
            encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
            if stated_base64 is not None and each == (form or signing.get("canonicalForm", "go")) and encoded != stated_base64:
                problems.append("base64 differs from the stated one")
            computed = hashlib.sha256((encoded + secret).encode("utf-8")).hexdigest()
            if computed != signature:
                problems.append(f"signature {computed} is not the stated {signature}")
            status = "ok" if not problems else "DIFFERS: " + "; ".join(problems)
            print(f"{where} ({each}): {status}")
            differs = differs or bool(problems)
        failures += differs
    print(f"{len(checks)} stated signatures checked, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
