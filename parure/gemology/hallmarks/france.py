"""France's guarantee marks since the law of 19 brumaire an VI (1797), one row per mark and period.

The 1797 law set three gold titles (920, 840, 750) and two silver (950, 800), shown from 1798
by a title mark (the cockerel, then from 1819 the old man's head for silver) beside a guarantee
mark of the office and the maker's lozenge; the punches were renewed in 1809 and 1819. From
1838 one state mark gives both title and guarantee: the Greek physician's head for gold (1, 2
or 3 for 920, 840, 750) until 1919, then the eagle's head; the Minerva head for silver (1 or 2).
Small works tested on the touchstone carry marks that guarantee only the legal minimum (eagle's
head in Paris and horse's head in the departments for gold until 1919, boar's head and crab for
silver), solid gold chains the rhinoceros head, imports the weevil, owl and swan, platinum the
dog's head since 1912. The 1994 reform added gold 585 and 375 (scallop shell, clover) and
platinum 900 and 850; CGI art. 522 now lists the titles (``standards``).

From 1798 to 1838 the guarantee (duty) mark beside the title mark came in three sizes (large,
medium and small works) and carried the office's différent: a number on the large-work punch (85
for Paris, 15 Angoulême, 16 La Rochelle, 81 Poitiers, 74 Niort; ``DIFFERENTS_1798_1838``), a letter
on the small-work one (``SMALL_WORK_LETTERS_1798_1838``). Of those guarantee marks only the
departments' small-silver-work mark of the fifth region (1819–1838) is held; the others' figures
are in no source at hand.

Not held, because no source at hand shows them: the other 1798–1838 guarantee (duty) marks and
small-work marks, the 1819–1838 gold title marks, and the figure of the 1819 recense (whose
existence the 1838 recense instructions record); the drawings of the 1798–1819 gold cockerels
remain unverified. Rows whose dates or use rest on a trade page,
or on inference from a neighbouring mark, say so in their note.
"""

from enum import StrEnum

from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.common import Country, MarkKind, Metal, TableMark, YearSpan


class OfficeClass(StrEnum):
    """Who struck a French mark: the Paris office, the departments' offices, or on imports and exports."""

    PARIS = "Paris"
    DEPARTMENTS = "departments"
    PARIS_AND_DEPARTMENTS = "Paris and departments"
    IMPORTS = "imports"
    EXPORTS = "exports"


class Role(StrEnum):
    """What a French mark was struck for."""

    TITLE = "title mark (poinçon de titre)"
    TITLE_AND_GUARANTEE = "title and guarantee mark"
    SMALL_WORK = "small-work mark (petite garantie, tested on the touchstone)"
    CHAIN = "chain mark (poinçon de remarque)"
    IMPORT = "import mark"
    EXPORT = "export mark"
    REIMPORT = "re-import mark"
    RECENSE = "recense mark (re-marking of works already marked)"


_GOLD = (Metal.GOLD,)
_SILVER = (Metal.SILVER,)
_PLATINUM = (Metal.PLATINUM,)
_GOLD_SILVER = (Metal.GOLD, Metal.SILVER)

_COCKEREL = ("coq", "cockerel", ("rooster", "cock", "gallic cockerel"))
_OLD_MAN = ("tête de vieillard", "old man's head", ("vieillard", "head of an old man"))
_PHYSICIAN = (
    "tête de médecin grec",
    "Greek physician's head",
    ("médecin grec", "tête de médecin", "Greek doctor's head", "head of a Greek physician", "doctor's head"),
)
_EAGLE = ("tête d'aigle", "eagle's head", ("aigle", "eagle head"))
_FRAMED_EAGLE = ("tête d'aigle encadrée", "framed eagle's head", ())
_MINERVA = ("tête de Minerve", "Minerva head", ("Minerve", "Minerva", "head of Minerva", "Minerva's head"))
_BARE_MINERVA = ("Minerve sans contour", "Minerva head without surround", ("unframed Minerva",))
_HORSE = ("tête de cheval", "horse's head", ("cheval",))
_RHINO = ("tête de rhinocéros", "rhinoceros head", ("rhinocéros", "rhino", "rhinoceros's head"))
_BOAR = ("tête de sanglier", "boar's head", ("sanglier", "wild boar's head", "boar"))
_CRAB = ("crabe", "crab", ("tête de crabe",))
_WEEVIL = ("charançon", "weevil", ())
_OWL = ("hibou", "owl", ("chouette", "owl's head"))
_SWAN = ("cygne", "swan", ())
_DOG = ("tête de chien", "dog's head", ("chien",))
_MASCARON = ("mascaron", "mascaron", ("grotesque mask", "mask"))
_YOUNG_WOMAN = ("tête de jeune fille", "young woman's head", ("young girl's head", "jeune fille"))
_MERCURY = ("tête de Mercure", "Mercury's head", ("Mercure", "Mercury head"))
_HARE = ("tête de lièvre", "hare's head", ("lièvre",))
_EGYPTIAN = ("tête égyptienne", "Egyptian head", ())
_GIRAFFE = ("tête de girafe", "giraffe's head", ("girafe",))
_EAR = ("oreille droite", "right ear", ("oreille", "ear"))
_ET = ("ET", "ET mark", ("étranger", "E.T.", "ET in a rectangle"))
_SEAHORSE = ("hippocampe", "seahorse", ("sea horse",))
_SCALLOP = ("coquille Saint-Jacques", "scallop shell", ("coquille", "scallop", "St James shell", "Saint James shell"))
_CLOVER = ("trèfle", "clover", ("trefoil", "clover leaf"))
_AMPHORA = ("amphore", "amphora", ())
_PENGUIN = ("manchot empereur", "emperor penguin", ("manchot", "penguin"))
_LYSSE = ("lysse", "lysse", ())


def _row(
    key: str,
    names: tuple[str, str, tuple[str, ...]],
    role: Role,
    metals: tuple[Metal, ...],
    fineness: int | None,
    period: YearSpan,
    office: OfficeClass,
    source: str,
    note: str,
    *,
    number: str | None = None,
    minimum_only: bool = False,
    end_known: bool = True,
) -> TableMark:
    local, english, aliases = names
    return TableMark(
        key=key,
        country=Country.FRANCE,
        name=english,
        local_name=local,
        aliases=aliases,
        kind=MarkKind.NATIONAL,
        role=role.value,
        metals=metals,
        fineness=fineness,
        period=period,
        office=office.value,
        source=source,
        note=note,
        number=number,
        minimum_only=minimum_only,
        end_known=end_known,
    )


def _sources(*names: str) -> str:
    return "; ".join(names)


_P, _D, _PD = OfficeClass.PARIS, OfficeClass.DEPARTMENTS, OfficeClass.PARIS_AND_DEPARTMENTS
_IMP, _EXP = OfficeClass.IMPORTS, OfficeClass.EXPORTS
_T, _TG, _SW = Role.TITLE, Role.TITLE_AND_GUARANTEE, Role.SMALL_WORK

_COCKEREL_GOLD_NOTE = (
    "The titles are the 1797 law's. That the gold punches carry 1, 2 and 3 as the silver ones carry 1 and 2 "
    "follows the trade's description; no drawing of the gold punches was read, and Paris and the departments "
    "used different punches."
)
_COCKEREL_SILVER_NOTE = "Paris and the departments used different punches (Marischael shows both)."
_FIRST_COCKEREL_SILVER_NOTE = (
    _COCKEREL_SILVER_NOTE + " Silbersuite: in force from 19 June 1798; the number stands to the right of the "
    "cockerel on Paris punches and to its left on the departments'."
)
_FIRST_COCKEREL = _sources(src.BRUMAIRE, src.MARISCHAEL, src.ANTIQUITES_CATALOGUE, src.UNIVERSALIS)
_FIRST_COCKEREL_SILVER = _sources(_FIRST_COCKEREL, src.SILBERSUITE)
_SECOND_COCKEREL = _sources(src.BRUMAIRE, src.MARISCHAEL, src.ANTIQUITES_CATALOGUE)
_EAGLE_1919_NOTE = (
    "The eagle's head replaced the Greek physician's head on 1 July 1919 for gold assayed by cupellation; the "
    "catalogue entry read is the second title's and the first and third belong to the same series."
)

# fmt: off
FRENCH_MARKS: tuple[TableMark, ...] = (
    # 1798–1809: the first cockerel (title marks); the guarantee marks beside it are not held.
    _row("coq-1798-or-1", _COCKEREL, _T, _GOLD, 920, YearSpan(1798, 1809), _PD, _FIRST_COCKEREL,
         "First cockerel, gold first title. " + _COCKEREL_GOLD_NOTE, number="1"),
    _row("coq-1798-or-2", _COCKEREL, _T, _GOLD, 840, YearSpan(1798, 1809), _PD, _FIRST_COCKEREL,
         "First cockerel, gold second title. " + _COCKEREL_GOLD_NOTE, number="2"),
    _row("coq-1798-or-3", _COCKEREL, _T, _GOLD, 750, YearSpan(1798, 1809), _PD, _FIRST_COCKEREL,
         "First cockerel, gold third title. " + _COCKEREL_GOLD_NOTE, number="3"),
    _row("coq-1798-argent-1", _COCKEREL, _T, _SILVER, 950, YearSpan(1798, 1809), _PD, _FIRST_COCKEREL_SILVER,
         "First cockerel, silver first title: a standing cockerel with a 1. " + _FIRST_COCKEREL_SILVER_NOTE,
         number="1"),
    _row("coq-1798-argent-2", _COCKEREL, _T, _SILVER, 800, YearSpan(1798, 1809), _PD, _FIRST_COCKEREL_SILVER,
         "First cockerel, silver second title: a walking cockerel with a 2. " + _FIRST_COCKEREL_SILVER_NOTE,
         number="2"),
    _row("oreille-1809", _EAR, Role.RECENSE, _GOLD_SILVER, None, YearSpan(1809, 1809), _P, src.OSPREY_EAR,
         "Right ear in a border, struck in Paris on medium-sized works already marked when the punches changed."),
    _row("aigle-recense-1809", _EAGLE, Role.RECENSE, _GOLD_SILVER, None, YearSpan(1809, 1809), _D, src.FORUM_925,
         "Recense mark for medium-sized works in the departments, as read from Tardy in the forum thread; "
         "on a piece beside 1798–1809 marks it dates the re-marking, not the making."),
    # 1809–1819: the second cockerel.
    _row("coq-1809-or-1", _COCKEREL, _T, _GOLD, 920, YearSpan(1809, 1819), _PD, _SECOND_COCKEREL,
         "Second cockerel, gold first title. " + _COCKEREL_GOLD_NOTE, number="1"),
    _row("coq-1809-or-2", _COCKEREL, _T, _GOLD, 840, YearSpan(1809, 1819), _PD, _SECOND_COCKEREL,
         "Second cockerel, gold second title. " + _COCKEREL_GOLD_NOTE, number="2"),
    _row("coq-1809-or-3", _COCKEREL, _T, _GOLD, 750, YearSpan(1809, 1819), _PD, _SECOND_COCKEREL,
         "Second cockerel, gold third title. " + _COCKEREL_GOLD_NOTE, number="3"),
    _row("coq-1809-argent-1", _COCKEREL, _T, _SILVER, 950, YearSpan(1809, 1819), _PD, _SECOND_COCKEREL,
         "Second cockerel, silver first title. " + _COCKEREL_SILVER_NOTE, number="1"),
    _row("coq-1809-argent-2", _COCKEREL, _T, _SILVER, 800, YearSpan(1809, 1819), _PD, _SECOND_COCKEREL,
         "Second cockerel, silver second title. " + _COCKEREL_SILVER_NOTE, number="2"),
    # 1819–1838: the old man's head for silver (the gold title marks of the period are not held).
    _row("vieillard-argent-1", _OLD_MAN, _T, _SILVER, 950, YearSpan(1819, 1838), _PD,
         _sources(src.MARISCHAEL, src.CHARMANTIQUES, src.ANTIQUITES_CATALOGUE),
         "Silver first title; two Paris and two departmental versions (Charm Antiques). antiquites-catalogue "
         "names the heads: Michelangelo's profile in Paris, a woman's in the departments.", number="1"),
    _row("vieillard-argent-2", _OLD_MAN, _T, _SILVER, 800, YearSpan(1819, 1838), _PD,
         _sources(src.MARISCHAEL, src.CHARMANTIQUES, src.ANTIQUITES_CATALOGUE),
         "Silver second title; two Paris and two departmental versions (Charm Antiques). antiquites-catalogue "
         "names the heads: Raphael's in Paris, Socrates' in the departments.", number="2"),
    _row("lysse-1819", _LYSSE, _SW, _SILVER, 800, YearSpan(1819, 1838), _D, _sources(src.INTEROR_LYSSE, src.OSPREY_EAR),
         "16 August 1819 to 9 May 1838, small silver works tested on the touchstone in the fifth region "
         "(Pyrénées-Orientales, Aude, Hérault, Lot, Corrèze, Cantal, Aveyron, Tarn, Lozère). The name is read from "
         "the address of the catalogue's entry; its drawing was not read, and the other regions' marks of the "
         "period are not held. The 1838 instructions quoted by Osprey date the 1819 marks from 1 August 1819.",
         minimum_only=True),
    # 1838: one mark for title and guarantee (ordonnance of 7 April 1838, in service 9 May 1838).
    _row("girafe-1838-paris", _GIRAFFE, Role.RECENSE, _GOLD_SILVER, None, YearSpan(1838, 1838), _P,
         _sources(src.INTEROR, src.OSPREY_EAR),
         "10 May to 1 October 1838, authenticating the regular marks already on large works. The 1838 instructions "
         "(Osprey) gave it free, without assay, only to works bearing the 1819 recense or the marks in use from 1 "
         "August 1819 to 9 May 1838; other works were marked anew, assayed and taxed, or broken."),
    _row("girafe-1838-departements", _GIRAFFE, Role.RECENSE, _GOLD_SILVER, None, YearSpan(1838, 1838), _D,
         src.INTEROR, "The departments' recense of 1838, with the office's différent."),
    _row("medecin-grec-1", _PHYSICIAN, _TG, _GOLD, 920, YearSpan(1838, 1919), _PD, _sources(src.INTEROR, src.ALIENOR),
         "9 May 1838 to 30 June 1919, gold assayed by cupellation for sale in France; the departments' head has "
         "thinner hair and the office's différent.", number="1"),
    _row("medecin-grec-2", _PHYSICIAN, _TG, _GOLD, 840, YearSpan(1838, 1919), _PD, _sources(src.INTEROR, src.ALIENOR),
         "Second title of the Greek physician's head; the catalogue entry read is the first title's, of which "
         "this is the same series.", number="2"),
    _row("medecin-grec-3", _PHYSICIAN, _TG, _GOLD, 750, YearSpan(1838, 1919), _PD, _sources(src.INTEROR, src.ALIENOR),
         "Third title of the Greek physician's head; the catalogue entry read is the first title's, of which "
         "this is the same series.", number="3"),
    _row("medecin-grec-1-platine", _PHYSICIAN, _TG, _PLATINUM, 950, YearSpan(1910, 1912), _PD, src.INTEROR,
         "From 8 April 1910 to 5 December 1912 the first-title punch alone also marked platinum at 950, before "
         "platinum had a mark of its own.", number="1"),
    _row("aigle-petite-garantie-1838", _EAGLE, _SW, _GOLD, 750, YearSpan(1838, 1846), _P,
         _sources(src.ANTICJEWELS, src.INTEROR),
         "First model of the Paris small-work eagle's head, the counterpart of the departments' horse's head; "
         "anticjewels dates it 1838–1847 and a second model from 1847.", minimum_only=True),
    _row("aigle-petite-garantie-1847", _EAGLE, _SW, _GOLD, 750, YearSpan(1847, 1919), _P,
         _sources(src.ANTICJEWELS, src.INTEROR),
         "Second model of the Paris small-work eagle's head (anticjewels: 1847–1919).", minimum_only=True),
    _row("cheval", _HORSE, _SW, _GOLD, 750, YearSpan(1838, 1919), _D, src.INTEROR,
         "9 May 1838 to 30 June 1919, small gold works for sale in France tested on the touchstone.",
         minimum_only=True),
    _row("rhinoceros-paris-1838", _RHINO, Role.CHAIN, _GOLD, 750, YearSpan(1838, 1846), _P,
         _sources(src.INTEROR, src.OSPREY_RHINO),
         "Struck every 10 cm along solid gold chains; the Paris head has the horn cut short. Replaced on 1 January "
         "1847 after counterfeit punches were found.", minimum_only=True),
    _row("rhinoceros-paris-1847", _RHINO, Role.CHAIN, _GOLD, 750, YearSpan(1847, 1980), _P,
         _sources(src.OSPREY_RHINO, src.ANTICJEWELS),
         "Second Paris model; from June 1852 also struck on the clasps of chains and supple bracelets, in April "
         "1910 on platinum in jewellers' stock, and during the Second World War to show a surtax paid. The end "
         "year 1980 is the anticjewels chart's.", minimum_only=True),
    _row("rhinoceros-departements", _RHINO, Role.CHAIN, _GOLD, 750, YearSpan(1838), _D,
         _sources(src.INTEROR, src.OSPREY_RHINO),
         "The departments' head has the horn entire and the office's différent; clasps marked from 1852, "
         "generally by 1884. Its last year is not recorded in the sources read.", minimum_only=True, end_known=False),
    _row("minerve-1-950", _MINERVA, _TG, _SILVER, 950, YearSpan(1838, 1994), _PD,
         _sources(src.INTEROR, src.ALIENOR),
         "Put in service 9 May 1838 for silver assayed by the wet method at 950; the 1 is by the forehead, the "
         "surround octagonal, and since 1973 a letter gives the decade. 950 is no longer a legal title (CGI art. "
         "522 since 2005 has 925); the year the punch changed is not verified.", number="1"),
    _row("minerve-925", _MINERVA, _TG, _SILVER, 925, YearSpan(1994), _PD,
         _sources(src.CGI_522, src.COMMENT_SUR_TOUT),
         "First-title Minerva of today: the octagon with the decade's letter (E for 2013–2022). It can be no "
         "older than the 1994 reform that made 925 a French title."),
    _row("minerve-2", _MINERVA, _TG, _SILVER, 800, YearSpan(1838), _PD, _sources(src.INTEROR, src.ALIENOR),
         "Second title: the 2 under the chin, in an oval cut flat at top and bottom.", number="2"),
    _row("minerve-sans-contour", _BARE_MINERVA, _SW, _SILVER, 800, YearSpan(1984), _PD, src.COMMENT_SUR_TOUT,
         "A Minerva head without surround marks small silver works today (and French second-hand works). Its "
         "first year is taken from the crab's end in the anticjewels chart, not read directly.", minimum_only=True),
    _row("sanglier", _BOAR, _SW, _SILVER, 800, YearSpan(1838, 1962), _P,
         _sources(src.INTEROR, src.CHARMANTIQUES, src.ANTICJEWELS),
         "Put in service 9 May 1838, Paris office only, small silver works tested on the touchstone; the end "
         "year 1962 is the charts'.", minimum_only=True),
    _row("crabe", _CRAB, _SW, _SILVER, 800, YearSpan(1838, 1984), _D,
         _sources(src.INTEROR, src.CHARMANTIQUES, src.ANTICJEWELS),
         "The departments' counterpart of the boar's head (mark N° 825 of the catalogue). anticjewels ends it in "
         "1984, Charm Antiques calls it still in use. Sometimes listed as a gold mark; every source read gives it "
         "for small silver works.", minimum_only=True),
    _row("charancon-1838", _WEEVIL, Role.IMPORT, _GOLD_SILVER, None, YearSpan(1838, 1864), _P, src.INTEROR,
         "Cut-out weevil, 9 May 1838 to 1 June 1864, on imported gold or silver presented at the Paris office, in "
         "a large and a small model. It guarantees no title, but works bearing it are in order."),
    _row("charancon-1864", _WEEVIL, Role.IMPORT, _GOLD_SILVER, None, YearSpan(1864, 1893), _IMP,
         _sources(src.INTEROR, src.ANTICJEWELS), "The weevil of 1864, common to gold and silver imports."),
    _row("charancon-1893", _WEEVIL, Role.IMPORT, _SILVER, 800, YearSpan(1893, 1990), _IMP,
         _sources(src.INTEROR, src.ANTICJEWELS),
         "Since 29 June 1893 on silver imported from contracting countries; from 8 April 1910 to 5 December 1912 "
         "also on imported platinum at 950. The end year 1990 is the anticjewels chart's.", minimum_only=True),
    _row("hibou", _OWL, Role.IMPORT, _GOLD, 750, YearSpan(1893), _IMP, _sources(src.INTEROR, src.MONALISA),
         "Since 29 June 1893: gold imported from countries without a commercial treaty, gold watches of any "
         "origin, and gold or platinum at legal titles found at the Mont-de-Piété or in public sales without a "
         "guarantee or maker's mark proving French origin. Auction pieces re-entering the trade often carry it. "
         "Trade pages call it hibou or chouette alike.", minimum_only=True),
    _row("cygne", _SWAN, Role.IMPORT, _SILVER, None, YearSpan(1893), _IMP, _sources(src.ANTICJEWELS, src.SILVER_LUG),
         "Silver imports (the small-work import mark, Silver Lug); the minimum it guarantees is not stated in the "
         "sources read."),
    _row("et", _ET, Role.IMPORT, _GOLD_SILVER, None, YearSpan(1822), _IMP, src.BLOCK,
         "Letters ET in a rectangle: works from countries without a treaty, and works sold at the Mont-de-Piété or "
         "after a death whose low title allowed no other mark (decisions of 15 November 1822 and 14 July 1824). "
         "Its last year is not recorded in the sources read.", end_known=False),
    _row("chien-1912", _DOG, _TG, _PLATINUM, 950, YearSpan(1912, 1994), _PD, src.INTEROR,
         "Since 5 December 1912 on platinum of French manufacture for sale in France, single title 950 (iridium "
         "counts as platinum); the 1994 reform split it into three titles."),
    _row("chien-1", _DOG, _TG, _PLATINUM, 950, YearSpan(1994), _PD, _sources(src.LEGEMMOLOGUE, src.CGI_522),
         "Platinum first title since the 1994 reform, new works only.", number="1"),
    _row("chien-2", _DOG, _TG, _PLATINUM, 900, YearSpan(1994), _PD, _sources(src.LEGEMMOLOGUE, src.CGI_522),
         "Platinum second title since the 1994 reform, new works only.", number="2"),
    _row("chien-3", _DOG, _TG, _PLATINUM, 850, YearSpan(1994), _PD, _sources(src.LEGEMMOLOGUE, src.CGI_522),
         "Platinum third title since the 1994 reform, new works only.", number="3"),
    _row("chien-petite-garantie", _DOG, _SW, _PLATINUM, 850, YearSpan(1994), _PD, src.LEGEMMOLOGUE,
         "The plain dog's head of the small-work guarantee; the minimum it guarantees is taken as 850, the "
         "lowest legal platinum title.", minimum_only=True),
    _row("manchot-empereur", _PENGUIN, _T, _PLATINUM, 999, YearSpan(1994), _P, src.LEGEMMOLOGUE,
         "Platinum 999, Paris office only, mostly on new bars; it can be no older than the 1994 reform."),
    _row("mascaron-1912", _MASCARON, Role.IMPORT, _PLATINUM, None, YearSpan(1912, 1990), _IMP, src.ANTICJEWELS,
         "anticjewels gives two platinum mascarons, 1912–1990 and since 1926, without saying what each marks; "
         "they are usually described as the platinum import marks, which is not verified here."),
    _row("mascaron-1926", _MASCARON, Role.IMPORT, _PLATINUM, None, YearSpan(1926), _IMP, src.ANTICJEWELS,
         "Second platinum mascaron of the anticjewels chart; its use is not verified here."),
    _row("jeune-fille", _YOUNG_WOMAN, Role.EXPORT, _PLATINUM, 950, YearSpan(1912), _EXP, src.INTEROR,
         "Since 5 December 1912 on platinum of French manufacture for export, single title 950. Its last year is "
         "not recorded in the sources read.", end_known=False),
    _row("mercure", _MERCURY, Role.EXPORT, _GOLD_SILVER, None, YearSpan(1879), _EXP,
         _sources(src.SILVER_LUG, src.INTEROR),
         "Export mark (Silver Lug: 1 for 950 and 2 for 800 on silver). Its first year is taken as 1879, when the "
         "export mark of 1840–1879 left service, not read directly; its last year is not recorded.",
         end_known=False),
    _row("lievre", _HARE, Role.REIMPORT, (Metal.GOLD, Metal.SILVER, Metal.PLATINUM), None, YearSpan(1887), _PD,
         src.INTEROR,
         "Created 24 December 1887 for French works exported and brought back, or marked for export and then sold "
         "in France; it guarantees only the legal minimum (gold 750, silver 800, platinum 950). Its last year is "
         "not recorded.", end_known=False),
    _row("tete-egyptienne", _EGYPTIAN, Role.EXPORT, _GOLD, 583, YearSpan(1884), _EXP, src.INTEROR,
         "Under the law of 25 January 1884, on gold watch cases at the fourth title (583) for export only, always "
         "with a second export punch. Its last year is not recorded.", end_known=False),
    # 1919: the eagle's head for gold.
    _row("aigle-1919-1", _EAGLE, _TG, _GOLD, 920, YearSpan(1919, 1994), _PD, src.INTEROR,
         _EAGLE_1919_NOTE + " 920 is no longer a legal title (CGI art. 522).", number="1"),
    _row("aigle-1919-2", _EAGLE, _TG, _GOLD, 840, YearSpan(1919, 1994), _PD, src.INTEROR,
         _EAGLE_1919_NOTE + " 840 is no longer a legal title (CGI art. 522).", number="2"),
    _row("aigle-750", _EAGLE, _TG, _GOLD, 750, YearSpan(1919), _PD, _sources(src.INTEROR, src.VENTE_ACHAT_OR),
         _EAGLE_1919_NOTE + " Whether the third-title punch shows a 3 is not verified; today's mark is the eagle's "
         "head alone, on new works of French manufacture."),
    _row("aigle-petite-garantie-1919", _EAGLE, _SW, _GOLD, 750, YearSpan(1919), _PD, src.COMPRO_ORO,
         "An eagle's head for gold tested on the touchstone; the only source read is a trade page.",
         minimum_only=True),
    # The 1994 reform and after.
    _row("aigle-encadre-916", _FRAMED_EAGLE, _T, _GOLD, 916, YearSpan(1994), _PD,
         _sources(src.VENTE_ACHAT_OR, src.ERIC_NION),
         "Eagle's head in a horizontal bevelled rectangle, first title, new works only; it can be no older than the "
         "1994 reform."),
    _row("coquille", _SCALLOP, _T, _GOLD, 585, YearSpan(1994), _PD, _sources(src.LOI_94_6, src.ERIC_NION),
         "585 became a French title with the 1994 law; the year the punch was first struck is not verified."),
    _row("trefle", _CLOVER, _T, _GOLD, 375, YearSpan(1994), _PD, _sources(src.LOI_94_6, src.ERIC_NION),
         "375 became a French title with the 1994 law; the year the punch was first struck is not verified."),
    _row("hippocampe", _SEAHORSE, _T, _GOLD, 999, YearSpan(2002), _P, _sources(src.VENTE_ACHAT_OR, src.ERIC_NION),
         "Created in 2002 and held only by the Paris office; sometimes replaced by the number 999."),
    _row("amphore", _AMPHORA, _T, _SILVER, 999, YearSpan(1994), _PD, src.COMMENT_SUR_TOUT,
         "Silver 999, mostly on bars; a recent mark that can be no older than the 1994 reform."),
)
# fmt: on

# The différent on a large-work guarantee punch of 1798–1838 is the office's number (alienor.org
# gives these; a small-work punch carries a letter instead: A Angoulême, C La Rochelle, M Niort,
# H Poitiers). 74 is the Deux-Sèvres office's number on its 1819–1838 insculpation plate.
DIFFERENTS_1798_1838: dict[str, str] = {
    "85": "Paris",
    "15": "Angoulême",
    "16": "La Rochelle",
    "81": "Poitiers",
    "74": "Niort",
}
SMALL_WORK_LETTERS_1798_1838: dict[str, str] = {
    "A": "Angoulême",
    "C": "La Rochelle",
    "M": "Niort",
    "H": "Poitiers",
}
DIFFERENTS_1798_1838_SOURCE = src.ALIENOR_GARANTIE

# The letter in the first-title Minerva's octagon since 1973 gives the decade it was struck.
MINERVA_DATE_LETTERS: dict[str, YearSpan] = {
    "A": YearSpan(1973, 1982),
    "B": YearSpan(1983, 1992),
    "C": YearSpan(1993, 2002),
    "D": YearSpan(2003, 2012),
    "E": YearSpan(2013, 2022),
}
MINERVA_DATE_LETTER_SOURCE = (
    f"{src.ALIENOR} (A 1973–1982, B 1983–1992, C 1993–2002); {src.COMMENT_SUR_TOUT} (E 2013–2022); "
    "D follows the ten-year cycle"
)
