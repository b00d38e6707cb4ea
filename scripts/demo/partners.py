"""The 30 demo partners (invented organisations in real towns) and their 80 offers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from demo.offers import FREE
from demo.offers_learning import LEARNING_OFFERS
from demo.offers_support import SUPPORT_OFFERS
from demo.places import Gazetteer, in_place
from demo.skills import Taxonomy
from demo.text import ascii_slug
from demo.vocabulary import LANG_INDEX

OFFERS = {**LEARNING_OFFERS, **SUPPORT_OFFERS}
#: Offers of these kinds may run between dates; the others are ongoing.
DATED_KINDS = ("training", "network", "funding")
DATED_OFFERS = 20
ENDED_OFFERS = 5


@dataclass(frozen=True)
class PartnerSpec:
    name: str
    lang: str  # the language of its texts
    town: str  # GeoNames name
    description: str
    offers: tuple[str, ...]
    offer_languages: tuple[str, ...] = ()  # besides ``lang``


PARTNERS: tuple[PartnerSpec, ...] = (
    # Flanders
    PartnerSpec(
        "Werkplaats De Hefboom",
        "nl",
        "Gent",
        "Een oude drukkerij aan de Dampoort, omgebouwd tot gedeelde werkplaats voor makers en "
        "zelfstandigen. Je vindt er bureaus, ateliers en een grote werkzaal.",
        ("hot-desk", "studio-space", "meeting-room"),
    ),
    PartnerSpec(
        "Coworking Het Pakhuis",
        "nl",
        "Antwerp",
        "Coworking in een gerenoveerd havenpakhuis op het Eilandje, met een vaste kern van "
        "freelancers uit de creatieve en digitale sector.",
        ("hot-desk", "fixed-desk", "network-evening"),
        ("en",),
    ),
    PartnerSpec(
        "Starterspunt Leuven",
        "nl",
        "Leuven",
        "Het Starterspunt helpt wie in de regio Leuven een zelfstandige activiteit begint, "
        "van het eerste idee tot de eerste factuur.",
        ("starter-meeting", "financial-plan", "marketing-advice"),
    ),
    PartnerSpec(
        "Vormingshuis Dijlevallei",
        "nl",
        "Mechelen",
        "Vormingscentrum voor volwassenen met avond- en weekendcursussen rond ondernemen, "
        "digitale vaardigheden en communicatie.",
        ("bookkeeping-course", "social-media-course", "digital-basics"),
    ),
    PartnerSpec(
        "Ondernemersloket Brugge",
        "nl",
        "Brugge",
        "Het loket van de stad voor zelfstandigen en kleine ondernemingen: vergunningen, "
        "premies en een eerste advies.",
        ("starter-meeting", "vat-desk"),
    ),
    PartnerSpec(
        "Fonds Kleine Stappen",
        "nl",
        "Gent",
        "Een coöperatief fonds dat kleine leningen en campagnebegeleiding geeft aan "
        "zelfstandigen die bij de bank niet terechtkunnen.",
        ("microloan", "crowdfunding-coaching"),
    ),
    PartnerSpec(
        "Netwerk Zelfstandige Makers",
        "nl",
        "Kortrijk",
        "Een netwerk van ambachtslui, ontwerpers en kunstenaars in Zuid-West-Vlaanderen die "
        "samen verkopen, leren en materiaal delen.",
        ("makers-market", "peer-group", "network-evening"),
    ),
    PartnerSpec(
        "Atelierhuis De Kaai",
        "nl",
        "Ostend",
        "Ateliers en een fotostudio in een voormalige visloods, vlak bij de jachthaven.",
        ("studio-space", "photo-studio"),
    ),
    PartnerSpec(
        "Kenniscentrum Creatief Ondernemen Limburg",
        "nl",
        "Hasselt",
        "Informatie, vorming en advies voor kunstenaars en creatieve ondernemers in Limburg.",
        ("pricing-workshop", "contracts-course", "artist-advice"),
    ),
    PartnerSpec(
        "Leerwinkel Aalst",
        "nl",
        "Aalst",
        "Een laagdrempelige leerplek in het centrum waar zelfstandigen korte praktische "
        "opleidingen volgen.",
        ("wordpress-course", "product-photo-course", "ai-tools-course"),
    ),
    PartnerSpec(
        "Broedplaats Den Tuin",
        "nl",
        "Sint-Niklaas",
        "Werkplekken en een mentorprogramma voor starters in het Waasland, in een oud "
        "herenhuis met tuin.",
        ("hot-desk", "meeting-room", "mentoring-programme"),
    ),
    PartnerSpec(
        "Cultuurloket Kempen",
        "nl",
        "Turnhout",
        "Zakelijk advies en ondersteuning bij subsidies voor kunstenaars en culturele "
        "organisaties in de Kempen.",
        ("artist-advice", "grant-writing-course", "project-grant"),
    ),
    PartnerSpec(
        "Zorgnetwerk Zelfstandigen West",
        "nl",
        "Roeselare",
        "Een netwerk van zelfstandige zorgverleners, therapeuten en coaches die elkaar "
        "ondersteunen en doorverwijzen.",
        ("peer-group", "pitch-training"),
    ),
    PartnerSpec(
        "Maakbaar Fablab Genk",
        "nl",
        "Genk",
        "Een open werkplaats met digitale machines, gereedschap en technisch materiaal om "
        "te lenen.",
        ("fab-lab", "equipment-library"),
    ),
    # Wallonia
    PartnerSpec(
        "La Ruche Liégeoise",
        "fr",
        "Liège",
        "Un espace de coworking au cœur d'Outremeuse, ouvert aux indépendants, aux "
        "associations et aux créatifs.",
        ("hot-desk", "fixed-desk", "meeting-room"),
    ),
    PartnerSpec(
        "Centre de formation Meuse et Sambre",
        "fr",
        "Namur",
        "Centre de formation pour adultes proposant des modules courts sur la gestion d'une "
        "activité indépendante et le numérique.",
        ("bookkeeping-course", "wordpress-course", "digital-basics"),
    ),
    PartnerSpec(
        "Guichet des indépendants du Hainaut",
        "fr",
        "Mons",
        "Un guichet d'information et de conseil gratuit pour les indépendants et les porteurs "
        "de projet du Hainaut.",
        ("starter-meeting", "vat-desk", "legal-desk"),
    ),
    PartnerSpec(
        "Fonds Coup de Pouce",
        "fr",
        "Charleroi",
        "Un fonds solidaire qui finance les projets d'indépendants écartés du crédit "
        "bancaire et les investissements durables.",
        ("microloan", "green-investment"),
    ),
    PartnerSpec(
        "Réseau des créateurs du Brabant wallon",
        "fr",
        "Wavre",
        "Un réseau d'artisans, de designers et d'artistes qui se retrouvent chaque mois et "
        "vendent ensemble.",
        ("network-evening", "makers-market", "mentoring-programme"),
    ),
    PartnerSpec(
        "L'Atelier Partagé",
        "fr",
        "Tournai",
        "Des ateliers partagés et un fablab dans une ancienne filature, pour artisans et artistes.",
        ("studio-space", "fab-lab"),
    ),
    PartnerSpec(
        "Maison de l'Entreprendre Solidaire",
        "fr",
        "La Louvière",
        "Accompagnement d'indépendants et de coopératives : plan financier, prix et "
        "recherche de financement.",
        ("financial-plan", "crowdfunding-coaching", "pricing-workshop"),
    ),
    PartnerSpec(
        "Espace numérique de Verviers",
        "fr",
        "Verviers",
        "Un espace public numérique qui forme les indépendants aux outils en ligne, du réseau "
        "social à l'IA.",
        ("ai-tools-course", "social-media-course", "product-photo-course"),
    ),
    PartnerSpec(
        "Coopérative Terre et Bois",
        "fr",
        "Arlon",
        "Une coopérative d'artisans du bâtiment durable en province de Luxembourg, qui partage "
        "outils et expériences.",
        ("peer-group", "equipment-library"),
    ),
    PartnerSpec(
        "Incubateur culturel de Louvain-la-Neuve",
        "fr",
        "Louvain-la-Neuve",
        "Un incubateur pour jeunes artistes et compagnies : conseil, formation et bourses de "
        "projet.",
        ("artist-advice", "grant-writing-course", "project-grant"),
    ),
    # Brussels
    PartnerSpec(
        "Bureau bruxellois des indépendants",
        "fr",
        "Saint-Gilles",
        "Conseil gratuit et formations pour les indépendants bruxellois, en français et en "
        "néerlandais.",
        ("starter-meeting", "legal-desk", "contracts-course"),
        ("nl",),
    ),
    PartnerSpec(
        "Fabrique de Liens",
        "fr",
        "Schaerbeek",
        "Une association qui tisse des liens entre indépendants du quartier : afterworks, "
        "intervision et parrainage.",
        ("network-evening", "peer-group", "mentoring-programme"),
    ),
    PartnerSpec(
        "Coworking Canal",
        "fr",
        "Molenbeek-Saint-Jean",
        "Un coworking bilingue au bord du canal, avec studio photo et domiciliation pour les "
        "indépendants.",
        ("hot-desk", "photo-studio", "mail-address"),
        ("nl", "en"),
    ),
    PartnerSpec(
        "Huis van de Zelfstandige Brussel",
        "nl",
        "Brussels",
        "Infopunt en vormingsplek voor Nederlandstalige zelfstandigen in Brussel.",
        ("starter-meeting", "bookkeeping-course"),
        ("fr",),
    ),
    PartnerSpec(
        "Werkhuis Zenne",
        "nl",
        "Anderlecht",
        "Ateliers en een fablab in een oude brouwerij aan de Zenne, voor makers uit heel Brussel.",
        ("studio-space", "fab-lab"),
        ("fr",),
    ),
    PartnerSpec(
        "Brussels Freelance Hub",
        "en",
        "Ixelles",
        "An English-speaking community space for international freelancers in Brussels, "
        "with desks, a meeting room and monthly drinks.",
        ("hot-desk", "meeting-room", "network-evening"),
        ("fr", "nl"),
    ),
)


def offer_dates(rng: random.Random, count: int, reference: date) -> list[tuple[date, date]]:
    """``count`` (start, end) pairs: the first ENDED_OFFERS ended before ``reference``."""
    pairs = []
    for n in range(count):
        if n < ENDED_OFFERS:
            end = reference - timedelta(days=rng.randint(3, 60))
            start = end - timedelta(days=rng.randint(14, 90))
        elif n % 2:
            start = reference - timedelta(days=rng.randint(10, 60))
            end = reference + timedelta(days=rng.randint(30, 150))
        else:
            start = reference + timedelta(days=rng.randint(5, 120))
            end = start + timedelta(days=rng.randint(0, 90))
        pairs.append((start, end))
    return pairs


def make_partners(
    rng: random.Random, taxonomy: Taxonomy, gazetteer: Gazetteer, reference: date
) -> list[dict]:
    """The partner records of the bulk format, with their offers."""
    partners = []
    dated_candidates = []
    for spec in PARTNERS:
        town = gazetteer.town(spec.town)
        place = town.label(spec.lang)
        slug = ascii_slug(spec.name)
        offers = []
        for key in spec.offers:
            template = OFFERS[key]
            index = LANG_INDEX[spec.lang]
            title, description = template.title[index], template.description[index]
            if title is None or description is None:
                raise ValueError(f"offer {key!r} has no {spec.lang} text for {spec.name}")
            price = template.price[index] or FREE
            offer = {
                "title": title,
                "description": description.format(place=place, place_in=in_place(place, spec.lang)),
                "kind": template.kind,
                "modes": list(template.modes),
                "languages": [spec.lang, *spec.offer_languages],
                "skills": [taxonomy.label(skill, spec.lang) for skill in template.skills],
                "price": price,
            }
            offers.append(offer)
            if template.kind in DATED_KINDS:
                dated_candidates.append(offer)
        partners.append(
            {
                "name": spec.name,
                "description": spec.description,
                "place": place,
                "country": "BE",
                "website": f"https://{slug}.example",
                "email": f"contact@{slug}.example",
                "offers": offers,
            }
        )
    dated = rng.sample(dated_candidates, DATED_OFFERS)
    for offer, (start, end) in zip(dated, offer_dates(rng, DATED_OFFERS, reference), strict=True):
        offer["start"] = start.isoformat()
        offer["end"] = end.isoformat()
    return partners
