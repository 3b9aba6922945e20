"""Keep the message catalogs in step with the code: extract, update, check, compile.

    python -m radiodesk.locale.catalogs update   # msgids from the code into the id and en .po
    python -m radiodesk.locale.catalogs check    # what tests/i18n checks; exit 1 on a problem
    python -m radiodesk.locale.catalogs compile  # .po -> .mo next to them
    python -m radiodesk.locale.catalogs scan     # texts that look user-facing but skip _()

Msgids are extracted with Babel from ``radiodesk/**.py`` (keywords ``_``, ``N_``,
``ngettext``) and from the Jinja2 templates in ``radiodesk/publish/templates`` (see
``babel.cfg``). ``update`` adds new msgids, drops the ones no longer used (their
translations stay in git history) and marks near-matches of a changed msgid as fuzzy for
review. The ``id`` catalog must translate everything; the ``en`` catalog lists every msgid
with an empty msgstr meaning "as written" (see :mod:`radiodesk.i18n`).
"""

from __future__ import annotations

import argparse
import ast
import string
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from radiodesk import __version__
from radiodesk.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, catalog_paths

PACKAGE_DIR = LOCALE_DIR.parent
MAPPING_FILE = LOCALE_DIR / "babel.cfg"
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
TEAMS = {"id": "Bahasa Indonesia", "en": "English"}

MessageKey = tuple[str | None, str | tuple[str, ...]]


def _new_catalog(lang: str | None = None) -> Catalog:
    return Catalog(
        locale=lang,
        domain=DOMAIN,
        project="radiodesk",
        version=__version__,
        copyright_holder="radiodesk",
        charset="utf-8",
        language_team=TEAMS.get(lang or "") or "",
        last_translator="radiodesk",
    )


def extract() -> Catalog:
    """Every msgid the code and templates use, as a template catalog (no translations)."""
    with MAPPING_FILE.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(MAPPING_FILE))
    template = _new_catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE_DIR,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        location = (f"{PACKAGE_DIR.name}/{Path(filename).as_posix()}", lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return catalog_paths(lang)[1]


def read_catalog(lang: str) -> Catalog:
    """The catalog of ``lang`` as kept in the repository (empty when there is none yet)."""
    path = po_path(lang)
    if not path.exists():
        return _new_catalog(lang)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def _write_catalog(lang: str, catalog: Catalog) -> None:
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        # Files without line numbers: a msgid that moves within its file changes nothing.
        write_po(
            fh,
            catalog,
            width=100,
            ignore_obsolete=True,
            include_previous=True,
            include_lineno=False,
        )


def key(message: Message) -> MessageKey:
    """What identifies a message: its context and msgid (with the plural msgid, if any)."""
    ident = tuple(message.id) if isinstance(message.id, list | tuple) else message.id
    return (message.context, ident)


def _messages(catalog: Catalog) -> Iterator[Message]:
    for message in catalog:
        if message.id:  # the header
            yield message


def _snapshot(catalog: Catalog) -> list[tuple[object, ...]]:
    return [
        (
            key(m),
            m.string,
            sorted(m.flags),
            m.auto_comments,
            sorted({f for f, _line in m.locations}),  # written once each, without lines
            m.previous_id,
        )
        for m in _messages(catalog)
    ]


def update() -> list[str]:
    """Bring every catalog in step with the code; returns one summary line per language."""
    template = extract()
    used = {key(m) for m in _messages(template)}
    lines = []
    for lang in LANGUAGES:
        catalog = read_catalog(lang)
        before = _snapshot(catalog)
        had = {key(m) for m in _messages(catalog)}
        # English needs no guesses: its msgstrs are empty ("as written") unless reworded.
        catalog.update(template, no_fuzzy_matching=(lang == "en"), update_creation_date=False)
        catalog.obsolete.clear()
        if lang == "en":
            for message in _messages(catalog):
                if not _translated(message):
                    message.flags.discard("fuzzy")
        catalog.project, catalog.version = "radiodesk", __version__
        catalog.language_team = TEAMS.get(lang, "")
        catalog.last_translator = "radiodesk"
        catalog.msgid_bugs_address = "radiodesk"
        changed = _snapshot(catalog) != before or not po_path(lang).exists()
        if changed:
            catalog.revision_date = datetime.now(UTC)
            _write_catalog(lang, catalog)
        todo = sum(1 for m in _messages(catalog) if lang != "en" and _needs_work(m))
        lines.append(
            f"{lang}: {len(used - had)} added, {len(had - used)} removed, "
            f"{len(used)} in all, {todo} to translate or review"
            + ("" if changed else " (unchanged)")
        )
    return lines


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, list | tuple):
        return [s or "" for s in message.string]
    return [message.string or ""]


def _translated(message: Message) -> bool:
    return all(_forms(message))


def _needs_work(message: Message) -> bool:
    return not _translated(message) or message.fuzzy


def placeholders(text: str) -> set[str] | None:
    """The ``{name}`` fields of a str.format text (with conversion and spec), or None if
    the text is not a valid format string."""
    fields = set()
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name is not None:
                fields.add(
                    "{" + name + ("!" + conversion if conversion else "") + (spec or "") + "}"
                )
    except ValueError:
        return None
    return fields


def _placeholder_problems(lang: str, message: Message) -> Iterator[str]:
    ids = list(message.id) if isinstance(message.id, list | tuple) else [message.id]
    wanted = [placeholders(i) for i in ids]
    if any(w is None for w in wanted):
        return  # not a format string: braces are plain text there
    allowed = set().union(*(w or set() for w in wanted))
    for form in _forms(message):
        if not form:
            continue
        found = placeholders(form)
        if found is None:
            yield f"{lang}: msgstr is not a valid format string (unbalanced braces): {form!r}"
        elif len(ids) == 1 and found != allowed:
            yield (
                f"{lang}: placeholders differ: msgid has {sorted(allowed)}, msgstr has "
                f"{sorted(found)}: {ids[0]!r}"
            )
        elif len(ids) > 1 and not found <= allowed:
            yield (
                f"{lang}: placeholders unknown to the msgid: {sorted(found - allowed)}: {ids[0]!r}"
            )


def check(
    template: Catalog | None = None,
    catalogs: dict[str, Catalog] | None = None,
    sources: Iterable[Path] | None = None,
) -> list[str]:
    """Every problem of the catalogs against the code, one line each; empty when all is well.

    Missing msgids, msgids no longer used, obsolete (``#~``) entries, untranslated or fuzzy
    Indonesian, placeholders that differ, an English msgstr copied from Indonesian, and
    msgids built at run time (which Babel cannot extract). By default the code and catalogs
    of this checkout; a test passes its own.
    """
    template = template or extract()
    used = {key(m): m for m in _messages(template)}
    problems = list(dynamic_messages(sources))
    catalogs = catalogs or {lang: read_catalog(lang) for lang in LANGUAGES}
    for lang, catalog in catalogs.items():
        have = {key(m): m for m in _messages(catalog)}
        for k in used.keys() - have.keys():
            where = ", ".join(f"{f}:{n}" for f, n in used[k].locations)
            problems.append(f"{lang}: missing (run update): {_show(k)} used at {where}")
        for k in have.keys() - used.keys():
            problems.append(f"{lang}: no longer used in the code (run update): {_show(k)}")
        if catalog.obsolete:
            problems.append(f"{lang}: {len(catalog.obsolete)} obsolete #~ entries (run update)")
        for k, message in have.items():
            if lang == "id" and not _translated(message):
                problems.append(f"{lang}: untranslated: {_show(k)}")
            elif message.fuzzy and _translated(message):
                problems.append(f"{lang}: fuzzy, to review: {_show(k)}")
            problems.extend(_placeholder_problems(lang, message))
    indonesian = {key(m): _forms(m) for m in _messages(catalogs["id"])}
    for message in _messages(catalogs["en"]):
        forms = _forms(message)
        ids = list(message.id) if isinstance(message.id, list | tuple) else [message.id]
        if any(forms) and forms == indonesian.get(key(message)) and forms[0] not in ids:
            problems.append(f"en: msgstr is the Indonesian translation: {_show(key(message))}")
    return problems


def _show(k: MessageKey) -> str:
    ident = k[1]
    text = ident[0] if isinstance(ident, tuple) else ident
    return repr(text) if k[0] is None else f"{k[0]}|{text!r}"


def compile_catalogs() -> list[Path]:
    """Write ``radiodesk.mo`` next to each ``radiodesk.po``; returns the files written."""
    written = []
    for lang in LANGUAGES:
        catalog = read_catalog(lang)
        mo = catalog_paths(lang)[0]
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    return written


def _python_files() -> Iterator[Path]:
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" not in path.parts:
            yield path


def _relative(path: Path) -> Path:
    return path.relative_to(PACKAGE_DIR.parent) if path.is_relative_to(PACKAGE_DIR.parent) else path


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _built_text(node: ast.AST) -> bool:
    # `_(LABELS.get(kind, kind))` is fine (the labels are N_ msgids); `_("…".format())` is not.
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and (node.func.attr == "format" or isinstance(node.func.value, ast.Constant))
    )


def dynamic_messages(paths: Iterable[Path] | None = None) -> Iterator[str]:
    """Calls of ``_``/``N_``/``ngettext`` whose text is built at run time (an f-string,
    ``+`` or ``.format`` inside the call): Babel cannot extract those, so they would never
    be translated. A plain variable is allowed: it holds a msgid marked with ``N_``."""
    for path in _python_files() if paths is None else paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _called_name(node) not in KEYWORDS:
                continue
            count = 2 if _called_name(node) == "ngettext" else 1
            for arg in node.args[:count]:
                if _built_text(arg):
                    where = f"{_relative(path)}:{node.lineno}"
                    yield f"{where}: text built at run time inside {_called_name(node)}()"


# What `scan` looks at: calls that show their text, and keywords that hold a shown text.
_SHOWING_CALLS = {
    "echo",
    "secho",
    "print",
    "notify",
    "Label",
    "Static",
    "Button",
    "Binding",
    "Checkbox",
    "Switch",
    "TabPane",
    "Tab",
    "add_column",
    "add_columns",
    "ConfigError",
    "InputError",
    "NotFound",
    "Conflict",
    "RadiodeskError",
    "ClickException",
    "UsageError",
    "BadParameter",
}
_SHOWING_KEYWORDS = {
    "help",
    "short_help",
    "prompt",
    "placeholder",
    "title",
    "sub_title",
    "label",
    "description",
    "tooltip",
    "message",
    "epilog",
}


def _looks_like_words(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = " ".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    else:
        return False
    # Two letters in a row: a word, not a separator, an f-string of values or a key name.
    return any(a.isalpha() and b.isalpha() for a, b in zip(text, text[1:], strict=False)) and (
        " " in text.strip() or text[:1].isupper()
    )


def scan(paths: Iterable[Path] | None = None) -> Iterator[str]:
    """Texts that look shown to a person but do not go through ``_()`` (a heuristic: read
    each hit; key names, CSS and log-file lines are fine as they are)."""
    for path in _python_files() if paths is None else paths:
        if path.is_relative_to(LOCALE_DIR):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        rel = _relative(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _called_name(node)
                args = node.args if name in _SHOWING_CALLS else []
                if name == "Binding":
                    args = node.args[2:3]
                hits = [a for a in args if _looks_like_words(a)]
                hits += [
                    k.value
                    for k in node.keywords
                    if k.arg in _SHOWING_KEYWORDS and _looks_like_words(k.value)
                ]
                for hit in hits:
                    yield f"{rel}:{hit.lineno}: {ast.unparse(hit)[:90]}"
            elif isinstance(node, ast.Assign) and _looks_like_words(node.value):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if any(n in {"TITLE", "SUB_TITLE"} for n in names):
                    yield f"{rel}:{node.lineno}: {ast.unparse(node.value)[:90]}"


def main(argv: list[str] | None = None) -> int:
    """The maintainer's command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m radiodesk.locale.catalogs")
    parser.add_argument("action", choices=["update", "check", "compile", "scan"])
    action = parser.parse_args(argv).action
    if action == "update":
        for line in update():
            print(line)
        return 0
    if action == "check":
        problems = check()
        for line in problems:
            print(line)
        print(f"{len(problems)} problem(s)" if problems else "catalogs complete")
        return 1 if problems else 0
    if action == "compile":
        for path in compile_catalogs():
            print(path.relative_to(PACKAGE_DIR.parent))
        return 0
    hits = list(scan())
    for line in hits:
        print(line)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
