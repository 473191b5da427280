"""What the certificates area registers with the catalogue and with core: its validation flag
rules and its demonstration reports (after the records demo, order 40)."""

from __future__ import annotations

from parure.core import registry


def register() -> None:
    from parure.catalogue import certificates_demo, matching

    matching.register()
    registry.register_demo(registry.DemoBuilder("catalogue.certificates", certificates_demo.build, order=41))
