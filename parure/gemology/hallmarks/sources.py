"""The publications the hallmark tables are taken from; each row's ``source`` names one or more of these.

Where the sources are trade or collectors' pages rather than the law or an assay office, the
row says so in its note; where a detail could not be read in any of them, the note says that
too rather than filling the gap.
"""

# --- France ---------------------------------------------------------------------------------
BRUMAIRE = (
    "Loi du 19 brumaire an VI (9 November 1797), art. 4: gold 920, 840 and 750, silver 950 and 800 "
    "(text at legilux.public.lu; quoted in Block, Dictionnaire de l'administration française, 'Garantie' §6)"
)
BLOCK = "M. Block, Dictionnaire de l'administration française, t. 2, 'Garantie' §14–15 (fr.wikisource.org)"
UNIVERSALIS = "Encyclopædia Universalis, 'Titres et garanties (métaux précieux)' (universalis.fr)"
INTEROR = (
    "poincons.interor.fr, catalogue of French guarantee marks, 'De 1838 à nos jours' (its entries number the "
    "marks in the manner of Tardy, Les poinçons de garantie internationaux)"
)
ALIENOR = (
    "Conseil des musées de Poitou-Charentes, 'L'évolution des poinçons d'État d'or et d'argent de 1793 à nos "
    "jours' (alienor.org)"
)
ALIENOR_GARANTIE = (
    "Conseil des musées de Poitou-Charentes, 'Le poinçon de garantie' (alienor.org, poinçons d'État, rôle p. 3): "
    "différents of 1798–1838, numbers on large-work punches and letters on small-work punches; and alienor.org "
    "collection 995.3.1, insculpation plate of the Deux-Sèvres office (number 74), 1819–1838"
)
INTEROR_LYSSE = (
    "poincons.interor.fr/lysse-poincon-france, catalogue entry of a poinçon in use 16 August 1819 to 9 May 1838 in "
    "the fifth region (its name read from the entry's address)"
)
MARISCHAEL = "Marischael, 'Les poinçons de 1798 à nos jours' (marischael.com)"
ANTIQUITES_CATALOGUE = "antiquites-catalogue.com, 'Poinçon de l'argenterie : authentifier un objet en argent' (2014)"
SILBERSUITE = (
    "Silbersuite, 'Französische Silbermarken 1798 bis 1809' (silbersuite.de): standing cockerel with 1 for 950, "
    "walking cockerel with 2 for 800, the number right of the cockerel for Paris and left for the departments"
)
CHARMANTIQUES = "Charm Antiques, 'How to identify French sterling silver' (charmantiques.net)"
ANTICJEWELS = "anticjewels.free.fr, 'Histoire du poinçon' (chart of French marks and their years)"
OSPREY_RHINO = "M. Fieggen, 'Le poinçon rhinocéros est votre ami' (osprey.fr, Osprey Paris)"
OSPREY_EAR = "M. Fieggen, '040. Right ear hallmark surrounded by a border' (osprey.fr/en)"
FORUM_925 = "925-1000.com forum, thread 'spoon, 18. cent' (reading Tardy for the 1798–1809 and 1809 marks)"
SILVER_LUG = "Silver Lug, 'Stamping non-British silverware' (silver-lug.com)"
COMPRO_ORO = "compro-oro-e-argento.it, 'L'or d'occasion et les poinçons'"
CGI_522 = (
    "Code général des impôts, art. 522 (version in force since 1 January 2005): gold 999, 916, 750, 585, 375; "
    "silver 999, 925, 800; platinum 999, 950, 900, 850; no negative tolerance (legifrance, via lexbase.fr)"
)
LOI_94_6 = (
    "Loi n° 94-6 du 4 janvier 1994 (garantie des métaux précieux), art. 3 inserting CGI art. 522 bis on "
    "the 585 and 375 gold titles (legal.tricoteuses.fr)"
)
CGI_1979 = (
    "Code général des impôts, version in force on 1 July 1979: a piece found below the lowest legal title is "
    "assayed again on request and then broken in its owner's presence (legifrance)"
)
VENTE_ACHAT_OR = "vente-achat-or.org, 'La garantie et les poinçons des bijoux en France' (marks in force since 2009)"
ERIC_NION = "Éric Nion, 'Le poinçon, à quoi sert-il ?' (ericnion.com)"
LEGEMMOLOGUE = "Le Gemmologue, 'Les poinçons de garantie du platine' (legemmologue.com, 2014)"
COMMENT_SUR_TOUT = "comment-sur-tout.fr, 'Le poinçon, une marque d'authenticité sur les ouvrages en métaux précieux'"
MONALISA = "Maison Mona Lisa, 'Comprendre les poinçons' (monalisa.paris)"

# --- United Kingdom and Ireland -------------------------------------------------------------
ASSAY_OFFICE_BIRMINGHAM = "Birmingham Assay Office, 'Current and Historic Assay Offices' (theassayoffice.com)"
COX = "Cox & Son, 'Assay Offices' (coxandson.co.uk)"
ARCHAEOLOGICAL_JOURNAL = (
    "'On the assay marks on gold and silver plate', Archaeological Journal vol. 9 (1852), pp. 315–316 "
    "(en.wikisource.org)"
)
CHAFFERS = (
    "W. Chaffers, Hall Marks on Gold & Silver Plate (facsimile at yumpu.com), 'The Standard' and 'The Leopard's Head'"
)
UK_HISTORY = (
    "summary of UK hallmarking history, 'Antiques' (investguiding.com): leopard's head uncrowned and lion "
    "passant no longer guardant 1822; 22 carat 1844; 9, 12 and 15 carat 1854; duty mark withdrawn 1890; "
    "12 and 15 carat replaced by 14 carat 1932; platinum orb with the Hallmarking Act 1973 in force 1975"
)
PARKIN_GERRISH = "Parkin & Gerrish, 'Gold standards through the ages' (parkinandgerrish.com)"
SPOONS = "antiquesilverspoons.co.uk, 'Assay Offices' (duty mark 1784–1890; Dublin recognised until 1923)"
SILVER_HALLMARKS = "'Silver hallmarks', Wikipedia (mirrored at wikimili.com): Britannia standard compulsory 1697–1720"
HMC_UK = (
    "Hallmarking Convention, country profile 'United Kingdom': platinum 999, 950, 900, 850; gold 999, 990, 916, "
    "750, 585, 375; palladium 999, 950, 500; silver 999, 958, 925, 800 (hallmarkingconvention.org)"
)
HALLMARKING_ACT = (
    "Hallmarking Act 1973 as amended (compulsory sponsor's, fineness and assay office marks since 1 January 1999)"
)
PALLADIUM_2010 = (
    "UK assay offices via mybubbaandme.com: palladium hallmark voluntary from July 2009, compulsory from 1 January 2010"
)
COMMEMORATIVE_2021 = (
    "Assay Offices of the UK, 'New Platinum Jubilee Commemorative Mark Announced' (assayoffice.co.uk, "
    "6 October 2021): 1934–1935, 1953–1954, 1977, 1999–2000, 2002, 2012 and the 2022 orb"
)
ANTIQUES_TRADE_GAZETTE = "Antiques Trade Gazette, 'Make your royal mark: royal commemorative hallmarks' (June 2022)"
GRAND_AUCTIONS = "Grand Auctions, 'British and Irish Commemorative Hallmarks' (1973 bicentenary marks)"
HERSEY = "Hersey & Son, 'Diamond Jubilee Commemorative Hallmark' (1 July 2011 to 1 October 2012)"
CORONATION_2023 = "Bovey Tracey Town Council, 'King Charles III Coronation Commemorative Hallmark' (2023)"

# --- the Hallmarking Convention -------------------------------------------------------------
CONVENTION_TEXT = (
    "Convention on the Control and Marking of Articles of Precious Metals, Vienna, 15 November 1972, in force "
    "27 June 1975 (text at vestnesis.lv; Irish Treaty Series 2009 No. 18)"
)
CONVENTION_BROCHURE = (
    "Hallmarking Convention brochure (2014, pdfslide.net): Austria 1975, Cyprus 2007, Czech Republic 1994, "
    "Denmark 1988, Finland 1975, Hungary 2006, Ireland 1983, Israel 2005, Latvia 2004, Lithuania 2004, "
    "Netherlands 1999, Norway 1983, Poland 2005, Portugal 1982, Slovak Republic 2007, Slovenia 2009, Sweden 1975, "
    "Switzerland 1975, United Kingdom 1976"
)
HMC_BACKGROUND = "Hallmarking Convention, 'About: background' (hallmarkingconvention.org): Croatia among the members"
HMC_MEMBERS_2018 = "Hallmarking Convention, 'Members and Observers': 20 Contracting States as of 19 March 2018"
IRISH_TREATY = (
    "Irish Treaty Series 2009 No. 18: accession deposited 8 August 1983, in force for Ireland 8 November 1983"
)
VERDRAGEN = "Dutch treaty database, verdragen.nl treaty 004489: in force for the Netherlands 16 July 1999"
HMC_SURVEY_2012 = (
    "Hallmarking Convention, 'New Survey on Standards of Finenesses' (20 November 2012): Pt 950, Au 750, Au 585, "
    "Ag 925 and Ag 800 are legal in every Contracting State"
)
CONTRASTARIA = "Contrastaria (Portuguese assay office), 'Common control mark': scales and fineness in a frame per metal"
HELPAOI = "helpaoi.blogspot.com, 'What is the universal precious metal marking system?' (2011)"
HMC_INTRODUCTION = (
    "Hallmarking Convention, 'Role and functions': palladium recently introduced, not accepted everywhere"
)

# --- other jurisdictions ----------------------------------------------------------------------
SWISS_LAW = (
    "Swiss Precious Metals Control Act (SR 941.31) art. 7 (every part at least the stated fineness) and "
    "Ordinance (SR 941.311) art. 46; Federal Office for Customs and Border Security, 'Goods traffic' (bazg.admin.ch)"
)
SWISS_MARK = (
    "Pierre DeRoche manual citing Swiss rules (St Bernard's head since 1 August 1995); theiaao.com 'Switzerland'"
)
ITALY = (
    "D.Lgs. 22 maggio 1999 n. 251 art. 3, as set out by the Camere di commercio (milomb.camcom.it, "
    "irpiniasannio.camcom.it) and Taliano & Acquaviva, I Compro Oro (a titre between two legal titres is marked "
    "with the lower: gold 690 is marked 585)"
)
WAARBORG_1986 = (
    "WaarborgHolland, 'Hallmarking Act (abstract)', art. 1 of the Waarborgwet 1986: platinum 950; gold 916, 833, "
    "750, 585; silver 925, 835, 800; no negative tolerance (hallmarking.com)"
)
SWEDAC = (
    "SWEDAC, 'Articles of precious metal' (Info 08:12): at least gold 375, silver 800, platinum 850, palladium 500; "
    "the fineness mark states the content in parts per thousand"
)
TUKES = (
    "Tukes, 'Fineness requirements' (tukes.fi): at least platinum 500, gold 375, palladium 500, silver 800; "
    "a mark may not exceed the content (gold 588 is marked 585, gold 584 is marked 375)"
)
US_STAMPING_ACT = (
    "National Gold and Silver Stamping Act, 15 U.S.C. §295 as amended by Pub. L. 94-450 (1976, in force "
    "1 October 1981): 3 parts per thousand below the mark for the part tested without solder, 7 for the whole "
    "article with its solder (3 for watchcases and flatware) (checkoutapi.com/uscode; Plumb Club)"
)
FTC_GUIDES = (
    "FTC Guides for the Jewelry, Precious Metals, and Pewter Industries, 16 CFR Part 23 (revised 16 August 2018), "
    "§23.3 gold and §23.6 silver (925 for 'sterling', 900 for 'coin')"
)
STRUCK_MARKS = (
    "the fineness numbers struck in the jurisdictions of this library, with 417 for the American 10 karat and 830 "
    "and 900 for Nordic and American silver"
)
