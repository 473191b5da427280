"""Catalogue copy in the house style. What lives where:

* ``facts`` — the plain dataclasses the copy is written from (no database);
* ``generator`` — heading, description, laboratory statements, provenance, literature and
  exhibitions, as pure functions over the facts (docs/house-style.md);
* ``snapshot`` — reading a CatalogueRecord (and its reports, where there are any) into the facts;
* ``diff`` — the word-level difference between two versions.
"""
