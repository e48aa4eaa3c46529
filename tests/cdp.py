"""Driving a real headless Chromium through the DevTools protocol over a pipe (``--remote-debugging-pipe``):
navigate, type into a page, click, and read the DOM back. No websocket, no extra package: Chromium
reads NUL-terminated JSON commands on its fd 3 and writes replies and events on its fd 4.

    with Browser(chromium) as browser:
        browser.open("http://127.0.0.1:8000/")
        browser.type_into("#text", "A soldier crossed ...")
        browser.click_and_wait("#extract-button")
        html = browser.dom()
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import tempfile

from browser import FLAGS

EVENT_WAIT = 120.0  # seconds a page may take to load (a bound, not an assertion)


class Browser:
    def __init__(self, executable: str) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="r_cdp_")
        to_chrome_read, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_write = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: fds 3 and 4 are the protocol's
            os.dup2(to_chrome_read, 3)
            os.dup2(from_chrome_write, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile.name}", "--remote-debugging-pipe", "about:blank"],
            preexec_fn=wire_pipes, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def __enter__(self) -> Browser:
        target = self.command("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.command("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.command("Page.enable")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.command("Browser.close", session=False)
        except (OSError, RuntimeError):
            pass
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)
        os.close(self.to_chrome)
        os.close(self.from_chrome)
        self.profile.cleanup()

    def command(self, method: str, session: bool = True, **params) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session and self.session is not None:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        while b"\0" not in self.buffer:
            if not select.select([self.from_chrome], [], [], EVENT_WAIT)[0]:
                raise RuntimeError(f"chromium sent nothing for {EVENT_WAIT:g}s")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_for_load(self) -> None:
        while True:
            if any(e.get("method") == "Page.loadEventFired" for e in self.events):
                self.events.clear()
                return
            self.events.append(self._read())

    def open(self, url: str) -> None:
        self.events.clear()
        self.command("Page.navigate", url=url)
        self.wait_for_load()

    def evaluate(self, expression: str):
        result = self.command("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type_into(self, selector: str, text: str) -> None:
        """Focus the field and insert ``text`` as a paste does (Input.insertText)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.command("Input.insertText", text=text)

    def click_and_wait(self, selector: str) -> None:
        self.events.clear()
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait_for_load()

    def dom(self) -> str:
        return self.evaluate("document.documentElement.outerHTML")
