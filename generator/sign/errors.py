"""Errors of signing and verifying.  Each message says what is wrong and what to do, in Chinese and English;
the CLI shows them as they are (no traceback)."""
from __future__ import annotations

from ..errors import PlanbookError


class SignError(PlanbookError):
    """Signing or verifying could not be done."""


class CertificateError(SignError):
    """The PKCS#12 file cannot be read, or its certificate cannot sign (expired, no key)."""


class WrongPassphrase(CertificateError):
    """The passphrase does not open the PKCS#12 file."""


class NotApproved(SignError):
    """The document is a draft (or superseded): official signatures only go on approved plans."""


class NotAPdf(SignError):
    """The file is not a PDF Planbook can read."""


class TimestampFailed(SignError):
    """The time-stamp server did not answer or refused."""


class SealError(SignError):
    """The seal image named in planbook.yml is missing, outside the repository, or cannot be drawn."""
