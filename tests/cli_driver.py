"""Run ``radiodesk`` once per case, each in a child forked from one process that has imported
the CLI: the real entry point writing to real standard streams (files, in the locale's
encoding, as in a pipe), without paying the import for every case.

    python -m tests.cli_driver CASES.json RESULTS.json

CASES.json holds a list of argument lists (non-UTF-8 bytes as the surrogates Python makes of
them, as it does for ``sys.argv``); RESULTS.json gets one ``{"code", "out", "err"}`` each.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from pathlib import Path


def run_case(argv: list[str], folder: Path) -> dict[str, object]:
    from radiodesk.cli import main

    out, err = folder / "out", folder / "err"
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: one run of the command, as from a shell
        code = 70
        try:
            os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
            os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
            try:
                main(argv)
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
            except BaseException:  # noqa: BLE001 - what the interpreter would print
                traceback.print_exc()
                code = 1
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    read = {
        name: path.read_bytes().decode("utf-8", "backslashreplace")
        for name, path in (("out", out), ("err", err))
    }
    return {"code": os.waitstatus_to_exitcode(status), **read}


def main() -> None:
    cases = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    # As radiodesk.cli.main does: the language, click's texts, then the commands (once).
    from radiodesk.cli import choose_language
    from radiodesk.locale.click_texts import translate_click

    choose_language([])
    translate_click()
    import radiodesk.cli.commands  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="radiodesk-driver-") as folder:
        results = [run_case(argv, Path(folder)) for argv in cases]
    Path(sys.argv[2]).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main()
