"""Business errors, each with the French message the user reads; the API maps them to statuses."""

from __future__ import annotations


class ErreurDocuments(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Introuvable(ErreurDocuments):
    """Unknown, or someone else's: the same answer, so identifiers cannot be probed."""


class Interdit(ErreurDocuments):
    """The actor may see the object but not do this."""


class Conflit(ErreurDocuments):
    """The dossier's state forbids it (sealed, no complement round open, too many files)."""


class Invalide(ErreurDocuments):
    """The request itself is wrong (e-photo number, piece code, number of files)."""


class FormatRefuse(ErreurDocuments):
    """Not a JPG, PNG, PDF, TIFF or BMP file, whatever its name says."""


class FichierTropVolumineux(ErreurDocuments):
    pass


class FichierIllisible(ErreurDocuments):
    """The format is accepted but the content does not decode (corrupted, truncated, protected)."""


class ImageTropGrande(ErreurDocuments):
    """More pixels than a scan needs: refused from its header, before any decoding."""


class ContenuActif(ErreurDocuments):
    """A script, an action, an embedded file, or a second format hidden in the file."""


class FichierInfecte(ErreurDocuments):
    """The antivirus recognised a virus or a malicious program."""


class AntivirusIndisponible(ErreurDocuments):
    """The antivirus did not answer: nothing is kept unscanned."""
