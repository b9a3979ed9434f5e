"""An error the agent recorded, for people (pure): what failed in words, and
the technician's detail without a Python repr or a temporary path.

The runtime publishes a device's or the printer's error as Python wrote it
(``FileNotFoundError: [Errno 2] serial port not present: '/tmp/x/rfid'``):
true, but a class name and an errno mean nothing to the office, and a
temporary path (a test's, the simulation's) is noise even to the till
supplier, who has the configured path in the settings. The staff pages say
the words and keep the detail behind a "details" disclosure; the doctor says
the words and keeps the detail under ``-v``.
"""

from __future__ import annotations

import errno
import re
import tempfile
from dataclasses import dataclass

# ``[Errno 2] `` and the number it names.
_ERRNO = re.compile(r"\[Errno (-?\d+)\]\s*")
# ``ConnectError('refused')`` -> ``refused``; ``FileNotFoundError: x`` -> ``x``.
_REPR = re.compile(r"\b(?:\w+\.)*[A-Z]\w*(?:Error|Exception|Exit|Timeout)\((['\"]?)(.*?)\1\)")
_CLASS = re.compile(r"\b(?:\w+\.)*[A-Z]\w*(?:Error|Exception|Exit|Timeout)\b:?\s*")
_TEMP_ROOTS = sorted({tempfile.gettempdir().rstrip("/"), "/tmp", "/var/tmp", "/dev/shm"},
                     key=len, reverse=True)
_TEMP_ROOTS_RE = "|".join(re.escape(r) for r in _TEMP_ROOTS)
_TEMP_PATH = re.compile(r"""(:\s*)?(['"]?)(?:""" + _TEMP_ROOTS_RE + r""")/[^\s'"]*\2""")

# What failed, by the errno (or the words) of the error: the commonest a
# reader, a scanner or the printer's link gives, in the office's words.
_BY_ERRNO = {
    errno.ENOENT: "not found: unplugged, or on a different port than the settings say",
    errno.ENODEV: "gone: unplugged, or switched off",
    errno.ENXIO: "gone: unplugged, or switched off",
    errno.EIO: "stopped answering: a loose cable, or unplugged",
    errno.EACCES: "the till's software is not allowed to open it (a setting for the "
                  "till supplier)",
    errno.EPERM: "the till's software is not allowed to open it (a setting for the "
                 "till supplier)",
    errno.EBUSY: "in use by another program on the till",
    errno.ECONNREFUSED: "refused the connection: switched off, or the wrong address",
    errno.EHOSTUNREACH: "cannot be reached on the network",
    errno.ENETUNREACH: "cannot be reached: the till's network is down",
    errno.ETIMEDOUT: "did not answer in time",
}
_BY_WORDS = (
    ("not present", _BY_ERRNO[errno.ENOENT]),
    ("no such file", _BY_ERRNO[errno.ENOENT]),
    ("permission denied", _BY_ERRNO[errno.EACCES]),
    ("busy", _BY_ERRNO[errno.EBUSY]),
    ("refused", _BY_ERRNO[errno.ECONNREFUSED]),
    ("timed out", _BY_ERRNO[errno.ETIMEDOUT]),
    ("timeout", _BY_ERRNO[errno.ETIMEDOUT]),
    ("input/output", _BY_ERRNO[errno.EIO]),
)
UNKNOWN = "failed, for a reason the till has no plain words for (see details)"


@dataclass(frozen=True)
class ErrorWords:
    """``said``: what failed, in words; ``detail``: for the till supplier."""

    said: str
    detail: str


def technician_detail(text: str) -> str:
    """``text`` without Python's class names and reprs, errno brackets or
    temporary paths: ``FileNotFoundError: [Errno 2] serial port not present:
    '/tmp/x/rfid'`` -> ``serial port not present (errno 2)``."""
    numbers = _ERRNO.findall(text)
    out = _TEMP_PATH.sub("", text)
    out = _REPR.sub(lambda m: m.group(2), out)
    out = _CLASS.sub("", _ERRNO.sub("", out))
    out = re.sub(r"\s{2,}", " ", out).strip(" :;,")
    if numbers:
        out += f" (errno {numbers[0]})"
    return out


def error_words(text: str | None) -> ErrorWords | None:
    """The recorded error ``text`` (None or empty: no error) for people."""
    if not text:
        return None
    numbers = [int(n) for n in _ERRNO.findall(text)]
    said = next((_BY_ERRNO[n] for n in numbers if n in _BY_ERRNO), "")
    if not said:
        low = text.lower()
        said = next((w for key, w in _BY_WORDS if key in low), UNKNOWN)
    return ErrorWords(said[:1].upper() + said[1:], technician_detail(text))
