"""Demonstration export rules (order 76, after the carriers' 75): the World Diamond Council's warranty
statement for any diamond, the CITES permits for coral, tortoiseshell, ivory and rhinoceros horn, the
United States' and the European Union's bans on Russian diamonds, the house's policy on Burmese rubies
and jadeite, and the US Fish and Wildlife Service's declaration for wildlife items. Each states its
source; addresses are recorded, never fetched. Made through the area's services by a logistics manager;
a rule whose code exists already is left as it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from parure.billing.documents import WDC_STATEMENT as BILLING_WDC_STATEMENT
from parure.core.choices import Role
from parure.core.models import Staff
from parure.shipping.compliance import services
from parure.shipping.compliance.choices import RuleDirection, RuleEffect, RuleKind
from parure.shipping.compliance.models import ComplianceRule
from parure.shipping.compliance.services import RuleDraft

#: The warranty statement the invoices print, word for word: the customs documents print the same one.
WDC_STATEMENT = BILLING_WDC_STATEMENT

RUSSIA = ("russia", "russian federation", "ru")
CITES_URL = "https://cites.org/eng/app/appendices.php"

RULES: tuple[RuleDraft, ...] = (
    RuleDraft(
        code="wdc-system-of-warranties",
        title="World Diamond Council System of Warranties statement",
        kind=RuleKind.DIAMOND_WARRANTY,
        effect=RuleEffect.STATEMENT,
        species=("diamond",),
        international_only=False,
        text=WDC_STATEMENT,
        source="World Diamond Council, System of Warranties (SoW) Guidelines, as revised; the statement the "
        "house's invoices print for diamonds",
        source_url="https://www.worlddiamondcouncil.org/",
        effective_from=date(2022, 1, 1),
    ),
    RuleDraft(
        code="cites-coral",
        title="CITES document for coral",
        kind=RuleKind.CITES,
        effect=RuleEffect.PERMIT_REQUIRED,
        materials=("coral", "red coral", "precious coral", "black coral", "corallium"),
        species=("coral",),
        text="Black corals (Antipatharia) and stony corals (Scleractinia) are listed in CITES Appendix II, and "
        "four precious corals (Corallium elatius, C. japonicum, C. konojoi and C. secundum) in Appendix III at "
        "China's request. A piece of coral crosses a border with the CITES document its species needs (an "
        "export or re-export permit, or a certificate of origin); the house asks for it for any coral, as a "
        "worked piece's species is seldom proven.",
        source="Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES), "
        "Appendices II and III",
        source_url=CITES_URL,
        effective_from=date(2008, 4, 1),
    ),
    RuleDraft(
        code="cites-tortoiseshell",
        title="CITES permit for tortoiseshell (hawksbill turtle)",
        kind=RuleKind.CITES,
        effect=RuleEffect.PERMIT_REQUIRED,
        materials=("tortoiseshell", "tortoise shell", "hawksbill", "turtle shell"),
        text="Tortoiseshell is the shell of the hawksbill turtle (Eretmochelys imbricata), listed with the other "
        "marine turtles (Cheloniidae) in CITES Appendix I. A piece crosses a border only with the CITES "
        "document it needs, such as a pre-Convention certificate.",
        source="CITES, Appendix I (Cheloniidae: Eretmochelys imbricata)",
        source_url=CITES_URL,
        effective_from=date(1977, 1, 1),
    ),
    RuleDraft(
        code="cites-ivory",
        title="CITES permit for elephant ivory",
        kind=RuleKind.CITES,
        effect=RuleEffect.PERMIT_REQUIRED,
        materials=("ivory", "elephant ivory"),
        text="The Asian elephant (Elephas maximus) and the African elephant (Loxodonta africana) are listed in "
        "CITES Appendix I, save the African populations of Botswana, Namibia, South Africa and Zimbabwe, in "
        "Appendix II with an annotation that does not open trade in worked ivory. A piece of ivory crosses a "
        "border only with the CITES document it needs, such as a pre-Convention certificate; the countries at "
        "either end may forbid it even so.",
        source="CITES, Appendices I and II (Elephantidae)",
        source_url=CITES_URL,
        effective_from=date(1990, 1, 18),
    ),
    RuleDraft(
        code="cites-rhinoceros-horn",
        title="CITES permit for rhinoceros horn",
        kind=RuleKind.CITES,
        effect=RuleEffect.PERMIT_REQUIRED,
        materials=("rhinoceros horn", "rhino horn"),
        text="The rhinoceroses (Rhinocerotidae) are listed in CITES Appendix I, save two populations of the "
        "southern white rhinoceros in Appendix II for limited purposes that do not include horn. A piece of "
        "rhinoceros horn crosses a border only with the CITES document it needs.",
        source="CITES, Appendices I and II (Rhinocerotidae)",
        source_url=CITES_URL,
        effective_from=date(1977, 1, 1),
    ),
    RuleDraft(
        code="us-russian-diamonds",
        title="No Russian-origin non-industrial diamonds into the United States",
        kind=RuleKind.SANCTIONS,
        effect=RuleEffect.REFUSE,
        species=("diamond",),
        origins=RUSSIA,
        jurisdictions=("US",),
        direction=RuleDirection.IMPORT,
        text="Executive Order 14068 (11 March 2022) and the Treasury's determination under it of the same day "
        "prohibit the importation into the United States of non-industrial diamonds of Russian Federation "
        "origin; later determinations reach, in stages from 1 March 2024, Russian diamonds processed in other "
        "countries. "
        "The house does not send a diamond reported as of Russian origin into the United States.",
        source="US Executive Order 14068 and the Office of Foreign Assets Control's determinations under it",
        source_url="https://ofac.treasury.gov/sanctions-programs-and-country-information/"
        "russian-harmful-foreign-activities-sanctions",
        effective_from=date(2022, 3, 11),
    ),
    RuleDraft(
        code="eu-russian-diamonds",
        title="No Russian diamonds into the European Union",
        kind=RuleKind.SANCTIONS,
        effect=RuleEffect.REFUSE,
        species=("diamond",),
        origins=RUSSIA,
        jurisdictions=("EU",),
        direction=RuleDirection.IMPORT,
        text="Council Regulation (EU) 2023/2878 amended Regulation (EU) No 833/2014 to prohibit, from 1 January "
        "2024, the import into the Union of diamonds originating in Russia, and in stages from 1 March 2024 "
        "of Russian diamonds processed in other countries. The house does not send a diamond reported as of "
        "Russian origin into the European Union.",
        source="Council Regulation (EU) 2023/2878 of 18 December 2023, amending Regulation (EU) No 833/2014",
        source_url="https://eur-lex.europa.eu/eli/reg/2023/2878/oj",
        effective_from=date(2024, 1, 1),
    ),
    RuleDraft(
        code="house-burmese-ruby-jadeite",
        title="House policy: no Burmese rubies or jadeite",
        kind=RuleKind.SANCTIONS,
        effect=RuleEffect.REFUSE,
        materials=("jadeite",),
        species=("jadeite",),
        varieties=("ruby", "jadeite"),
        origins=("burma", "burmese", "myanmar", "mm"),
        international_only=False,
        text="This is the house's policy, not the law of every country the house ships to: the house does not "
        "ship rubies or jadeite reported as of Burmese (Myanmar) origin. It follows the sanctions the United "
        "States and the European Union imposed in 2021 on Myanma Gems Enterprise, Myanmar's state gem company.",
        source="House policy, following the US Treasury's (OFAC) and the EU Council's 2021 sanctions on Myanma "
        "Gems Enterprise",
        source_url="https://ofac.treasury.gov/sanctions-programs-and-country-information/burma-related-sanctions",
        effective_from=date(2021, 6, 21),
    ),
    RuleDraft(
        code="usfws-form-3-177",
        title="US Fish and Wildlife Service declaration (Form 3-177)",
        kind=RuleKind.WILDLIFE_DECLARATION,
        effect=RuleEffect.DECLARATION,
        materials=("coral", "tortoiseshell", "ivory", "rhinoceros horn", "shell", "mother-of-pearl", "horn", "bone"),
        species=("coral",),
        jurisdictions=("US",),
        direction=RuleDirection.BOTH,
        text="Wildlife items in this shipment are declared to the U.S. Fish and Wildlife Service on a "
        "Declaration for Importation or Exportation of Fish or Wildlife (Form 3-177), as 50 CFR part 14 "
        "requires for wildlife leaving or entering the United States.",
        source="U.S. Fish and Wildlife Service, Form 3-177, under 50 CFR part 14",
        source_url="https://www.ecfr.gov/current/title-50/chapter-I/subchapter-B/part-14",
        effective_from=date(2000, 1, 1),
    ),
)


def _author() -> Staff | None:
    return (
        Staff.objects.filter(role__in=(Role.LOGISTICS, Role.SENIOR_SPECIALIST), is_active=True)
        .order_by("role", "username")
        .first()
    )


def build(say: Callable[[str], None]) -> None:
    by = _author()
    if by is None:
        say("  compliance: no logistics manager or senior specialist to record the rules; skipped")
        return
    existing = set(ComplianceRule.objects.values_list("code", flat=True))
    made = 0
    for draft in RULES:
        if draft.code in existing:
            continue
        services.rule_create(draft=draft, by=by, reason="Recorded from its published source.")
        made += 1
    say(f"  compliance: {made} export rules recorded, {len(existing)} already there")
