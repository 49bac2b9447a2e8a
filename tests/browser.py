"""Headless Chromium driven over the DevTools protocol, for the report's browser tests and screenshots.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol commands from file descriptor 3
and writes answers and events to descriptor 4, each message JSON ended by a NUL byte. So no port is
opened and no websocket library is needed. The browser is kept off the network: host names resolve to
nothing and every proxied request goes to a closed port on this machine; what the page asks for anyway
is recorded from the Network domain's events, so a test can prove that nothing left the page.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

#: Where to find the browser: ``$USCN_CHROMIUM``, else Debian's ``chromium`` (or another Chromium) on PATH.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

OFFLINE_FLAGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves
    "--proxy-server=http://127.0.0.1:9",  # anything that is not a file goes to a closed local port
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-pings",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]


def find_chromium() -> str | None:
    """The Chromium executable, or None when there is none."""
    explicit = os.environ.get("USCN_CHROMIUM")
    if explicit:
        return explicit
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def _above_4(fd: int) -> int:
    """The same pipe end on a descriptor above 4, the original closed."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 5)
    os.close(fd)
    return moved


class BrowserError(RuntimeError):
    """The browser answered a command with an error, exited, or took too long."""


class Browser:
    """One headless Chromium and one page (tab) in it."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        # Chromium keeps sockets in its profile and in $TMPDIR, and aborts when a socket's path is over
        # the 107 bytes a Unix socket address holds: both go in a short directory, whatever $TMPDIR is.
        short = "/tmp" if os.path.isdir("/tmp") and os.access("/tmp", os.W_OK) else None
        self._profile = tempfile.TemporaryDirectory(prefix="uscn-chromium-", dir=short)
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # the browser's ends, above 4 so that the shell can place them at 3 and 4 without clobbering either
        # (bash, not sh: dash cannot redirect descriptors above 9)
        r, w = (_above_4(fd) for fd in (to_browser_r, from_browser_w))
        self._process = subprocess.Popen(
            [
                shutil.which("bash") or "/bin/bash",
                "-c",
                f'exec "$0" "$@" 3<&{r} 4>&{w} {r}<&- {w}>&-',
                executable,
                "--headless",
                "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-color-profile=srgb",
                f"--user-data-dir={self._profile.name}",
                "--remote-debugging-pipe",
                *OFFLINE_FLAGS,
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("USCN_BROWSER_DEBUG") else subprocess.DEVNULL,
            pass_fds=(r, w),
            env={**os.environ, "TMPDIR": self._profile.name},
        )
        os.close(r)
        os.close(w)
        self._buffer = b""
        self._next_id = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._session: str | None = None
        target = self.send("Target.createTarget", url="about:blank", browser=True)["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True, browser=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable")

    # ---- protocol ------------------------------------------------------------------------------

    def send(self, method: str, browser: bool = False, **params: Any) -> dict[str, Any]:
        """Send a command (to the page unless ``browser``) and return its result; events seen meanwhile are kept."""
        self._next_id += 1
        ident = self._next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if self._session and not browser:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while ident not in self._answers:
            self._receive()
        answer = self._answers.pop(ident)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error']}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    def wait_for(self, method: str) -> dict[str, Any]:
        """Wait for an event from the page (one received since the last call counts)."""
        for event in self.events:
            if event.get("method") == method and not event.get("_seen"):
                event["_seen"] = True
                return event
        while True:
            event = self._receive()
            if event.get("method") == method:
                event["_seen"] = True
                return event

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError(f"no answer from the browser within {self.timeout} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser exited (code {self._process.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if "id" in message:
            self._answers[message["id"]] = message
        else:
            self.events.append(message)
            if message.get("method") == "Page.javascriptDialogOpening":  # kept as an event; never left blocking
                self.send("Page.handleJavaScriptDialog", accept=False)
        return message

    # ---- what the tests use ----------------------------------------------------------------------

    def open(self, path: Path, width: int, height: int, bypass_csp: bool = False) -> None:
        """Load a file at this viewport size (a phone's, with its viewport meta honoured, below 600 px).

        ``bypass_csp`` switches the page's Content-Security-Policy off, so what the markup itself would
        do is seen, not what the policy stops."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.send("Page.setBypassCSP", enabled=bypass_csp)
        self.events.clear()
        self.send("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (run by DevTools; the page itself has no script)."""
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression[:60]}…: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def requests(self) -> list[str]:
        """The URL of every request the page made since it was opened."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, out: Path) -> None:
        """The viewport as a PNG."""
        data = self.send("Page.captureScreenshot", format="png")["data"]
        out.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        """Close the browser and remove its profile."""
        try:
            self.send("Browser.close", browser=True)
        except BrowserError:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._profile.cleanup()
