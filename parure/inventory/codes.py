"""Machine-readable codes for tags and labels: Code 128 (python-barcode) and QR (segno), as SVG.

The SVGs carry a ``viewBox`` and no fixed size, so a label's layout decides how large they
print; Code 128 stretches only along its length (``preserveAspectRatio="none"``), which keeps
every bar's width in proportion.
"""

from __future__ import annotations

import base64
import io

import barcode
import segno

QUIET_MODULES = 10


def code128_modules(text: str) -> str:
    """The bar pattern of ``text`` in Code 128, one character per module ("1" bar, "0" space)."""
    symbol = barcode.get("code128", text)
    return str(symbol.build()[0])


def code128_svg(text: str) -> str:
    modules = code128_modules(text)
    width = len(modules) + 2 * QUIET_MODULES
    bars = []
    position, run_start = 0, None
    for position, module in enumerate(modules):
        if module == "1" and run_start is None:
            run_start = position
        elif module == "0" and run_start is not None:
            bars.append((run_start, position - run_start))
            run_start = None
    if run_start is not None:
        bars.append((run_start, position + 1 - run_start))
    rects = "".join(f'<rect x="{QUIET_MODULES + start}" y="0" width="{length}" height="1"/>' for start, length in bars)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 1" preserveAspectRatio="none" '
        f'shape-rendering="crispEdges"><rect width="{width}" height="1" fill="#fff"/><g fill="#000">{rects}</g></svg>'
    )


def qr_svg(text: str) -> str:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", scale=1, border=1, omitsize=True, xmldecl=False, svgns=True, dark="#000", light="#fff"
    )
    return buffer.getvalue().decode("utf-8")


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
