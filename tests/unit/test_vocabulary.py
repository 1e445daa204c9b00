"""One vocabulary (contracts/vocabulary.py): the console's copy is generated from it and
current, and no enumeration or label of it is typed a second time, in Python or in the
console."""

import ast
import inspect
import re
from pathlib import Path

from contracts import vocabulary
from services.accountability import intake
from services.accountability.service import AccountabilityService
from xiaoneng import vocabulary as generator

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ("contracts", "services", "gateway", "xiaoneng", "office", "chassis")
CONSOLE = ROOT / "console" / "src"
GENERATED = ("vocabulary.ts", "schema.d.ts")  # written from the code, not typed

ENUMERATIONS = {name: value for name, value in vars(vocabulary).items()
                if name.isupper() and not name.startswith("_") and isinstance(value, dict)
                and name != "ROLE_GROUPS"
                and all(isinstance(v, str) for v in value.values())}
CODE_SETS = {frozenset(e) for e in ENUMERATIONS.values() if len(e) > 1}
# A code with its label (a Chinese word): what a retyped table of labels holds.
LABELLED = {(code, label) for e in ENUMERATIONS.values() for code, label in e.items()
            if re.search(r"[\u4e00-\u9fff]", label)}
# Role groups (ROLE_GROUPS) are named once too: any literal of two or more role codes is one.
ROLE_CODES = frozenset(vocabulary.ROLES)


def test_the_console_vocabulary_is_generated_from_the_python_one():
    assert generator.TARGET.read_text(encoding="utf-8") == generator.typescript(), \
        "console/src/vocabulary.ts is stale: run `make vocabulary`"


def test_the_generated_file_says_it_is_generated_and_carries_every_enumeration():
    text = generator.typescript()
    assert text.startswith("// GENERATED") and "Do not edit" in text
    for name in ENUMERATIONS:
        assert f"export const {name}:" in text


def copies_in_python(source, where="<source>"):
    """Where ``source`` types an enumeration of the vocabulary again: a label beside its code
    (in a table, or as neighbouring arguments: an export's column), a literal list of every
    code of one, a literal list of codes a schema accepts (``OneOf``, ``"enum"``) that
    the vocabulary already holds, or a role group (two or more role codes) typed out."""
    found = []
    accepted = set()  # the literal lists a schema accepts
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(
                node.func, "id", None)) == "OneOf":
            accepted.update(id(a) for a in node.args)
        if isinstance(node, ast.Call):
            values = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            found += [f"{where}:{node.lineno}: {a!r}, {b!r}" for a, b in zip(
                values, values[1:], strict=False) if {(a, b), (b, a)} & LABELLED]
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "enum":
                    accepted.add(id(value))
                if isinstance(key, ast.Constant) and isinstance(value, ast.Constant) \
                        and (key.value, value.value) in LABELLED:
                    found.append(f"{where}:{node.lineno}: {key.value!r}: {value.value!r}")
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and len(node.elts) > 1 \
                and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                        for e in node.elts):
            codes = frozenset(e.value for e in node.elts)
            if codes in CODE_SETS or codes <= ROLE_CODES or (id(node) in accepted and any(
                    codes <= known for known in CODE_SETS)):
                found.append(f"{where}:{node.lineno}: {sorted(codes)}")
    return found


def copies_in_console(text, where="<source>"):
    """Where a console source types a label of the vocabulary beside its code (a table, a
    ternary, an option's value and text) or lists every code of an enumeration."""
    pairs = [*re.findall(r"""(?<![\w.])['"]?(\w+)['"]?\s*:\s*['"]([^'"\n]+)['"]""", text),
             *re.findall(r"""['"](\w+)['"]\s*\?\s*['"]([^'"\n]+)['"]""", text),
             *re.findall(r"""value=["'](\w+)["'][^>]*>\s*([^<\s][^<]*?)\s*<""", text),
             *re.findall(r"""key:\s*'([\w.]+)',\s*label:\s*'([^'\n]+)'""", text),
             *[(code, label) for label, code in re.findall(
                 r'label="([^"]+)"\s+prop="([\w.]+)"', text)],
             *[(code, label) for label, code in re.findall(
                 r"""label="([^"]+)"[^>]*>\{\{\s*\w+\.([\w.]+)\s*\}\}""", text)]]
    found = [f"{where}: {code}: {label}" for code, label in pairs if (code, label) in LABELLED]
    for listed in re.findall(r"""\[\s*('\w+'(?:\s*,\s*'\w+')+)\s*\]""", text):
        if frozenset(re.findall(r"'(\w+)'", listed)) in CODE_SETS:
            found.append(f"{where}: [{listed}]")
    return found


def python_sources():
    for folder in PYTHON:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts and path != ROOT / "contracts" / "vocabulary.py":
                yield path


def console_sources():
    for path in sorted([*CONSOLE.rglob("*.ts"), *CONSOLE.rglob("*.vue")]):
        if path.name not in GENERATED and ".test." not in path.name:
            yield path


def test_no_python_module_defines_an_enumeration_of_the_vocabulary_again():
    found = [c for path in python_sources() for c in copies_in_python(
        path.read_text(encoding="utf-8"), path.relative_to(ROOT))]
    assert not found, "defined in contracts/vocabulary.py, typed again:\n" + "\n".join(found)


def test_no_console_source_types_a_label_of_the_vocabulary():
    found = [c for path in console_sources() for c in copies_in_console(
        path.read_text(encoding="utf-8"), path.relative_to(ROOT))]
    assert not found, "import these from console/src/vocabulary.ts:\n" + "\n".join(found)


def test_a_copy_typed_again_is_found_in_either_language():
    assert copies_in_python('KINDS = {"overdue": "超时办理"}')
    assert copies_in_python('STATES = ("normal", "covered", "uncovered", "vacant")')
    assert copies_in_python('status = fields.String(validate=validate.OneOf(["open", "decided"]))')
    assert copies_in_python(
        'kind = fields.String(metadata={"enum": ["personal", "leader_responsibility"]})')
    assert copies_in_console("const EXTENSION_STATUS = { requested: '待审批', approved: '已批准' }")
    assert copies_in_console("{{ kind === 'notice' ? '离岗告示' : '请假' }}")
    assert copies_in_console('<el-radio value="business">因公</el-radio>')
    assert copies_in_console("v-for=\"s in ['open', 'decided', 'dismissed']\"")
    assert copies_in_console("{ key: 'covers_served', label: 'B岗顶岗' }")
    assert copies_in_console('<el-table-column label="申请超时" prop="overdue_applications" />')
    assert copies_in_console('<el-descriptions-item label="首问办结">{{ a.inquiries_closed }}')
    assert copies_in_python('Column("公文按时办结", "documents.on_time", "number")')
    assert copies_in_python('OVERSEERS = ("leader", "admin")')
    assert copies_in_python('if actor.role in {"staff", "division_head"}: pass')


def test_words_that_only_look_alike_are_not_copies():
    assert not copies_in_python('COUNTING = ("recorded", "contested", "upheld")')
    assert not copies_in_python('MESSAGE = {"title": "超时办理"}')
    assert not copies_in_console("act('approve', {}, '已批准')")
    assert not copies_in_console("{ key: 'documents', label: '公文按时/超时' }")
    assert not copies_in_python('Column("类别", "kind", "label", VIOLATION_KINDS)')
    assert not copies_in_python('HEAD_ROLES = ("division_head",)')
    assert not copies_in_python('TABLES = ("staff", "divisions")')


def test_every_violation_an_event_reports_is_a_kind_with_its_handler():
    handlers = dict(inspect.getmembers(AccountabilityService, inspect.isfunction))
    for (source, type_), reported in intake.VIOLATIONS.items():
        assert reported.kind in vocabulary.VIOLATION_KINDS, (source, type_)
        assert reported.handler in handlers, (source, type_)


def test_the_violation_handlers_keep_the_names_their_queues_are_named_by():
    """A handler's name names its queue: renaming one would leave the old queue, with
    whatever waits in it, unread."""
    assert {r.handler for r in intake.VIOLATIONS.values()} == {
        "on_overdue", "on_application_overdue", "on_late_return", "on_unauthorised_absence",
        "on_complaint_concluded", "on_notice_violated", "on_first_inquiry_lapsed",
        "on_handover_failed"}
