"""The renderer's knobs, read from the settings, and whether a browser is there at all.

Nothing here downloads a browser: ``FETCH_BROWSER_PATH``, else Debian's ``/usr/bin/chromium``,
else a Chromium that ``playwright install chromium`` left in its cache, else none."""

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

MODES = ("never", "auto", "always")
SYSTEM_BROWSER = "/usr/bin/chromium"
PLAYWRIGHT_BROWSER_GLOBS = (
    "chromium-*/chrome-linux*/chrome",
    "chromium_headless_shell-*/chrome-linux*/headless_shell",
)
UNAVAILABLE = "unavailable"
_warned_unavailable = False


@dataclass(frozen=True)
class RenderOptions:
    browser_path: str
    timeout: float  # after this the DOM as it stands is read
    concurrency: int
    max_dom_chars: int
    pages_per_browser: int
    memory_limit_bytes: int
    allow_private: bool
    user_agent: str

    @classmethod
    def from_settings(cls, **overrides) -> "RenderOptions":
        values = {
            "browser_path": find_browser() or "",
            "timeout": settings.FETCH_RENDER_TIMEOUT_SECONDS,
            "concurrency": settings.FETCH_RENDER_CONCURRENCY,
            "max_dom_chars": settings.FETCH_RENDER_MAX_DOM_CHARS,
            "pages_per_browser": settings.FETCH_RENDER_PAGES_PER_BROWSER,
            "memory_limit_bytes": settings.FETCH_RENDER_BROWSER_MEMORY_MB * 1024 * 1024,
            "allow_private": settings.FETCH_ALLOW_PRIVATE_ADDRESSES,
            "user_agent": settings.FETCH_USER_AGENT,
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


def _playwright_browser() -> str | None:
    try:
        import playwright  # noqa: F401  (the driver must be there too)
    except ImportError:
        return None
    cache = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache/ms-playwright")
    for pattern in PLAYWRIGHT_BROWSER_GLOBS:
        found = sorted(Path(cache).glob(pattern))
        if found:
            return str(found[-1])
    return None


def find_browser() -> str | None:
    """The Chromium to drive, or None when rendering cannot work on this machine."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return None
    configured = settings.FETCH_BROWSER_PATH
    if configured:
        path = shutil.which(configured) or configured
        return path if os.access(path, os.X_OK) and os.path.isfile(path) else None
    if os.access(SYSTEM_BROWSER, os.X_OK):
        return SYSTEM_BROWSER
    return _playwright_browser()


def render_mode() -> str:
    """``FETCH_RENDER`` as it works here: ``never`` when no browser is available (said once)."""
    global _warned_unavailable
    mode = settings.FETCH_RENDER if settings.FETCH_RENDER in MODES else "auto"
    if mode != "never" and find_browser() is None:
        if not _warned_unavailable:
            _warned_unavailable = True
            logger.warning(
                "FETCH_RENDER=%s but no browser is available (FETCH_BROWSER_PATH=%r): pages built "
                "by JavaScript are read as fetched. Install one: apt-get install chromium",
                mode,
                settings.FETCH_BROWSER_PATH,
            )
        return "never"
    return mode


def rendering_status() -> str:
    """What ``/healthz``, ``audit_pages`` and the dashboard show: the mode, or ``unavailable``."""
    if settings.FETCH_RENDER != "never" and find_browser() is None:
        return UNAVAILABLE
    return settings.FETCH_RENDER
