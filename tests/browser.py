"""A live Gilde server and a real Chromium for the browser tests."""

from __future__ import annotations

import base64
import os
import shutil
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db, limiter
from tests.helpers import FAST_HASH_METHOD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The map's tiles (issue 19): a host that never resolves, answered by every page with a
# transparent pixel, so that no browser test reaches the network for them.
TILE_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
TILE_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_server(tmp_path, world_template):
    """Serve a fresh Gilde (taxonomy and Belgian places loaded) on 127.0.0.1; yields its URL."""
    # A copy of the worker's world (tests/conftest.py): loading it costs seconds a test.
    shutil.copyfile(world_template, tmp_path / "gilde.db")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
            "PASSWORD_HASH_METHOD": FAST_HASH_METHOD,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            # Its mail goes to the log, so its members could not confirm their address;
            # tests/test_browser_verification.py runs with a real SMTP server instead.
            "REQUIRE_VERIFIED_TO_POST": False,
            "MAP_TILE_URL": TILE_URL,
        }
    )
    limiter.reset()  # counts from earlier tests in this process (see tests/conftest.py)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def browser_page(chromium):
    """A Chromium page in a context of its own (``chromium`` is in tests/conftest.py);
    fails the test on any console error (such as a CSP violation)."""
    errors: list[str] = []
    context = chromium.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    # The default tile server too, for the apps that tests make with their own settings.
    for tiles in ("https://tiles.invalid/**", "https://tile.openstreetmap.org/**"):
        context.route(
            tiles,
            lambda route: route.fulfill(status=200, content_type="image/png", body=TILE_PIXEL),
        )
    page = context.new_page()
    # CI runs two test workers, Chromium and the server on two cores: a page that loads
    # in half a second on a laptop can take more than ten there.
    page.set_default_timeout(30_000)
    expect.set_options(timeout=15_000)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, f"errors in the browser console: {errors}"


def open_menu(page) -> None:
    """On a phone-sized screen the navigation sits behind the menu button.

    Waits for the page's load (Bootstrap's script binds the button) and for the menu to
    finish opening, or a click that follows can land on a page or menu still changing.
    """
    page.wait_for_load_state()
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        expect(page.locator("#nav-main.collapse.show")).to_be_visible()
