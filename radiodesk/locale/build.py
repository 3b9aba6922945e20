"""Build hook: compile the message catalogs (.po -> .mo) into the wheel.

pyproject.toml names it under [tool.setuptools.cmdclass]. A wheel (and so `pip install .`)
then carries compiled catalogs, and a fresh install speaks Indonesian without compiling at
run time. An editable install leaves the source tree alone: `.ci/setup` compiles there, and
radiodesk.i18n compiles a .po in memory when its .mo is missing or stale.
"""

from pathlib import Path

from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    """setuptools' build_py, then the catalogs compiled beside their .po files."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path(self.build_lib, "radiodesk", "locale").glob("*/LC_MESSAGES/*.po")):
            lang = po.parent.parent.name
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            with po.with_suffix(".mo").open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
