"""Gemology: the department's reference knowledge as a pure-Python library (no Django).

What lives where:

* ``errors`` — ``GemologyError`` (a ``ValueError``) and one subclass per area; every refusal
  is one of these, with a sentence a specialist can act on.
* ``quantities`` — reading numbers from text or ``Decimal`` (never floats).
* ``grading`` — GIA colour D–Z and its groups, fancy colours, clarity, cut/polish/symmetry,
  fluorescence: parsing what people type, canonical ``str()``, ordering and ranges.
* ``weight`` — carats, grams, points and pearl grains; GIA's reported-weight rule.
* ``tables`` and ``estimation`` — published estimation factors and girdle adjustments, and
  the carat-weight estimate of a (mounted) stone from its measurements.
* ``materials`` and ``identification`` — the property table of jewellery materials and the
  ranking of candidates for a set of gemmological readings.
* ``metals`` — karats and fineness, legal standards, hallmark decoding, fine-metal content
  (re-exporting ``hallmarks``).
* ``hallmarks`` — France's marks since 1797, British and Convention marks, the Swiss mark, the
  legal standards per jurisdiction and the reading of a whole set of marks.
* ``periods`` — jewellery periods and the placing of a year or dating phrase among them.
* ``ring_sizes`` — US, UK/AU, EU/ISO, Japanese and Swiss ring sizes via inner circumference.
"""
