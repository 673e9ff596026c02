"""Validates every Schema/*.json document against Schema/tarlan-api.schema.json (JSON Schema 2020-12).

Installs the `jsonschema` package with pip when it is missing.
"""
import glob
import json
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "jsonschema"])
    import jsonschema

meta = json.load(open("Schema/tarlan-api.schema.json", encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(meta)
validator = jsonschema.Draft202012Validator(meta)
failures = 0
for path in sorted(glob.glob("Schema/*.json")):
    if path.endswith(".schema.json"):
        continue
    document = json.load(open(path, encoding="utf-8"))
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        pointer = "/" + "/".join(str(part) for part in error.absolute_path)
        print(f"{path}: error: {error.message} (at {pointer})")
        failures += 1
print(f"schema documents: {failures} error(s)")
sys.exit(1 if failures else 0)
