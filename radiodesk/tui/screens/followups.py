"""TODO: being built."""

from __future__ import annotations

from radiodesk.tui.screens.base import DeskScreen


class FollowupsScreen(DeskScreen):
    MODE = "followups"
