"""Offer templates of coworking spaces, funders, networks and others: texts as (nl, fr, en)."""

from __future__ import annotations

from demo.offers import OfferTemplate

SUPPORT_OFFERS: dict[str, OfferTemplate] = {
    # --- coworking ------------------------------------------------------------------------
    "hot-desk": OfferTemplate(
        "coworking",
        (),
        ("in_person",),
        (
            "Flexplek in de gedeelde werkruimte",
            "Poste flexible en espace partagé",
            "Hot desk in the shared space",
        ),
        (
            "Een bureau in een lichte ruimte in {place}, met snelle wifi, koffie en een keuken. "
            "Kom wanneer het je past.",
            "Un bureau dans un espace lumineux à {place}, avec wifi rapide, café et cuisine. "
            "Venez quand cela vous arrange.",
            "A desk in a bright space in {place}, with fast wifi, coffee and a kitchen. Come "
            "whenever it suits you.",
        ),
        (
            "€ 15 per dag of € 180 per maand",
            "15 € par jour ou 180 € par mois",
            "€15 a day or €180 a month",
        ),
    ),
    "fixed-desk": OfferTemplate(
        "coworking",
        (),
        ("in_person",),
        ("Vaste werkplek met kast", "Bureau fixe avec rangement", None),
        (
            "Je eigen bureau, een afsluitbare kast en een postadres, met toegang zeven dagen op "
            "zeven.",
            "Votre bureau attitré, une armoire qui ferme et une adresse postale, accessible sept "
            "jours sur sept.",
            None,
        ),
        ("€ 240 per maand", "240 € par mois", None),
    ),
    "studio-space": OfferTemplate(
        "coworking",
        ("ceramics", "furniture-making", "visual-arts"),
        ("in_person",),
        ("Atelierruimte voor makers", "Ateliers pour artisans et artistes", None),
        (
            "Ateliers van 20 tot 60 m² met krachtstroom, een gedeelde werkplaats en een oven. "
            "Ideaal voor keramisten, meubelmakers en beeldend kunstenaars.",
            "Ateliers de 20 à 60 m² avec force motrice, un atelier commun et un four. Idéal pour "
            "céramistes, ébénistes et plasticiens.",
            None,
        ),
        ("vanaf € 150 per maand", "à partir de 150 € par mois", None),
    ),
    "meeting-room": OfferTemplate(
        "coworking",
        ("workshop-facilitation",),
        ("in_person", "collective"),
        (
            "Vergader- en workshopruimte te huur",
            "Salle de réunion et d'atelier à louer",
            "Meeting and workshop room to rent",
        ),
        (
            "Een zaal voor 12 tot 30 personen met projector en flipcharts, per uur of per dag.",
            "Une salle de 12 à 30 personnes avec projecteur et tableaux, à l'heure ou à la "
            "journée.",
            "A room for 12 to 30 people with projector and flip charts, by the hour or the day.",
        ),
        ("€ 25 per uur", "25 € de l'heure", "€25 an hour"),
    ),
    "photo-studio": OfferTemplate(
        "coworking",
        ("photography", "product-photography"),
        ("in_person",),
        ("Gedeelde fotostudio", "Studio photo partagé", None),
        (
            "Een volledig uitgeruste studio met flitsen, achtergronden en een kleedruimte, te "
            "reserveren per halve dag.",
            "Un studio entièrement équipé avec flashs, fonds et loge, à réserver par demi-journée.",
            None,
        ),
        ("€ 40 per halve dag", "40 € la demi-journée", None),
    ),
    # --- funding --------------------------------------------------------------------------
    "microloan": OfferTemplate(
        "funding",
        ("cash-flow-management", "business-planning"),
        ("individual",),
        ("Microkrediet tot € 15.000", "Microcrédit jusqu'à 15 000 €", "Microloans up to €15,000"),
        (
            "Een lening voor wie bij de bank niet terechtkan, met begeleiding tijdens de eerste "
            "twee jaar.",
            "Un prêt pour qui n'obtient pas de crédit bancaire, avec un accompagnement pendant "
            "les deux premières années.",
            "A loan for people the bank turns down, with support during the first two years.",
        ),
        ("rente 3 %", "taux de 3 %", "3% interest"),
    ),
    "project-grant": OfferTemplate(
        "funding",
        ("grant-writing", "fundraising"),
        ("online",),
        ("Projectbeurs voor creatieve projecten", "Bourse pour projets créatifs", None),
        (
            "Beurzen tot € 5.000 voor een nieuw project van een zelfstandige maker. Twee "
            "oproepen per jaar.",
            "Des bourses jusqu'à 5 000 € pour un nouveau projet d'un créateur indépendant. Deux "
            "appels par an.",
            None,
        ),
    ),
    "crowdfunding-coaching": OfferTemplate(
        "funding",
        ("crowdfunding", "video-production"),
        ("collective", "online"),
        (
            "Begeleiding bij je crowdfundingcampagne",
            "Accompagnement au financement participatif",
            "Crowdfunding campaign coaching",
        ),
        (
            "Van doelbedrag en tegenprestaties tot de video en de communicatie tijdens de "
            "campagne.",
            "Du montant visé et des contreparties jusqu'à la vidéo et la communication pendant "
            "la campagne.",
            "From target amount and rewards to the video and communication during the campaign.",
        ),
        ("5 % van het opgehaalde bedrag", "5 % du montant récolté", "5% of the amount raised"),
    ),
    "green-investment": OfferTemplate(
        "funding",
        ("sustainability-consulting", "circular-economy"),
        ("individual",),
        ("Premie voor duurzaam materiaal", "Prime à l'investissement durable", None),
        (
            "Tot 40 % terugbetaald op gereedschap, machines of een bakfiets die je activiteit "
            "duurzamer maken.",
            "Jusqu'à 40 % remboursés sur l'outillage, les machines ou le vélo cargo qui rendent "
            "votre activité plus durable.",
            None,
        ),
    ),
    # --- network --------------------------------------------------------------------------
    "network-evening": OfferTemplate(
        "network",
        ("networking", "pitching"),
        ("collective", "in_person"),
        (
            "Maandelijkse netwerkavond",
            "Afterwork mensuel des indépendants",
            "Monthly freelancers' drinks",
        ),
        (
            "Elke laatste donderdag van de maand: drie korte pitches, daarna tijd om bij te "
            "praten.",
            "Chaque dernier jeudi du mois : trois courts pitchs, puis du temps pour échanger.",
            "Every last Thursday of the month: three short pitches, then time to talk.",
        ),
    ),
    "peer-group": OfferTemplate(
        "network",
        ("peer-supervision", "mentoring"),
        ("collective", "in_person"),
        ("Intervisiegroep voor zelfstandigen", "Groupe d'intervision entre indépendants", None),
        (
            "Zes collega's, één casus per avond: je leert van elkaars vragen rond klanten, "
            "prijzen en grenzen.",
            "Six pairs, un cas par soirée : on apprend des questions des autres sur les clients, "
            "les prix et les limites.",
            None,
        ),
        ("€ 10 per sessie", "10 € par séance", None),
    ),
    "mentoring-programme": OfferTemplate(
        "network",
        ("mentoring", "business-coaching"),
        ("individual", "online", "in_person"),
        (
            "Meter- en peterschap voor starters",
            "Parrainage pour jeunes indépendants",
            "Mentoring for new freelancers",
        ),
        (
            "We koppelen je een jaar lang aan een ervaren zelfstandige uit je sector.",
            "Nous vous mettons en lien pendant un an avec un indépendant expérimenté de votre "
            "secteur.",
            "We pair you for a year with an experienced freelancer from your field.",
        ),
    ),
    "makers-market": OfferTemplate(
        "network",
        ("sales", "networking"),
        ("collective", "in_person"),
        (
            "Collectieve stand op makersmarkten",
            "Stand collectif sur les marchés de créateurs",
            None,
        ),
        (
            "Samen met andere makers sta je op de grote markten van het jaar, zonder alleen de "
            "hele dag te moeten bemannen.",
            "Avec d'autres créateurs, vous êtes présents sur les grands marchés de l'année sans "
            "devoir tenir le stand seul toute la journée.",
            None,
        ),
        ("€ 20 per markt", "20 € par marché", None),
    ),
    # --- other ----------------------------------------------------------------------------
    "fab-lab": OfferTemplate(
        "other",
        ("digital-fabrication", "3d-modelling"),
        ("in_person", "collective"),
        (
            "Open fablab: lasersnijder en 3D-printers",
            "Fablab ouvert : découpe laser et imprimantes 3D",
            None,
        ),
        (
            "Elke woensdag en zaterdag open, met begeleiding voor wie de machines nog niet kent.",
            "Ouvert le mercredi et le samedi, avec un accompagnement pour qui découvre les "
            "machines.",
            None,
        ),
        ("€ 10 per halve dag", "10 € la demi-journée", None),
    ),
    "equipment-library": OfferTemplate(
        "other",
        ("stage-technique", "sound-engineering"),
        ("in_person",),
        (
            "Uitleendienst voor licht, geluid en gereedschap",
            "Prêt de matériel son, lumière et outillage",
            None,
        ),
        (
            "Leden lenen materiaal voor een voorstelling of een klus, tegen een kleine waarborg.",
            "Les membres empruntent du matériel pour un spectacle ou un chantier, contre une "
            "petite caution.",
            None,
        ),
    ),
    "mail-address": OfferTemplate(
        "other",
        ("administration",),
        ("in_person",),
        ("Domicilie en postbus", "Domiciliation et boîte aux lettres", None),
        (
            "Een zakelijk adres in {place} en we bewaren je post tot je langskomt.",
            "Une adresse professionnelle à {place} ; nous gardons votre courrier jusqu'à votre "
            "passage.",
            None,
        ),
        ("€ 20 per maand", "20 € par mois", None),
    ),
}
