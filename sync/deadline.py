"""An overall deadline for one hub request.

httpx's timeouts bound each connect, read and write, not a whole request: a
hub (or anything in between) sending its answer one byte every few seconds
never trips a 30 s read timeout and holds the sync thread for ever. This
network backend for httpcore clamps every socket operation's timeout to what
is left of the current request's deadline, so headers and body together
finish by the deadline or the request fails with httpx's own timeout error.
"""

from __future__ import annotations

import ssl
import time
import typing

import httpcore


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend with a per-request deadline
    (``time.monotonic()`` seconds; None: no deadline). One request at a time:
    the client sets ``deadline`` under its own lock before each request."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self.deadline: float | None = None

    def clamp(self, timeout: float | None, exc: type[Exception]) -> float | None:
        """``timeout`` cut to what is left of the deadline; ``exc`` once it passed."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise exc("the request's overall deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None,
                    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, self.clamp(timeout, httpcore.ConnectTimeout),
                                         local_address, socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: typing.Iterable[typing.Any] | None = None,
                            ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, self.clamp(timeout, httpcore.ConnectTimeout), socket_options)
        return _DeadlineStream(stream, self)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: DeadlineBackend):
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname,
                                    self._backend.clamp(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls, self._backend)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)
