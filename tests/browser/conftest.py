"""Opening explorer pages in Debian's chromium: every http(s) request refused and recorded, console errors kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.wait import wait_until
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class Opened:
    """A page and what it tried to do."""

    page: Any
    remote: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> Any:
        return self.page.evaluate(expression, arg)

    def text(self, selector: str) -> str:
        return str(self.page.inner_text(selector))

    def clean(self) -> None:
        """No remote request, no console error, no dialog."""
        assert self.remote == [], self.remote
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert all(u.startswith(("file:", "data:")) for u in self.requests), self.requests

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Opened]]:
    """``open_page(path, hash="", width=1400, height=900)``: the page, ready, network refused."""
    pages = []

    def open_(path: Path, hash: str = "", width: int = 1400, height: int = 900) -> Opened:
        page = browser.new_page(viewport={"width": width, "height": height})
        pages.append(page)
        opened = Opened(page)

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(("file:", "data:")):
                r.continue_()
            else:
                opened.remote.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("request", lambda req: opened.requests.append(req.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.resolve().as_uri() + (f"#{hash}" if hash else ""))
        wait_until(page, "window.neurokgExplorer && window.neurokgExplorer.ready", timeout=30_000)
        return opened

    yield open_
    for page in pages:
        page.close()
