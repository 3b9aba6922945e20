"""radiodesk's message catalogs (``<lang>/LC_MESSAGES/radiodesk.po``) and the tools that keep them.

See :mod:`radiodesk.locale.catalogs` (extract, update, check, compile) and
:mod:`radiodesk.locale.click_texts` (click's own texts in the operator's language).
"""
