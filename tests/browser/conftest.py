"""The console in Debian's Chromium (Playwright for Python), against the whole system
started as processes (the e2e layer's fixtures). ``make test`` builds the console first;
``.ci/run`` installs Chromium where it is missing."""

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from chassis.config import CONSOLE_DIR
from tests.api import PASSWORD

CHROMIUM = os.environ.get("XIAONENG_CHROMIUM", "/usr/bin/chromium")
# Set to refresh the README's screenshots from a run (docs/screenshots).
SHOTS = os.environ.get("XIAONENG_SCREENSHOT_DIR")


# Waits must be the driver's (wait_for_selector, locator.wait_for): under eventlet the
# waits Playwright times in Python (wait_for_url, expect_*) never time out.


# One Chromium for the whole run: Playwright cannot be started again in the same process
# once its first driver was ended as below (it finds that driver's event loop still set).
@pytest.fixture(scope="session")
def browser():
    assert (CONSOLE_DIR / "index.html").is_file(), "the console is not built: run make test"
    assert shutil.which(CHROMIUM) or Path(CHROMIUM).is_file(), \
        f"no Chromium at {CHROMIUM}: apt-get install -y chromium"
    manager = sync_playwright()
    browser = manager.start().chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    yield browser
    browser.close()
    # Under eventlet (the root conftest) Playwright's own stop never sees its driver's pipe
    # close and waits forever; ending the driver process is all that stop would do here.
    manager._client._transport._proc.kill()


@pytest.fixture
def tab(browser, system, tmp_path, request):
    """A fresh browser tab on the running system; a screenshot of it is saved at the end."""
    context = browser.new_context(base_url=system.url, locale="zh-CN",
                                  timezone_id="Asia/Shanghai",
                                  viewport={"width": 1366, "height": 860})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    shot(page, tmp_path, re.sub(r"\W+", "_", request.node.name))
    context.close()


def shot(page, folder, name, readme=False):
    """Saved under the test's output folder (and, for the README's, in ``SHOTS``)."""
    path = Path(folder) / f"{name}.png"
    page.screenshot(path=str(path))
    if SHOTS and readme:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / path.name)
    return path


def sign_in(page, username, password=PASSWORD):
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button:has-text('登录')")
    page.wait_for_selector("h2:has-text('我的待办')")  # not wait_for_url: see the note above
