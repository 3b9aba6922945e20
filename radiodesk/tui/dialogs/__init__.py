"""Modal dialogs of the desk; each is a typed ``ModalScreen[...]``."""
