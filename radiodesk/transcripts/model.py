"""Finding and loading the Whisper model (CTranslate2, for faster-whisper).

A model is named ("base", "small", …) or given as a folder. A named model is looked for in
the environment's own folder (``<venv>/share/radiodesk/models/whisper-NAME``, where
``.ci/setup`` installs Whisper base); elsewhere faster-whisper fetches it the usual way, which
needs its hub. Loading never fetches anything from a folder, and every failure is one line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from radiodesk.errors import RadiodeskError
from radiodesk.i18n import _

# What a CTranslate2 Whisper folder holds.
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.json")
COMPUTE_TYPE = "int8"


def models_dir() -> Path:
    """The environment's own model folder: ``<sys.prefix>/share/radiodesk/models``."""
    return Path(sys.prefix) / "share" / "radiodesk" / "models"


def installed_folder(name: str) -> Path:
    """Where a named model is installed in this environment (it may not be there)."""
    return models_dir() / f"whisper-{name}"


def model_source(model: str) -> str:
    """The folder (as a string) faster-whisper is given for ``model``, or the bare name when
    the model is not installed here (faster-whisper then fetches it)."""
    if Path(model).is_absolute():
        return model
    folder = installed_folder(model)
    return str(folder) if folder.is_dir() else model


def faster_whisper_version() -> str:
    """The installed faster-whisper's version; RadiodeskError when it is not installed."""
    from importlib import metadata

    try:
        return metadata.version("faster-whisper")
    except metadata.PackageNotFoundError:
        raise RadiodeskError(
            _(
                "faster-whisper is not installed: install radiodesk[transcripts] "
                "(bash .ci/setup does) to transcribe."
            )
        ) from None


def load_model(model: str, threads: int) -> Any:
    """The faster-whisper ``WhisperModel`` for ``model`` on the CPU (int8), or RadiodeskError
    with one line: faster-whisper missing, a folder incomplete or corrupt, a name that cannot
    be fetched."""
    faster_whisper_version()
    from faster_whisper import WhisperModel

    source = model_source(model)
    folder = Path(source)
    if folder.is_absolute():
        missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
        if not folder.is_dir() or missing:
            raise RadiodeskError(
                _("The model folder {folder} is not a Whisper model (missing: {files}).").format(
                    folder=folder, files=", ".join(missing) or "-"
                )
            )
    try:
        return WhisperModel(
            source, device="cpu", compute_type=COMPUTE_TYPE, cpu_threads=threads, num_workers=1
        )
    except Exception as err:  # noqa: BLE001 - CTranslate2 and the hub raise many kinds
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        if folder.is_absolute():
            raise RadiodeskError(
                _("The model in {folder} cannot be loaded: {reason}").format(
                    folder=folder, reason=reason
                )
            ) from None
        raise RadiodeskError(
            _(
                "The model '{name}' is not installed in {folder} and cannot be fetched "
                "({reason}); run bash .ci/setup, or set [transcripts] model to a model folder."
            ).format(name=model, folder=installed_folder(model), reason=reason)
        ) from None
