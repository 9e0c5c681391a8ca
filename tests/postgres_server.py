"""A real PostgreSQL server for tests: Debian's ``postgresql`` binaries, a temporary data directory.

``PostgresServer.start()`` runs ``initdb`` and ``pg_ctl start`` as a non-root user (the ``postgres``
system user when the tests run as root, else the current user), listening on 127.0.0.1 at a free
port with its unix socket in the same temporary directory. Local socket connections are trusted (for
the fixture's own administration); TCP connections need the password (SCRAM), as in production.
``new_database()`` creates an empty database and returns its ``postgresql://`` URL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "test-password"


def _bindir() -> Path:
    """Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL is not installed (scripts/install.sh installs Debian's postgresql)")
    return Path(initdb).resolve().parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(slots=True)
class PostgresServer:
    root: Path  # temporary directory: data/, the socket, the log
    port: int
    user: str  # the OS user the server runs as (also its superuser role)
    bindir: Path
    counter: int = 0

    @property
    def socket_dir(self) -> Path:
        return self.root

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    @classmethod
    def start(cls) -> PostgresServer:
        bindir = _bindir()
        as_root = os.geteuid() == 0
        user = "postgres" if as_root else pwd.getpwuid(os.geteuid()).pw_name
        root = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
        if as_root:
            pw = pwd.getpwnam(user)
            os.chown(root, pw.pw_uid, pw.pw_gid)
        server = cls(root=root, port=_free_port(), user=user, bindir=bindir)
        (root / "pwfile").write_text(PASSWORD + "\n")
        if as_root:
            os.chown(root / "pwfile", pwd.getpwnam(user).pw_uid, -1)
        server._run(str(bindir / "initdb"), "-D", str(root / "data"), "-U", user,
                    "--pwfile", str(root / "pwfile"), "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -c port={server.port} -c unix_socket_directories={root}"
                   " -c max_connections=200 -c shared_buffers=32MB -c fsync=on")
        server._run(str(bindir / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "server.log"),
                    "-o", options, "-w", "-t", "60", "start")
        return server

    def _run(self, *argv: str) -> str:
        if os.geteuid() == 0:
            argv = ("runuser", "-u", self.user, "--", *argv)
        done = subprocess.run(argv, cwd=self.root, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser over the unix socket; returns psql's unaligned output."""
        return self._run(str(self.bindir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                         "-h", str(self.socket_dir), "-p", str(self.port), "-d", database, "-c", sql).strip()

    def new_database(self, prefix: str = "t") -> str:
        """A fresh, empty database; its URL (with the password, over TCP)."""
        self.counter += 1
        name = f"{prefix}_{os.getpid()}_{self.counter}_{int(time.time() * 1000) % 100000}"
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w",
                      "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
