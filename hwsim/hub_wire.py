"""The simulated hub's bytes on the wire: JSON bodies, whole responses in one
buffer, chunked request bodies, and the garbage a broken hub answers with
(``hwsim.hub``'s faults)."""

from __future__ import annotations

import json
from typing import Any


def json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def image_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    return "application/octet-stream"


def response_bytes(status: int, body: bytes, headers: dict[str, str],
                    content_type: str = "application/json") -> bytes:
    """Status line, headers and body as one buffer: one send, no Nagle stall."""
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    lines = [f"HTTP/1.1 {status} {phrase}", "Server: hwsim-hub/1",
             f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def discard(rfile: Any, n: int) -> None:
    while n > 0:
        chunk = rfile.read(min(n, 65536))
        if not chunk:
            return
        n -= len(chunk)


def read_chunked(rfile: Any, limit: int) -> bytes | None:
    """A chunked request body, or None once it passes ``limit``."""
    out = bytearray()
    while True:
        size_line = rfile.readline(1024).split(b";")[0].strip()
        try:
            size = int(size_line, 16)
        except ValueError:
            return bytes(out)  # malformed framing: the JSON parse will say so
        if size == 0:
            while rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return bytes(out)
        if len(out) + size > limit:
            return None
        out += rfile.read(size)
        rfile.readline(1024)


def garbage_push(results: list[dict], variant: str | None) -> bytes:
    variant = variant or "not_json"
    if variant == "truncated":
        return json_bytes({"results": results})[:-7] or b"{"
    if variant == "wrong_shape":
        return json_bytes({"results": {"ids": [r["id"] for r in results]}})
    if variant == "wrong_ids":
        return json_bytes({"results": [{**r, "id": r["id"] + "-x"} for r in results]})
    if variant == "extra_id":
        return json_bytes({"results": results + [{"id": "never-sent-0", "status": "accepted",
                                                   "reason": ""}]})
    if variant == "bad_status":
        return json_bytes({"results": [{**r, "status": "ok"} for r in results]})
    return b"<html><body>502 Bad Gateway (upstream said: \x00\xff)</body></html>"


def garbage_roster(page: dict, variant: str | None) -> bytes:
    variant = variant or "not_json"
    if variant == "truncated":
        return json_bytes(page)[:-7] or b"{"
    if variant == "wrong_shape":
        return json_bytes({**page, "pupils": {"count": len(page["pupils"])}})
    if variant == "bad_pupil":
        pupils = [dict(p) for p in page["pupils"]] or [{"id": "P-bad"}]
        pupils[len(pupils) // 2]["balance_pence"] = "lots"
        return json_bytes({**page, "pupils": pupils})
    if variant == "missing_cursor":
        return json_bytes({k: v for k, v in page.items() if k != "cursor"})
    return b"<html><body>502 Bad Gateway</body></html>"
