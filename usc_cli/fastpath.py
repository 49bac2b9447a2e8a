"""Serve a repeated command's output from a cache, before typer, rich or pydantic are imported.

A CLI is used in bursts (scripts looping over issues, TAB completion on every keystroke), and most
of uscn's cost is importing its libraries, not its work. So ``__main__`` asks this module first: the
key covers the arguments, the working directory, every environment variable and stream property that
can change the output (width, colour, encoding, terminal or pipe), the state of every data and seed
file, and uscn's own code. On a hit the stored bytes are written and nothing else is imported; on a
miss the command runs normally and a clean run (exit 0, nothing on stderr) is stored. Commands that
read input or write files (``analyze``, ``sources add``, ``--output``, completion installs) are never cached.
Set ``USCN_NO_CACHE=1`` to bypass it. TAB completion of ids has its own fast path (``fastcomplete``).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from usc_cli.locations import cache_dir, resolve_location

try:  # CPython's built-in BLAKE2: hashlib would load OpenSSL, which costs more than a cache hit saves
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other interpreters
    from hashlib import blake2b

TYPE_CHECKING = False  # not typing's, for the same reason
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, TextIO

FORMAT = b"uscn-output-3\n"
MAX_ENTRIES = 256
_NEVER = {"analyze", "add", "-", "--install-completion", "--show-completion"}
_ENV_PREFIXES = (
    "USCN",
    "_USCN",
    "COMP_",
    "_TYPER",
    "TERM",
    "COLOR",
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "COLUMNS",
    "LINES",
    "PYTHON",
    "LANG",
    "LC_",
    "XDG_",
    "TTY_",
    "JUPYTER",
    "HOME",
)
_PACKAGE = Path(__file__).resolve().parent


def _enabled(argv: list[str]) -> bool:
    writes = any(arg.startswith(("-o", "--output")) for arg in argv)  # -o FILE, -oFILE, --output[=FILE]
    return not (os.environ.get("USCN_NO_CACHE") or os.environ.get("USCN_DEBUG") or writes or _NEVER & set(argv))


def _data_dir_option(argv: list[str]) -> Path | None:
    for n, arg in enumerate(argv):
        if arg == "--data-dir" and n + 1 < len(argv):
            return Path(argv[n + 1])
        if arg.startswith("--data-dir="):
            return Path(arg.split("=", 1)[1])
    return None


def _tree_state(digest: Any, root: Path, suffixes: tuple[str, ...] = ()) -> None:
    """Feed the name, size and modification time of every file under ``root`` into ``digest``."""
    lines: list[str] = []
    stack = [str(root)]
    while stack:
        try:
            entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    stack.append(entry.path)
            elif not suffixes or entry.name.endswith(suffixes):
                info = entry.stat()
                lines.append(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n")
    digest.update("".join(lines).encode("utf-8", "surrogateescape"))


def _key(argv: list[str]) -> str:
    digest = blake2b(digest_size=32)
    digest.update("\0".join(argv).encode("utf-8", "surrogateescape") + b"\n")
    digest.update(os.getcwd().encode("utf-8", "surrogateescape") + b"\n")
    for name in sorted(os.environ):
        if name.startswith(_ENV_PREFIXES):
            digest.update(f"{name}={os.environ[name]}\n".encode("utf-8", "surrogateescape"))
    for stream in (sys.stdout, sys.stderr):
        tty = stream.isatty()
        size = os.get_terminal_size(stream.fileno()) if tty else None
        digest.update(f"{tty}\0{size}\0{stream.encoding}\0{stream.errors}\n".encode())
    location = resolve_location(_data_dir_option(argv) or _env_data_dir())
    _tree_state(digest, location.data_dir)
    if not location.seeds_dir.is_relative_to(location.data_dir):  # else the walk above covered it
        _tree_state(digest, location.seeds_dir)
    _tree_state(digest, _PACKAGE, (".py",))
    return digest.hexdigest()


def _env_data_dir() -> Path | None:
    value = os.environ.get("USCN_DATA_DIR")
    return Path(value) if value else None


def _check(payload: bytes) -> bytes:
    """Length and CRC-32 of a stored output: entries are written by atomic rename, so this only has
    to catch damage, and a cryptographic hash of a large output would cost more than the check."""
    from zlib import crc32

    return f"{len(payload)}:{crc32(payload):08x}".encode()


def _path(key: str) -> Path:
    return cache_dir() / "out" / key


def serve(argv: list[str]) -> bool:
    """Write the cached output for ``argv`` and return True, or return False on any miss."""
    if not _enabled(argv):
        return False
    try:
        key = _key(argv)
        raw = _path(key).read_bytes()
    except Exception:  # a cache must never break a command: run it instead
        return False
    header, _, payload = raw.partition(b"\n\n")
    if header != FORMAT + _check(payload):
        return False  # corrupt or from another format: run the command, which rewrites it
    sys.stdout.flush()
    sys.stdout.buffer.write(payload)
    sys.stdout.flush()
    return True


class _Recorder:
    """Passes writes through to a text stream and remembers them as the bytes they become."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.parts: list[bytes] = []

    def write(self, data: str | bytes) -> int:
        if isinstance(data, bytes):  # some writers treat any non-io stream as binary
            self._stream.flush()
            self.parts.append(data)
            return self._stream.buffer.write(data)
        self.parts.append(data.encode(self._stream.encoding or "utf-8", self._stream.errors or "strict"))
        return self._stream.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def recording(argv: list[str]) -> Iterator[None]:
    """Run the command with stdout and stderr recorded; store stdout if the run was clean."""
    if not _enabled(argv):
        yield
        return
    try:
        key = _key(argv)
    except Exception:  # as in serve: no key, no caching
        yield
        return
    real_out, real_err = sys.stdout, sys.stderr
    out, err = _Recorder(real_out), _Recorder(real_err)
    sys.stdout, sys.stderr = out, err
    clean = False
    try:
        yield
        clean = True
    except SystemExit as exc:
        clean = exc.code in (0, None)
        raise
    finally:
        sys.stdout, sys.stderr = real_out, real_err
        if clean and not err.parts:
            _store(key, b"".join(out.parts))


def _store(key: str, payload: bytes) -> None:
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(FORMAT + _check(payload) + b"\n\n" + payload)
        os.replace(tmp, path)
        entries = sorted(path.parent.iterdir(), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[: max(0, len(entries) - MAX_ENTRIES)]:
            old.unlink(missing_ok=True)
    except (OSError, UnicodeError):
        pass  # a cache that cannot be written only costs speed
