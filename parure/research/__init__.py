"""research: the reference library (see DESIGN.md, "The parts").

So far it holds the Gemology reference tools, pages under /research/gemology/ and API operations
under /api/v1/research/gemology/, on top of the ``parure.gemology`` library:

* ``gemology_tools`` — typed text in, the library's answer or a refusal on its field out;
* ``forms``, ``views``, ``urls`` and ``templates/research/gemology`` — the pages;
* ``api`` — the ninja router; ``rules`` — the permission; ``errors`` — ``GemologyRefusal``.
"""
