"""Key bindings whose descriptions follow the language in force.

Bindings are declared at import time with msgids (``N_``); the language may change later
(tests build the desk in Indonesian after importing it in English), so each node translates
its own copy of the bindings when it is made.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from radiodesk.i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Replace ``node``'s binding descriptions and tooltips by their translations."""
    # Each node holds its own copy of the merged bindings map; replacing the lists in that
    # copy leaves the class's bindings untouched.
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(
                b,
                description=_(b.description) if b.description else "",
                tooltip=_(b.tooltip) if b.tooltip else "",
            )
            for b in bindings
        ]
