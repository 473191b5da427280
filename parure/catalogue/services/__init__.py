"""Every write of the catalogue that spans rows: keyword-only, typed, ``by`` recorded, one
transaction each. One module per area."""
