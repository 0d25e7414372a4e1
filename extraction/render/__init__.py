"""Rendering pages built by JavaScript in a local headless Chromium (``FETCH_RENDER``)."""

import atexit
import threading

from extraction.render.options import RenderOptions, find_browser, render_mode, rendering_status
from extraction.render.renderer import RenderedPage, Renderer, RenderError

_shared: Renderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> Renderer:
    """This process's renderer (one browser per worker process), started on first use and
    started afresh when the settings it was made with changed."""
    global _shared
    options = RenderOptions.from_settings()
    with _shared_lock:
        if _shared is not None and _shared.options != options:
            _shared.close()
            _shared = None
        if _shared is None:
            _shared = Renderer(options)
            _shared.start()
        return _shared


def close_shared_renderer() -> None:
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
            _shared = None


atexit.register(close_shared_renderer)

__all__ = [
    "RenderError",
    "RenderOptions",
    "RenderedPage",
    "Renderer",
    "close_shared_renderer",
    "find_browser",
    "render_mode",
    "rendering_status",
    "shared_renderer",
]
