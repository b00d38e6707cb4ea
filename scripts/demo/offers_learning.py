"""Offer templates of training centres and advice desks: texts as (nl, fr, en)."""

from __future__ import annotations

from demo.offers import OfferTemplate

LEARNING_OFFERS: dict[str, OfferTemplate] = {
    # --- training -------------------------------------------------------------------------
    "bookkeeping-course": OfferTemplate(
        "training",
        ("bookkeeping", "invoicing", "vat"),
        ("collective", "in_person"),
        (
            "Boekhouding voor beginnende zelfstandigen",
            "La comptabilité pour indépendants débutants",
            "Bookkeeping for new freelancers",
        ),
        (
            "Drie avonden om je eigen boekhouding te begrijpen: facturen, btw-aangifte en een "
            "eenvoudig overzicht van je inkomsten en uitgaven.",
            "Trois soirées pour comprendre sa propre comptabilité : factures, déclaration TVA et "
            "un tableau simple des recettes et des dépenses.",
            "Three evenings to get to grips with your own books: invoices, VAT returns and a "
            "simple overview of income and expenses.",
        ),
        ("€ 60 voor de drie avonden", "60 € pour les trois soirées", "€60 for three evenings"),
    ),
    "pricing-workshop": OfferTemplate(
        "training",
        ("pricing", "quoting"),
        ("collective", "online"),
        (
            "Je prijs bepalen als creatieve ondernemer",
            "Fixer ses prix quand on est créatif",
            "Pricing your creative work",
        ),
        (
            "Een online workshop van twee uur: we rekenen samen je uurtarief uit, van je kosten "
            "en gewenst inkomen tot de uren die je echt kunt factureren.",
            "Un atelier en ligne de deux heures : on calcule ensemble votre taux horaire, de vos "
            "frais et du revenu visé jusqu'aux heures réellement facturables.",
            "A two-hour online workshop: together we work out your hourly rate, from your costs "
            "and target income to the hours you can really bill.",
        ),
    ),
    "social-media-course": OfferTemplate(
        "training",
        ("social-media", "content-marketing"),
        ("collective", "in_person"),
        ("Sociale media voor je zaak", "Les réseaux sociaux pour son activité", None),
        (
            "Je leert een haalbare planning maken, goede foto's posten en reageren op je "
            "volgers, zonder er elke dag uren in te steken.",
            "Apprenez à tenir un calendrier réaliste, publier de bonnes photos et répondre à votre "
            "communauté, sans y passer des heures chaque jour.",
            None,
        ),
        ("€ 25 per sessie", "25 € par séance", None),
    ),
    "wordpress-course": OfferTemplate(
        "training",
        ("wordpress", "web-design"),
        ("collective", "in_person"),
        ("Je eigen website met WordPress", "Créer son site avec WordPress", None),
        (
            "In vier halve dagen bouw je zelf een eenvoudige website voor je activiteit, met "
            "een portfolio en een contactformulier.",
            "En quatre demi-journées, vous construisez vous-même un site simple pour votre "
            "activité, avec portfolio et formulaire de contact.",
            None,
        ),
        ("€ 90 voor de reeks", "90 € pour le cycle", None),
    ),
    "pitch-training": OfferTemplate(
        "training",
        ("pitching", "public-speaking", "networking"),
        ("collective", "in_person"),
        ("Pitchen in drie minuten", "Pitcher son projet en trois minutes", None),
        (
            "Je schrijft en oefent een korte voorstelling van je werk en krijgt feedback van "
            "de groep en van een ervaren coach.",
            "Vous écrivez et répétez une présentation courte de votre travail, avec les retours "
            "du groupe et d'une coach expérimentée.",
            None,
        ),
    ),
    "grant-writing-course": OfferTemplate(
        "training",
        ("grant-writing", "fundraising"),
        ("collective", "online"),
        ("Subsidies aanvragen voor kunstenaars en vzw's", "Rédiger une demande de subside", None),
        (
            "Welke fondsen bestaan er, hoe lees je een reglement en hoe schrijf je een dossier "
            "dat een jury overtuigt? Met voorbeelden van geslaagde aanvragen.",
            "Quels fonds existent, comment lire un règlement et comment écrire un dossier qui "
            "convainc un jury ? Avec des exemples de demandes réussies.",
            None,
        ),
    ),
    "contracts-course": OfferTemplate(
        "training",
        ("contracts", "intellectual-property"),
        ("collective", "online"),
        (
            "Contracten en auteursrecht voor freelancers",
            "Contrats et droit d'auteur pour indépendants",
            "Contracts and copyright for freelancers",
        ),
        (
            "Een jurist overloopt de clausules die je moet kennen: betalingstermijnen, "
            "aansprakelijkheid en de overdracht van auteursrechten.",
            "Une juriste passe en revue les clauses à connaître : délais de paiement, "
            "responsabilité et cession de droits d'auteur.",
            "A lawyer walks you through the clauses you need to know: payment terms, liability "
            "and the transfer of copyright.",
        ),
        ("€ 15", "15 €", "€15"),
    ),
    "product-photo-course": OfferTemplate(
        "training",
        ("product-photography", "photo-editing"),
        ("collective", "in_person"),
        ("Productfoto's met je smartphone", "Photographier ses produits au smartphone", None),
        (
            "Licht, achtergrond en nabewerking: na deze namiddag maak je zelf mooie foto's voor "
            "je webshop.",
            "Lumière, fond et retouche : après cet après-midi, vous réalisez vous-même de belles "
            "photos pour votre boutique en ligne.",
            None,
        ),
        ("€ 35", "35 €", None),
    ),
    "digital-basics": OfferTemplate(
        "training",
        ("digital-skills-training", "spreadsheets", "gdpr"),
        ("collective", "in_person"),
        ("Digitale basis voor zelfstandigen", "Les bases du numérique pour indépendants", None),
        (
            "Mails ordenen, een rekenblad voor je cijfers, veilige wachtwoorden en wat de GDPR "
            "van jou vraagt: in kleine groepen en in je eigen tempo.",
            "Organiser ses e-mails, un tableur pour ses chiffres, des mots de passe sûrs et ce "
            "que le RGPD vous demande : en petits groupes, à votre rythme.",
            None,
        ),
    ),
    "ai-tools-course": OfferTemplate(
        "training",
        ("generative-ai", "automation"),
        ("collective", "online"),
        (
            "Slim werken met AI-tools",
            "Travailler avec les outils d'IA générative",
            "Working with generative AI tools",
        ),
        (
            "Wat kunnen AI-tools wel en niet voor je teksten, beelden en administratie, en waar "
            "let je op voor privacy en auteursrecht?",
            "Ce que les outils d'IA peuvent faire ou non pour vos textes, vos images et votre "
            "administratif, et les points d'attention pour la vie privée et le droit d'auteur.",
            "What AI tools can and cannot do for your writing, images and admin, and what to "
            "watch for on privacy and copyright.",
        ),
        ("€ 40", "40 €", "€40"),
    ),
    # --- advice ---------------------------------------------------------------------------
    "starter-meeting": OfferTemplate(
        "advice",
        ("business-planning", "tax-basics"),
        ("individual", "in_person", "online"),
        (
            "Gratis startersgesprek",
            "Premier entretien pour porteurs de projet",
            "Free start-up consultation",
        ),
        (
            "Een uur met een adviseur over je idee: statuut, verzekeringen, eerste klanten en "
            "de stappen die je nu moet zetten.",
            "Une heure avec un conseiller sur votre idée : statut, assurances, premiers clients "
            "et les prochaines étapes.",
            "An hour with an adviser about your idea: status, insurance, first clients and the "
            "steps to take now.",
        ),
    ),
    "legal-desk": OfferTemplate(
        "advice",
        ("contracts", "intellectual-property", "gdpr"),
        ("individual", "in_person"),
        ("Juridisch spreekuur voor zelfstandigen", "Permanence juridique pour indépendants", None),
        (
            "Elke eerste dinsdag van de maand kun je zonder afspraak terecht met vragen over "
            "contracten, auteursrecht en privacy.",
            "Chaque premier mardi du mois, sans rendez-vous, pour vos questions de contrats, de "
            "droit d'auteur et de vie privée.",
            None,
        ),
    ),
    "financial-plan": OfferTemplate(
        "advice",
        ("business-planning", "cash-flow-management", "budgeting"),
        ("individual", "online"),
        ("Begeleiding bij je financieel plan", "Accompagnement pour votre plan financier", None),
        (
            "Drie gesprekken om een begroting, een cashflowplan en een realistische omzet op te "
            "stellen.",
            "Trois rendez-vous pour établir un budget, un plan de trésorerie et un chiffre "
            "d'affaires réaliste.",
            None,
        ),
        ("€ 50 per gesprek", "50 € par rendez-vous", None),
    ),
    "vat-desk": OfferTemplate(
        "advice",
        ("vat", "invoicing", "tax-basics"),
        ("individual", "online"),
        ("Btw-spreekuur", "Permanence TVA et facturation", None),
        (
            "Vragen over je btw-plicht, de vrijstellingsregeling of een factuur naar het "
            "buitenland? Een fiscalist helpt je verder.",
            "Une question sur l'assujettissement, la franchise de TVA ou une facture vers "
            "l'étranger ? Un fiscaliste vous répond.",
            None,
        ),
    ),
    "marketing-advice": OfferTemplate(
        "advice",
        ("marketing", "personal-branding", "prospecting"),
        ("individual", "online"),
        (
            "Advies over je marketingplan",
            "Conseil pour votre plan marketing",
            "Advice on your marketing plan",
        ),
        (
            "Samen bekijken we wie je klanten zijn, waar je hen vindt en welke boodschap werkt.",
            "Ensemble, nous regardons qui sont vos clients, où les trouver et quel message "
            "fonctionne.",
            "Together we look at who your clients are, where to find them and which message works.",
        ),
        ("€ 45 per sessie", "45 € par séance", "€45 a session"),
    ),
    "artist-advice": OfferTemplate(
        "advice",
        ("arts-management", "contracts", "booking-touring"),
        ("individual", "in_person"),
        ("Zakelijk advies voor kunstenaars", "Conseil pour artistes et compagnies", None),
        (
            "Over contracten, auteursrechten, spreiding en subsidies voor je artistieke werk.",
            "Sur les contrats, les droits d'auteur, la diffusion et les subsides pour votre "
            "travail artistique.",
            None,
        ),
    ),
}
