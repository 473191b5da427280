"""The ledger's head row, and the label stocks the department prints on."""

from decimal import Decimal

from django.db import migrations

GENESIS_LINK = "0" * 64

# name, kind, page w×h, label w×h, columns, rows, margins top/left, gaps x/y, qr, barcode
PROFILES = [
    ("Dumbbell swing tag 13 × 55 mm (roll)", "swing_tag", "13", "55", "13", "55", 1, 1, "0", "0", "0", "0", True, True),
    ("Swing tag 20 × 60 mm (roll)", "swing_tag", "20", "60", "20", "60", 1, 1, "0", "0", "0", "0", True, True),
    ("A4 sheet, 3 × 8 labels 70 × 36 mm", "sheet", "210", "297", "70", "36", 3, 8, "4.5", "0", "0", "0", True, True),
    ("US Letter sheet, 3 × 10 labels 66.7 × 25.4 mm", "sheet", "215.9", "279.4", "66.7", "25.4", 3, 10, "12.7", "4.8", "3.2", "0", False, True),
    ("Tray label 90 × 29 mm (roll)", "tray", "90", "29", "90", "29", 1, 1, "0", "0", "0", "0", True, True),
]


def seed(apps, schema_editor):
    LedgerHead = apps.get_model("inventory", "LedgerHead")
    LabelProfile = apps.get_model("inventory", "LabelProfile")
    LedgerHead.objects.get_or_create(pk=1, defaults={"seq": 0, "link": GENESIS_LINK})
    for name, kind, pw, ph, lw, lh, cols, rows, mt, ml, gx, gy, qr, barcode in PROFILES:
        LabelProfile.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "page_width_mm": Decimal(pw),
                "page_height_mm": Decimal(ph),
                "label_width_mm": Decimal(lw),
                "label_height_mm": Decimal(lh),
                "columns": cols,
                "rows": rows,
                "margin_top_mm": Decimal(mt),
                "margin_left_mm": Decimal(ml),
                "gap_x_mm": Decimal(gx),
                "gap_y_mm": Decimal(gy),
                "show_qr": qr,
                "show_barcode": barcode,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_custody_ledger_append_only"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
