"""Widgets of the desk shared by several screens."""
