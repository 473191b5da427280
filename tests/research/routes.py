"""The research area's routes in the permission matrix: the gemology tools are for every member of staff."""

from __future__ import annotations

from tests.matrix import STAFF, Operation, Page

PAGES = {
    "research:gemology": Page(STAFF),
    "research:gemology_weight": Page(STAFF),
    "research:gemology_identify": Page(STAFF),
    "research:gemology_metals": Page(STAFF),
    "research:gemology_grades": Page(STAFF),
    "research:gemology_periods": Page(STAFF),
    "research:gemology_ring_sizes": Page(STAFF),
}

API = {
    "research_estimate_weight": Operation(STAFF),
    "research_convert_weight": Operation(STAFF),
    "research_reported_weight": Operation(STAFF),
    "research_identify": Operation(STAFF),
    "research_parse_grade": Operation(STAFF),
    "research_compare_grades": Operation(STAFF),
    "research_fineness": Operation(STAFF),
    "research_decode_mark": Operation(STAFF),
    "research_check_uk_hallmark": Operation(STAFF),
    "research_fine_metal_content": Operation(STAFF),
    "research_find_periods": Operation(STAFF),
    "research_convert_ring_size": Operation(STAFF),
}
