"""Gem-lab submissions: batches to a laboratory, custody out and back, the report on the catalogue record."""
