"""The hub over HTTPS: the certificate is verified (a private CA through
sync.ca_file), a client certificate is presented when the hub asks for one,
and each failure names the setting to check. The simulated hub sits behind a
real TLS front on 127.0.0.1, with certificates made by openssl for the test."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading

import pytest

from hwsim.school import generate_school
from sync.client import HubClient, HubConfigError, HubUnavailable
from tests.sync_helpers import TILL, running_hub, sync_cfg, token_file

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None,
                                reason="the openssl command makes the test certificates")


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A private CA, a server certificate for 127.0.0.1 and a client certificate."""
    d = tmp_path_factory.mktemp("pki")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=Test School Hub CA", "-keyout", "ca.key", "-out", "ca.pem", cwd=d)
    (d / "san.ext").write_text("subjectAltName = IP:127.0.0.1\n")
    for name, ext in (("server", ["-extfile", "san.ext"]), ("client", [])):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}",
                "-keyout", f"{name}.key", "-out", f"{name}.csr", cwd=d)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-out", f"{name}.pem", *ext, cwd=d)
    return d


class TlsFront:
    """TLS on 127.0.0.1 in front of the plain-HTTP simulated hub (a relay)."""

    def __init__(self, pki, upstream_port: int, require_client_cert: bool):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(pki / "server.pem", pki / "server.key")
        if require_client_cert:
            ctx.load_verify_locations(pki / "ca.pem")
            ctx.verify_mode = ssl.CERT_REQUIRED
        self.ctx = ctx
        self.upstream = upstream_port
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stopped = False
        self.threads: list[threading.Thread] = []
        self._spawn(self._accept)

    def _spawn(self, fn, *args):
        t = threading.Thread(target=fn, args=args, daemon=True)
        t.start()
        self.threads.append(t)

    def _accept(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._spawn(self._serve, conn)

    def _serve(self, conn):
        try:
            tls = self.ctx.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError):
            conn.close()
            return
        up = socket.create_connection(("127.0.0.1", self.upstream))
        self._spawn(self._pump, up, tls)
        self._pump(tls, up)

    @staticmethod
    def _pump(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass

    def close(self):
        self.stopped = True
        self.sock.close()


@pytest.fixture
def front(pki, request):
    with running_hub(generate_school(seed=5, pupils=12)) as hub:
        f = TlsFront(pki, hub.port, require_client_cert=getattr(request, "param", False))
        yield f
        f.close()


def client(tmp_path, front, **kw):
    return HubClient(sync_cfg(f"https://127.0.0.1:{front.port}", token_file(tmp_path), **kw),
                     TILL)


def test_a_hub_with_a_certificate_from_the_schools_ca_is_trusted_through_ca_file(
        tmp_path, pki, front):
    with client(tmp_path, front, ca_file=str(pki / "ca.pem")) as c:
        assert len(c.roster(None).pupils) == 12
        assert c.health().status == "ok"


def test_without_the_ca_the_certificate_is_refused_and_the_message_names_ca_file(
        tmp_path, front):
    with client(tmp_path, front) as c, pytest.raises(HubUnavailable, match="sync.ca_file"):
        c.roster(None)


@pytest.mark.parametrize("front", [True], indirect=True)
def test_a_hub_that_wants_a_client_certificate_gets_the_configured_one(tmp_path, pki, front):
    with client(tmp_path, front, ca_file=str(pki / "ca.pem"),
                client_cert=str(pki / "client.pem"), client_key=str(pki / "client.key")) as c:
        assert len(c.roster(None).pupils) == 12
    with client(tmp_path, front, ca_file=str(pki / "ca.pem")) as c, \
            pytest.raises(HubUnavailable):
        c.roster(None)


def test_an_unreadable_client_certificate_names_the_setting(tmp_path, pki, front):
    with pytest.raises(HubConfigError, match="sync.client_cert"):
        client(tmp_path, front, ca_file=str(pki / "ca.pem"),
               client_cert=str(tmp_path / "missing.pem"))
    bundle = tmp_path / "not-a-ca.pem"
    bundle.write_text("hello\n")
    with pytest.raises(HubConfigError, match="sync.ca_file"):
        client(tmp_path, front, ca_file=str(bundle))
