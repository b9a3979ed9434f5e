"""PIN pairing for a console on the LAN: who may see it besides the till.

The till's own screen (a kiosk browser on loopback) needs nothing. Any other
browser first asks for a PIN; a 6-digit PIN appears on the till's display
for two minutes; typed on that browser, it becomes a paired device with a
session cookie. Trust is rooted in being at the till: the PIN is only ever
shown there, and the list of paired devices is only managed there.

This module is the state, no HTTP: PINs, wrong tries and per-address
backoff, addresses the till refused ("Not me: cancel" on the PIN panel: no
PIN for that address for 15 minutes), and the paired devices. A device's token is stored only as its
SHA-256 (the token is 256 random bits, so a plain hash is enough), in
``console-devices.json`` in the state directory (mode 0600), so a paired
office PC survives a restart. Neither a PIN nor a token is ever logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from agent.console.listen import is_loopback
from agent.outfile import private_file

log = logging.getLogger("agent.console")

DEVICES_FILE = "console-devices.json"
COOKIE = "till_console"
PIN_DIGITS = 6
PIN_TTL_S = 120.0
PIN_TRIES = 5  # wrong tries on one PIN, from anywhere, before it is void
SESSION_IDLE_S = 30 * 86400.0  # a device unused this long must pair again
BACKOFF_FIRST_S = 1.0  # after the n-th wrong try from an address: 1, 2, 4 ... s
BACKOFF_MAX_S = 60.0
BACKOFF_ADDRESSES = 1024  # addresses remembered for backoff (oldest forgotten)
# "Not me: cancel" at the till: that address may ask for no PIN this long. Longer
# than a PIN lives, so a LAN client asking again as each PIN expires cannot keep
# the panel for itself while staff pair the office PC.
CANCEL_BLOCK_S = 15 * 60.0
SEEN_WRITE_EVERY_S = 3600.0  # last_seen reaches the file at most this often
NAME_MAX = 40


THIS_COMPUTER = "this computer"


def address_words(address: str) -> str:
    """A client's address as the till's own screen says it: "this computer"
    for a loopback one (``::1``, ``127.0.0.1``: the till itself, where the
    pairing pages are read), else the address as it is."""
    return THIS_COMPUTER if is_loopback(address) else address


@dataclass
class Device:
    """A paired browser. ``token_hash``: SHA-256 of its cookie, hex."""

    id: str
    name: str
    token_hash: str
    paired_at: float
    last_seen: float
    address: str


@dataclass
class Pin:
    """The PIN showing on the till: for one address and one device name."""

    code: str
    expires_at: float
    address: str
    device_name: str
    tries_left: int


@dataclass
class PairResult:
    """``token`` is set when paired; else ``status`` (an HTTP status) and
    ``message`` (what the browser is told) and, when backing off, ``retry_after``."""

    token: str = ""
    device: Device | None = None
    status: int = 200
    message: str = ""
    retry_after: int = 0


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def clean_name(text: str) -> str:
    """A device name as staff typed it, printable and short ("" if nothing left)."""
    name = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return name[:NAME_MAX]


class Pairing:
    """PINs and paired devices; every method is thread-safe. ``on_change``
    is called (outside the lock) when what the till's display shows changes."""

    def __init__(self, state_dir: Path, clock: Callable[[], float] = time.time,
                 on_change: Callable[[], None] | None = None):
        self.path = Path(state_dir) / DEVICES_FILE
        self.clock = clock
        self.on_change = on_change
        self.version = 0  # bumped whenever the display's PIN panel changes
        self.said = ""  # the display's last word on pairing ("Office PC is paired")
        self.counters = {"pins_issued": 0, "wrong_pins": 0, "backed_off": 0, "paired": 0,
                         "revoked": 0, "expired_devices": 0, "pins_cancelled": 0,
                         "pin_requests_blocked": 0}
        self._pin: Pin | None = None
        self._fails: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._blocked: OrderedDict[str, float] = OrderedDict()  # address -> until
        self._lock = threading.Lock()
        self._written_seen: dict[str, float] = {}
        self._devices = self._load()

    # --- PINs ------------------------------------------------------------------

    def request_pin(self, address: str, device_name: str) -> tuple[bool, str]:
        """Show a new PIN on the till for ``address`` unless one is showing:
        (issued, what to tell the browser)."""
        name = clean_name(device_name)
        if not name:
            return False, "Give this device a name first (for example \"Office PC\")."
        now = self.clock()
        with self._lock:
            until = self._blocked.get(address, 0.0)
            if now < until:
                self.counters["pin_requests_blocked"] += 1
                return False, (f"Staff at the till refused PINs for this computer: ask again "
                               f"in {int((until - now) // 60) + 1} minute(s), or ask them.")
            if self._pin is not None and self._pin.expires_at > now:
                return False, ("A PIN is already showing on the till. Type it below, or ask "
                               "again when it has gone (at most two minutes).")
            self._pin = Pin(f"{secrets.randbelow(10 ** PIN_DIGITS):0{PIN_DIGITS}d}",
                            now + PIN_TTL_S, address, name, PIN_TRIES)
            self.counters["pins_issued"] += 1
            self.said = ""
            self.version += 1
        log.info("console: pairing PIN shown on the till for a device named %r at %s",
                 name, address)
        self._changed()
        return True, ("A PIN is now showing on the till's operator display for two minutes "
                      "(open the display on the till if it is not up). Type it below.")

    def cancel_pin(self, address: str) -> bool:
        """"Not me: cancel" at the till: void the PIN showing for ``address``
        (if it still is) and refuse PIN requests from ``address`` for
        ``CANCEL_BLOCK_S``. True if a PIN was voided."""
        now = self.clock()
        with self._lock:
            p = self._pin
            voided = p is not None and p.expires_at > now and p.address == address
            if voided:
                self._pin = None
            self._blocked[address] = now + CANCEL_BLOCK_S
            self._blocked.move_to_end(address)
            while len(self._blocked) > BACKOFF_ADDRESSES:
                self._blocked.popitem(last=False)
            self.counters["pins_cancelled"] += 1
            self.said = (f"PIN cancelled: {address_words(address)} may not ask for one for "
                         f"{CANCEL_BLOCK_S / 60:g} minutes")
            self.version += 1
        log.warning("console: pairing PIN cancelled at the till (%s); PIN requests from %s "
                    "refused for %g minutes", "voided" if voided else "none showing", address,
                    CANCEL_BLOCK_S / 60)
        self._changed()
        return voided

    def pin_view(self) -> dict[str, object]:
        """What the till's display shows: the PIN, for whom, seconds left; or
        no PIN and the last word (``said``). Only for the till's own screen."""
        now = self.clock()
        with self._lock:
            p = self._pin
            if p is None or p.expires_at <= now:
                return {"pin": None, "said": self.said}
            return {"pin": p.code, "device": p.device_name, "address": p.address,
                    "address_words": address_words(p.address),
                    "expires_in": max(0, round(p.expires_at - now)), "said": ""}

    def try_pin(self, address: str, code: str) -> PairResult:
        """Pair ``address`` if ``code`` is the PIN showing for it. Wrong tries
        are counted (``PIN_TRIES`` void the PIN) and back the address off."""
        now = self.clock()
        with self._lock:
            version = self.version
            result = self._try(address, code, now)
        if result.device is not None:
            log.info("console: device %r (%s) paired from %s", result.device.name,
                     result.device.id, address)
        if self.version != version:
            self._changed()
        return result

    def _try(self, address: str, code: str, now: float) -> PairResult:
        """(Under the lock.) ``try_pin``'s decision."""
        fails, wait_until = self._fails.get(address, (0, 0.0))
        if now < wait_until:
            self.counters["backed_off"] += 1
            left = int(wait_until - now) + 1
            return PairResult(status=429, retry_after=left,
                              message=f"Too many wrong PINs: wait {left} s and try again.")
        p = self._pin
        if p is None or p.expires_at <= now:
            self._pin = None
            return PairResult(status=403, message="No PIN is showing on the till (they "
                              "last two minutes): ask for a new one.")
        # The PIN was asked for by one device: from another it is simply wrong.
        right = hmac.compare_digest(code.strip().encode(), p.code.encode())
        if not right or address != p.address:
            return self._wrong(address, fails, now, p)
        token = secrets.token_urlsafe(32)
        device = Device(secrets.token_hex(6), p.device_name, token_hash(token), now, now,
                        address)
        self._devices[device.token_hash] = device
        self._fails.pop(address, None)
        self._pin = None
        self.said = f"{device.name} is paired"
        self.version += 1
        self.counters["paired"] += 1
        self._save()
        return PairResult(token=token, device=device)

    def _wrong(self, address: str, fails: int, now: float, p: Pin) -> PairResult:
        """(Under the lock.) Count a wrong try; void the PIN after ``PIN_TRIES``."""
        fails += 1
        self._fails[address] = (fails, now + min(BACKOFF_MAX_S,
                                                 BACKOFF_FIRST_S * 2 ** (fails - 1)))
        self._fails.move_to_end(address)
        while len(self._fails) > BACKOFF_ADDRESSES:
            self._fails.popitem(last=False)
        self.counters["wrong_pins"] += 1
        p.tries_left -= 1
        if p.tries_left > 0:
            log.warning("console: a wrong pairing PIN from %s (%d tries left)", address,
                        p.tries_left)
            return PairResult(status=403, message="That PIN is not right. Check the till's "
                              "screen and try again.")
        self._pin = None
        self.said = "Pairing PIN cancelled after too many wrong tries"
        self.version += 1
        log.warning("console: pairing PIN void after %d wrong tries (last from %s)", PIN_TRIES,
                    address)
        return PairResult(status=403, message="Too many wrong PINs: that PIN is cancelled. "
                          "Ask for a new one.")

    # --- devices ---------------------------------------------------------------

    def device_for(self, token: str) -> Device | None:
        """The paired device holding ``token`` (its last use noted), or None:
        unknown, revoked, or idle longer than ``SESSION_IDLE_S``."""
        if not token:
            return None
        h = token_hash(token)
        now = self.clock()
        with self._lock:
            d = self._devices.get(h)
            if d is None:
                return None
            if now - d.last_seen > SESSION_IDLE_S:
                del self._devices[h]
                self.counters["expired_devices"] += 1
                self._save()
                log.info("console: device %r (%s) expired after %d days unused", d.name, d.id,
                         SESSION_IDLE_S // 86400)
                return None
            d.last_seen = now
            if now - self._written_seen.get(h, d.paired_at) > SEEN_WRITE_EVERY_S:
                self._save()
            return d

    def devices(self) -> list[Device]:
        """Paired devices, oldest first (expired ones are not listed)."""
        now = self.clock()
        with self._lock:
            return sorted((d for d in self._devices.values()
                           if now - d.last_seen <= SESSION_IDLE_S), key=lambda d: d.paired_at)

    def revoke(self, device_id: str) -> Device | None:
        """Forget a device at once (its next request gets nothing)."""
        with self._lock:
            for h, d in list(self._devices.items()):
                if d.id == device_id:
                    del self._devices[h]
                    self.counters["revoked"] += 1
                    self._save()
                    break
            else:
                return None
        log.info("console: device %r (%s) revoked", d.name, d.id)
        self._changed()  # its open event streams end now
        return d

    def is_paired(self, device_id: str) -> bool:
        """Whether ``device_id`` is still paired (an open stream asks again)."""
        with self._lock:
            return any(d.id == device_id for d in self._devices.values())

    # --- the file ----------------------------------------------------------------

    def _load(self) -> dict[str, Device]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            devices = [Device(**d) for d in raw["devices"]]
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # Unreadable: every device must pair again (nothing else is lost).
            log.warning("console: %s is unreadable (%s); paired devices must pair again",
                        self.path, type(exc).__name__)
            return {}
        self._written_seen = {d.token_hash: d.last_seen for d in devices}
        return {d.token_hash: d for d in devices}

    def _save(self) -> None:
        """(Under the lock.) Write the devices, 0600, atomically."""
        try:
            with private_file(self.path) as f:
                json.dump({"version": 1, "devices": [asdict(d) for d in
                                                     self._devices.values()]}, f, indent=1)
        except OSError as exc:
            log.error("console: paired devices not saved to %s: %s", self.path, exc)
            return
        self._written_seen = {h: d.last_seen for h, d in self._devices.items()}

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


def load_devices(state_dir: Path) -> list[Device] | None:
    """The paired devices on file (for the doctor), None if unreadable."""
    try:
        raw = json.loads((Path(state_dir) / DEVICES_FILE).read_text(encoding="utf-8"))
        return [Device(**d) for d in raw["devices"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        return None
