"""Loaded by every Python process started with this folder on PYTHONPATH while HELHED_NETWORK_LOG names a file: a
connection to, or a name lookup of, anything but this machine is refused and written to that file, so that a test
can show nothing phones home (the job, dbt's process, the dashboards' server)."""
import os
import socket

LOG = os.environ.get("HELHED_NETWORK_LOG")
LOCAL = {"127.0.0.1", "::1", "localhost", "0.0.0.0", ""}


def _refuse(what: str) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {what}\n")
    raise ConnectionRefusedError(f"the network is closed for this test: {what}")


def _guard_connect(connect):
    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOCAL:
            _refuse(f"connect {address}")
        return connect(self, address)
    return guarded


def _guard_lookup(lookup):
    def guarded(host, *args, **kwargs):
        if host is not None and str(host) not in LOCAL:
            _refuse(f"lookup {host}")
        return lookup(host, *args, **kwargs)
    return guarded


if LOG:
    socket.socket.connect = _guard_connect(socket.socket.connect)
    socket.socket.connect_ex = _guard_connect(socket.socket.connect_ex)
    socket.getaddrinfo = _guard_lookup(socket.getaddrinfo)
