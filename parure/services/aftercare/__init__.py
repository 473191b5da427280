"""Post-sale services on a sold piece: resizing, engraving, updated appraisals and certificate updates."""
