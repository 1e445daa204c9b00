"""console/src/vocabulary.ts from contracts/vocabulary.py: the console's labels and the
outcomes each severity allows, written from the one place they are defined.

``python -m xiaoneng.vocabulary`` prints the file, ``--write`` writes it (``make
vocabulary``); tests/unit/test_vocabulary.py fails while the committed file is stale.
"""

import json
import sys
from pathlib import Path

from contracts import vocabulary

TARGET = Path(__file__).resolve().parents[1] / "console" / "src" / "vocabulary.ts"
HEADER = """\
// GENERATED from contracts/vocabulary.py by `make vocabulary` (python -m xiaoneng.vocabulary
// --write). Do not edit: change the vocabulary there and generate this file again.
"""


def _typescript(name, value):
    """One enumeration as an exported constant, or None for what the console does not read."""
    if name == "ROLE_GROUPS":  # the console asks the server what the caller may (/me's may)
        return None
    if all(isinstance(v, str) for v in value.values()):
        return f"export const {name}: Record<string, string> = {_literal(value)}\n"
    if all(isinstance(v, tuple) for v in value.values()):
        return f"export const {name}: Record<string, string[]> = {_literal(value)}\n"
    return None  # a table of tables (RECORD_STATUSES): the console reads its parts


def _literal(value):
    """An object literal, one code a line."""
    lines = (f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in value.items())
    return "{\n" + "".join(lines) + "}"


def typescript() -> str:
    """The whole of console/src/vocabulary.ts."""
    constants = [_typescript(name, value) for name, value in vars(vocabulary).items()
                 if name.isupper() and not name.startswith("_") and isinstance(value, dict)]
    return HEADER + "".join(f"\n{c}" for c in constants if c)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--write"]:
        TARGET.write_text(typescript(), encoding="utf-8")
    elif not argv:
        sys.stdout.write(typescript())
    else:
        sys.exit("usage: python -m xiaoneng.vocabulary [--write]")


if __name__ == "__main__":
    main()
