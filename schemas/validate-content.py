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

def front_matter(text):
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return "\n".join(lines[1:end])

schemas_dir, content_dir = sys.argv[1], sys.argv[2]
kinds = {
    "site": ("site.yaml", False), "themes": ("themes.yaml", False), "cpv": ("cpv.yaml", False),
    "buyer": ("buyers/*.yaml", False), "supplier": ("suppliers/*.yaml", False),
    "roadmap": ("roadmaps/*/*.md", True), "matinale": ("matinales/*/index.md", True),
    "pitch": ("pitches/*.md", True), "testimonial": ("testimonials/*.md", True), "page": ("pages/*.md", True),
}
failures = checked = 0
for kind, (pattern, is_md) in kinds.items():
    with open(os.path.join(schemas_dir, kind + ".schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in sorted(glob.glob(os.path.join(content_dir, pattern))):
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        data = yaml.load(front_matter(text) if is_md else text, Loader=Loader)
        checked += 1
        for error in validator.iter_errors(data):
            failures += 1
            print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
print(f"checked {checked} files, {failures} problems")
sys.exit(1 if failures or checked == 0 else 0)
