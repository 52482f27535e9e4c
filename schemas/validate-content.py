"""Checks content files against the JSON Schemas, as an editor's YAML tooling would.

    python3 schemas/validate-content.py SCHEMAS_DIR CONTENT_DIR

Also imported by the tests (`read`, `validator`), so that they read YAML exactly as this script does.
"""
import glob, json, os, re, sys
import yaml
from jsonschema import Draft202012Validator

class Loader(yaml.SafeLoader):
    """YAML 1.2 core scalars, as the YAML language server reads them: no dates, no 1.1 sexagesimals."""
Loader.yaml_implicit_resolvers = {}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Loader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"), list("-+0123456789."))
Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
# YAML 1.2 integers are decimal: « 093 » is 93 (PyYAML's 1.1 reading takes it for octal, and fails).
Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node)))

KINDS = {
    "site": ("site.yaml", False), "themes": ("themes.yaml", False), "cpv": ("cpv.yaml", False),
    "buyer": ("buyers/*.yaml", False), "supplier": ("suppliers/*.yaml", False),
    "roadmap": ("roadmaps/*/*.md", True), "matinale": ("matinales/*/index.md", True),
    "pitch": ("pitches/*.md", True), "testimonial": ("testimonials/*.md", True), "page": ("pages/*.md", True),
}

def front_matter(text):
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return "\n".join(lines[1:end])

def read(path, is_md):
    """The file's YAML (the front matter of a .md file) as Python values."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    return yaml.load(front_matter(text) if is_md else text, Loader=Loader)

def validator(schemas_dir, kind):
    with open(os.path.join(schemas_dir, kind + ".schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)

def main(schemas_dir, content_dir):
    failures = checked = 0
    for kind, (pattern, is_md) in KINDS.items():
        check = validator(schemas_dir, kind)
        for path in sorted(glob.glob(os.path.join(content_dir, pattern))):
            checked += 1
            for error in check.iter_errors(read(path, is_md)):
                failures += 1
                print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    print(f"checked {checked} files, {failures} problems")
    return 1 if failures or checked == 0 else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
