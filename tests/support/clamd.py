"""A real clamd (Debian `clamav-daemon`) on a free port, with a one-signature database: EICAR's.

The official signatures (freshclam) are a download of hundreds of megabytes and take a minute to
load; the test needs only to know that a file clamd recognises is refused, so the fixture writes
a body signature of the EICAR test string (`.ndb`, found anywhere in a file) and clamd starts in
well under a second.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.ports import free_port, wait_for_port

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Eicar-Test-Signature"


def clamd_binary() -> str | None:
    return shutil.which("clamd") or next(
        (str(p) for p in (Path("/usr/sbin/clamd"), Path("/usr/local/sbin/clamd")) if p.exists()), None
    )


@contextmanager
def run_clamd() -> Iterator[str]:
    """Yield `tcp://127.0.0.1:<port>` of a fresh clamd; RuntimeError when it is not installed or fails."""
    binary = clamd_binary()
    if binary is None:
        raise RuntimeError("clamd introuvable : installez le paquet Debian clamav-daemon")
    dossier = Path(tempfile.mkdtemp(prefix="clamdtest-"))
    base = dossier / "base"
    base.mkdir()
    (base / "eicar.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")
    port = free_port()
    configuration = dossier / "clamd.conf"
    configuration.write_text(
        f"Foreground yes\nDatabaseDirectory {base}\nTCPSocket {port}\nTCPAddr 127.0.0.1\n"
        f"LogFile {dossier / 'clamd.log'}\nTemporaryDirectory {dossier}\nBytecode no\n"
        "StreamMaxLength 20M\nMaxThreads 4\n"
    )
    process = subprocess.Popen(
        [binary, "--config-file", str(configuration)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        try:
            wait_for_port(port, timeout=30)
        except TimeoutError:
            process.kill()
            _, erreur = process.communicate(timeout=10)
            journal = (
                (dossier / "clamd.log").read_text(errors="replace")[-500:]
                if (dossier / "clamd.log").exists()
                else ""
            )
            raise RuntimeError(
                f"clamd n'a pas démarré : {erreur.decode(errors='replace')[-500:]} {journal}"
            ) from None
        yield f"tcp://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stderr is not None:
            process.stderr.close()
        shutil.rmtree(dossier, ignore_errors=True)
