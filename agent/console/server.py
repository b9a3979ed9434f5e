"""The console's server: uvicorn (h11) on its own thread, its own event loop.

The runtime's main loop never waits for it: the display is fed through
``DisplayFeed`` (a lock held for microseconds and a wake-up posted to this
server's loop). The listening socket is bound in ``start`` so a port in use
is reported there, and the URL is known before the first request.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from typing import Any

from agent.console.app import ConsoleContext, create_app
from agent.console.listen import allowed_hosts, is_loopback, resolved_hosts, split_listen

log = logging.getLogger("agent.console")


class ConsoleServer:
    """``start()`` binds and serves on a thread; ``stop()`` ends it."""

    def __init__(self, ctx: ConsoleContext, listen: str):
        self.ctx = ctx
        self.listen = listen
        self.url = ""
        self.port = 0  # the port bound (the kernel's pick for a listen on port 0)
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()

    def start(self, timeout: float = 5.0) -> str:
        """Bind, serve, and return the URL once the server takes requests.
        OSError when the address cannot be bound."""
        import uvicorn

        host, port = split_listen(self.listen)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # proto IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted
        # connections only then (else each response's last write waits ~40 ms
        # for the client's delayed ACK).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            raise
        port = self.port = sock.getsockname()[1]
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        if host in ("0.0.0.0", "::"):  # the URL is the till's own screen's
            shown = "127.0.0.1" if host == "0.0.0.0" else "[::1]"
        self.ctx.hosts = allowed_hosts(host, port)
        if not is_loopback(host):
            threading.Thread(target=self._resolve_names, args=(port,), daemon=True,
                             name="console-names").start()
        self.url = f"http://{shown}:{port}/"
        config = uvicorn.Config(create_app(self.ctx), http="h11", ws="none", lifespan="off",
                                access_log=False, log_level="warning", server_header=False,
                                # The peer's address decides who is the till
                                # (lan.py): never taken from X-Forwarded-For.
                                proxy_headers=False,
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self.ctx.feed.waker = self._wake
        self._thread = threading.Thread(target=self._run, args=(sock,), daemon=True,
                                        name="console")
        self._thread.start()
        if not self._ready.wait(timeout):
            log.warning("console: not ready after %g s", timeout)
        return self.url

    def _resolve_names(self, port: int) -> None:
        """Add the till's resolved names to the allowed Hosts (a new list:
        ``Guard`` reads whichever it finds)."""
        try:
            extra = resolved_hosts(port)
        except Exception as exc:  # a resolver fault costs only these names
            log.warning("console: the till's names did not resolve: %s", exc)
            return
        self.ctx.hosts = self.ctx.hosts + [h for h in extra if h not in self.ctx.hosts]

    def _run(self, sock: socket.socket) -> None:
        from agent.runtime import affinity

        affinity.background()  # the sale path keeps its CPU and priority
        try:
            asyncio.run(self._serve(sock))
        except Exception:
            log.exception("console server stopped with an error; sales go on")
        finally:
            sock.close()

    async def _serve(self, sock: socket.socket) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from agent.runtime import affinity

        self._loop = asyncio.get_running_loop()
        # Page queries (journal, roster) run here, at the console's priority.
        self._loop.set_default_executor(ThreadPoolExecutor(
            4, thread_name_prefix="console-io", initializer=affinity.background))
        self.ctx.wake = asyncio.Event()
        task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started and not task.done():
            await asyncio.sleep(0.01)
        self._ready.set()
        await task

    def _wake(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.ctx.wake_all)

    def stop(self, timeout: float = 3.0) -> None:
        """Close the streams and the server; wait for the thread."""
        self.ctx.stopping = True
        self.ctx.feed.waker = None
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self.ctx.wake_all)
            except RuntimeError:
                pass
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("console: server thread did not stop within %g s", timeout)
