"""Shipping's printed papers: the customs invoice, the parcels' labels and slips, the pick-up manifest."""
