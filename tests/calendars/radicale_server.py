"""A real Radicale CalDAV server on a free loopback port, for the tests and the benchmark."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RadicaleServer:
    """Start/stop a Radicale subprocess with htpasswd plain auth. Its request log is in `log_path`."""

    def __init__(self, username: str = "saksgang", password: str = "hemmelig", port: int | None = None):
        self.username = username
        self.password = password
        self.port = port or free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="radicale-"))
        (self.dir / "users").write_text(f"{username}:{password}\n")
        (self.dir / "config").write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {self.dir / 'users'}\n"
            "htpasswd_encryption = plain\n"
            "delay = 0\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {self.dir / 'collections'}\n"
            "[logging]\n"
            "level = info\n"
            "mask_passwords = True\n"
        )
        self.log_path = self.dir / "radicale.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> RadicaleServer:
        log = open(self.log_path, "ab")  # noqa: SIM115 (kept open for the subprocess)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.dir / "config")],
            stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale stoppet: {self.log_path.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Radicale startet ikke innen 20 sekunder")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def cleanup(self) -> None:
        import shutil

        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log_count(self, method: str) -> int:
        """How many requests of `method` the server logged (independent of our own counter)."""
        text = self.log_path.read_text(errors="replace")
        return text.count(f"{method} request for")
