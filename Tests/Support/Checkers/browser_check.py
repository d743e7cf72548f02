#!/usr/bin/env python3
"""Opens a network page in headless Chromium and reports what a user would see, as JSON on standard output.

Speaks the DevTools protocol over --remote-debugging-pipe (file descriptors 3 and 4, NUL-terminated JSON), so
only the standard library is needed. Reports:
  firstRenderMs   the page's own mark: performance.now() when its first frame was drawn (ms since navigation start)
  wallMs          from the navigation request until that mark was seen (includes this script's polling, <= 25 ms)
  errors          uncaught exceptions, console.error/assert calls and browser log errors (failed loads, CSP, ...)
  values          the value of each --eval NAME=EXPRESSION, evaluated after the first frame and --settle-ms
  screenshot      written to --screenshot as PNG

Usage: browser_check.py URL --screenshot OUT.png [--width 1280 --height 800] [--timeout 60] [--settle-ms 1500]
                        [--eval name=expression ...] [--chromium PATH]
"""
import argparse
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

FIRST_RENDER = ("(() => { const c = document.getElementById('graph');"
                " return c && c.dataset.firstRenderMs ? Number(c.dataset.firstRenderMs) : null; })()")


class Browser:
    """One headless Chromium with a DevTools connection over a pair of pipes."""

    def __init__(self, binary, width, height):
        self.profile = tempfile.mkdtemp(prefix="face-network-chromium-")
        to_child, self.writer = os.pipe()
        self.reader, from_child = os.pipe()
        args = [binary, "--headless", "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                "--disable-gpu", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--mute-audio", "--hide-scrollbars", "--disable-dev-shm-usage", "--user-data-dir=" + self.profile,
                "--window-size=%d,%d" % (width, height), "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")   # Chromium refuses to run as root with its sandbox

        def pipes_on_3_and_4():
            # Copied out of the way first: a pipe may already sit on 3 or 4, and dup2 onto itself would keep
            # its close-on-exec flag.
            read_end, write_end = os.dup(to_child), os.dup(from_child)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, preexec_fn=pipes_on_3_and_4, close_fds=False)
        os.close(to_child)
        os.close(from_child)
        self.buffer = b""
        self.next_id = 0
        self.errors = []

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self.reader], [], [], remaining)
            if ready:
                chunk = os.read(self.reader, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe (exit status %s)" % self.process.poll())
                self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\0")
        message = json.loads(raw)
        self.note(message)
        return message

    def note(self, message):
        """Keeps every error the page or the browser reports."""
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            description = details.get("exception", {}).get("description") or details.get("text")
            self.errors.append("exception: %s (line %s)" % (description, details.get("lineNumber")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            texts = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            self.errors.append("console.%s: %s" % (params["type"], " ".join(texts)))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.errors.append("log: %s %s" % (entry.get("text"), entry.get("url", "")))

    def evaluate(self, session, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
        if "exceptionDetails" in result:
            raise RuntimeError("evaluating %r: %s" % (expression, result["exceptionDetails"].get("text")))
        return result.get("result", {}).get("value")

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.writer)
        os.close(self.reader)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--settle-ms", type=int, default=1500)
    parser.add_argument("--eval", action="append", default=[], metavar="NAME=EXPRESSION")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    options = parser.parse_args()

    browser = Browser(options.chromium, options.width, options.height)
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
            browser.call(domain, session=session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": options.width, "height": options.height, "deviceScaleFactor": 1, "mobile": False},
                     session)
        start = time.monotonic()
        browser.call("Page.navigate", {"url": options.url}, session)
        first_render = None
        deadline = start + options.timeout
        while first_render is None and time.monotonic() < deadline:
            first_render = browser.evaluate(session, FIRST_RENDER)
            if first_render is None:
                time.sleep(0.025)
        wall = (time.monotonic() - start) * 1000
        # Faces decode after the first frame; give them time before the screenshot and the checks.
        time.sleep(options.settle_ms / 1000)
        values = {}
        for item in options.eval:
            name, _, expression = item.partition("=")
            values[name] = browser.evaluate(session, expression)
        shot = browser.call("Page.captureScreenshot", {"format": "png"}, session, timeout=60)
        with open(options.screenshot, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        # Let late events (errors after the screenshot) arrive.
        browser.evaluate(session, "0")
        report = {"firstRenderMs": first_render, "wallMs": round(wall), "errors": browser.errors, "values": values}
    finally:
        browser.close()
    json.dump(report, sys.stdout)
    print()


if __name__ == "__main__":
    main()
