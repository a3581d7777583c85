"""Where the browser tests find Chromium, and whether they must run: the one place that decides.

conftest.py imports it to launch the browser and to skip or refuse the browser tests;
`make test` runs it as a script first, so a missing browser is said in one plain line before
pytest's own output (which `-q` would shorten). Standard library only, so it runs without Django.
"""

import os
import shutil
import sys

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
HOW_TO_INSTALL = (
    "install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH=/path/to/chromium"
)


def chromium_found() -> bool:
    return os.path.exists(CHROMIUM)


if __name__ == "__main__":
    if not chromium_found():
        consequence = (
            "the browser tests are required here (REQUIRE_BROWSER_TESTS=1), so the run stops"
            if BROWSER_REQUIRED
            else "the browser tests will be skipped"
        )
        print(
            f"Chromium not found at {CHROMIUM}: {consequence}; {HOW_TO_INSTALL}.", file=sys.stderr
        )
