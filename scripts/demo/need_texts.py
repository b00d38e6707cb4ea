"""What demo members ask for: need templates with skills, modes and texts as (nl, fr, en).

``sectors`` lists the sectors of the members who would ask this (empty: anyone).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NeedTemplate:
    skills: tuple[str, ...]
    modes: tuple[str, ...]
    sectors: tuple[str, ...]
    title: tuple[str, str, str]
    body: tuple[str, str, str]


NEEDS: tuple[NeedTemplate, ...] = (
    NeedTemplate(
        ("pricing", "quoting"),
        ("online", "individual"),
        (),
        (
            "Hulp gezocht bij het berekenen van mijn uurtarief",
            "Besoin d'aide pour calculer mon taux horaire",
            "Help working out my hourly rate",
        ),
        (
            "Ik werk nu een jaar als zelfstandige en merk dat mijn prijzen te laag liggen. Wie "
            "wil een uurtje met me naar mijn kosten en uren kijken?",
            "Je travaille à mon compte depuis un an et je constate que mes prix sont trop bas. "
            "Qui accepterait de regarder une heure avec moi mes frais et mes heures ?",
            "I have been freelancing for a year and my prices are clearly too low. Would someone "
            "spend an hour with me going through my costs and hours?",
        ),
    ),
    NeedTemplate(
        ("vat", "invoicing", "international-business"),
        ("online",),
        (),
        (
            "Btw op een factuur voor een klant in Frankrijk",
            "TVA sur une facture pour un client aux Pays-Bas",
            "VAT on an invoice for a client in France",
        ),
        (
            "Ik heb mijn eerste buitenlandse klant. Moet ik btw aanrekenen, en wat zet ik dan "
            "precies op de factuur?",
            "J'ai mon premier client à l'étranger. Dois-je facturer la TVA, et que faut-il "
            "indiquer exactement sur la facture ?",
            "I have my first client abroad. Do I charge VAT, and what exactly goes on the invoice?",
        ),
    ),
    NeedTemplate(
        ("bookkeeping", "spreadsheets"),
        ("online", "collective"),
        (),
        (
            "Welk boekhoudprogramma voor een kleine activiteit?",
            "Quel logiciel de comptabilité pour une petite activité ?",
            "Which bookkeeping software for a small business?",
        ),
        (
            "Ik hou alles bij in een rekenblad, maar dat wordt onoverzichtelijk. Welke tools "
            "gebruiken jullie, en wat kost dat per jaar?",
            "Je tiens tout dans un tableur mais ça devient ingérable. Quels outils utilisez-vous, "
            "et combien cela coûte-t-il par an ?",
            "I keep everything in a spreadsheet but it is getting messy. Which tools do you use, "
            "and what do they cost per year?",
        ),
    ),
    NeedTemplate(
        ("web-design", "wordpress"),
        ("online", "individual"),
        ("arts", "design", "media", "crafts"),
        (
            "Iemand die mijn portfoliowebsite kan vernieuwen",
            "Quelqu'un pour refaire mon site portfolio",
            "Someone to redo my portfolio website",
        ),
        (
            "Mijn website is tien jaar oud en werkt slecht op een smartphone. Ik zoek iemand die "
            "hem eenvoudig vernieuwt, zodat ik zelf nieuwe projecten kan toevoegen.",
            "Mon site a dix ans et s'affiche mal sur smartphone. Je cherche quelqu'un pour le "
            "refaire simplement, afin que je puisse ajouter mes projets moi-même.",
            "My website is ten years old and looks bad on a phone. I am looking for someone to "
            "rebuild it simply so I can add new projects myself.",
        ),
    ),
    NeedTemplate(
        ("product-photography",),
        ("in_person", "individual"),
        ("crafts", "design"),
        (
            "Fotograaf gezocht voor productfoto's van mijn collectie",
            "Photographe pour les photos de ma collection",
            "Photographer wanted for product shots of my collection",
        ),
        (
            "Voor mijn webshop heb ik een dertigtal stukken die goed in beeld moeten komen. Liefst "
            "iemand in de buurt, zodat ik niet alles moet verzenden.",
            "Pour ma boutique en ligne, j'ai une trentaine de pièces à photographier. Idéalement "
            "quelqu'un pas trop loin, pour éviter de tout envoyer.",
            "I have around thirty pieces for my online shop that need good photos. Ideally "
            "someone nearby so I do not have to ship everything.",
        ),
    ),
    NeedTemplate(
        ("translation", "localisation"),
        ("online",),
        (),
        (
            "Vertaling van mijn website naar het Frans",
            "Traduction de mon site en néerlandais",
            "Dutch and French translation of my website",
        ),
        (
            "Het gaat om een tiental pagina's en een paar productfiches. Ik zoek een vertaler die "
            "ook let op de toon, niet alleen op de woorden.",
            "Il s'agit d'une dizaine de pages et de quelques fiches produits. Je cherche un "
            "traducteur attentif au ton, pas seulement aux mots.",
            "About ten pages and a few product sheets. I am looking for a translator who cares "
            "about tone, not only words.",
        ),
    ),
    NeedTemplate(
        ("grant-writing", "proofreading"),
        ("online", "individual"),
        ("arts", "events"),
        (
            "Meelezer gezocht voor een subsidiedossier",
            "Relecture d'un dossier de demande de subside",
            "Second reader for a grant application",
        ),
        (
            "De deadline is over drie weken. Wie heeft ervaring met projectsubsidies en wil mijn "
            "tekst kritisch nalezen?",
            "La date limite est dans trois semaines. Quelqu'un qui connaît les subsides de projet "
            "accepterait-il de relire mon texte d'un œil critique ?",
            "The deadline is in three weeks. Has anyone got experience with project grants and "
            "time to give my text a critical read?",
        ),
    ),
    NeedTemplate(
        ("contracts", "intellectual-property"),
        ("online", "individual"),
        (),
        (
            "Contract nakijken voor een grote opdracht",
            "Faire relire un contrat pour une grosse commande",
            "Checking a contract for a large assignment",
        ),
        (
            "Een bedrijf stuurde me een contract van twaalf pagina's, met een clausule over "
            "auteursrechten die ik niet goed begrijp. Wie kan meekijken?",
            "Une entreprise m'a envoyé un contrat de douze pages avec une clause sur les droits "
            "d'auteur que je comprends mal. Qui peut y jeter un œil ?",
            "A company sent me a twelve-page contract with a copyright clause I do not fully "
            "understand. Could someone have a look?",
        ),
    ),
    NeedTemplate(
        ("mentoring", "business-coaching"),
        ("individual", "in_person"),
        (),
        (
            "Op zoek naar een mentor voor mijn eerste jaar",
            "À la recherche d'une marraine ou d'un parrain pour ma première année",
            "Looking for a mentor for my first year",
        ),
        (
            "Ik ben net gestart en zou graag af en toe sparren met iemand die het al langer doet, "
            "over klanten, planning en twijfels.",
            "Je viens de me lancer et j'aimerais échanger de temps en temps avec quelqu'un "
            "d'expérimenté, sur les clients, l'organisation et les doutes.",
            "I have just started and would like to talk now and then with someone more "
            "experienced, about clients, planning and doubts.",
        ),
    ),
    NeedTemplate(
        ("workshop-facilitation",),
        ("in_person", "collective"),
        ("training", "care", "arts"),
        (
            "Ruimte gezocht om een workshop te geven",
            "Cherche une salle pour animer un atelier",
            "Looking for a room to run a workshop",
        ),
        (
            "Voor een reeks van vier avonden met een twaalftal deelnemers zoek ik een betaalbare "
            "ruimte {place_in}, liefst met een keuken.",
            "Pour un cycle de quatre soirées avec une douzaine de participants, je cherche une "
            "salle abordable {place_in}, idéalement avec cuisine.",
            "For a series of four evenings with about twelve people I need an affordable room "
            "{place_in}, ideally with a kitchen.",
        ),
    ),
    NeedTemplate(
        ("sound-engineering", "stage-technique"),
        ("in_person", "collective"),
        ("events", "arts"),
        (
            "Geluidstechnicus gezocht voor een klein buurtfestival",
            "Technicien son pour un petit festival de quartier",
            "Sound engineer wanted for a small neighbourhood festival",
        ),
        (
            "Eén dag, twee podia en een beperkt budget. Wie heeft zin om mee te werken of kent "
            "iemand?",
            "Une journée, deux scènes et un budget serré. Quelqu'un est partant ou connaît "
            "quelqu'un ?",
            "One day, two stages and a tight budget. Anyone up for it, or know someone who is?",
        ),
    ),
    NeedTemplate(
        ("social-media", "content-marketing"),
        ("online", "collective"),
        (),
        (
            "Sociale media zonder er al mijn tijd in te steken",
            "Les réseaux sociaux sans y passer tout mon temps",
            "Social media without it eating all my time",
        ),
        (
            "Ik post onregelmatig en zonder plan. Hoe organiseren jullie dat, en is er iemand die "
            "me op weg wil zetten?",
            "Je publie de façon irrégulière et sans plan. Comment vous organisez-vous, et "
            "quelqu'un voudrait-il me mettre sur la voie ?",
            "I post irregularly and without a plan. How do you organise it, and would someone "
            "help me get started?",
        ),
    ),
    NeedTemplate(
        ("credit-control", "invoicing"),
        ("online", "individual"),
        (),
        (
            "Klant betaalt al drie maanden niet",
            "Un client ne paie pas depuis trois mois",
            "A client has not paid for three months",
        ),
        (
            "Herinneringen blijven onbeantwoord. Wat zijn de volgende stappen, en wanneer schakel "
            "je best een incassobureau of advocaat in?",
            "Mes rappels restent sans réponse. Quelles sont les étapes suivantes, et quand faut-il "
            "passer par un huissier ou un avocat ?",
            "My reminders go unanswered. What are the next steps, and when is it worth bringing "
            "in a collection agency or a lawyer?",
        ),
    ),
    NeedTemplate(
        ("illustration", "publishing"),
        ("online", "individual"),
        ("arts", "design"),
        (
            "Illustrator gezocht voor een kinderboek",
            "Cherche illustrateur ou illustratrice pour un livre jeunesse",
            "Illustrator wanted for a children's book",
        ),
        (
            "Ik heb een verhaal klaar en een uitgever die interesse toont. Nu zoek ik iemand die "
            "de wereld ervan wil tekenen.",
            "J'ai une histoire terminée et un éditeur intéressé. Je cherche maintenant quelqu'un "
            "pour dessiner son univers.",
            "I have a finished story and an interested publisher. Now I am looking for someone to "
            "draw its world.",
        ),
    ),
    NeedTemplate(
        ("accessibility", "e-commerce"),
        ("online",),
        ("digital", "crafts", "design"),
        (
            "Toegankelijkheid van mijn webshop laten testen",
            "Faire tester l'accessibilité de ma boutique en ligne",
            "Accessibility check for my online shop",
        ),
        (
            "Een klant met een visuele beperking geraakte niet door mijn bestelproces. Wie kan "
            "testen wat er misloopt en hoe ik het oplos?",
            "Une cliente malvoyante n'a pas pu aller au bout de sa commande. Qui peut tester ce "
            "qui coince et m'expliquer comment corriger ?",
            "A customer with a visual impairment could not complete an order. Who can test what "
            "goes wrong and how to fix it?",
        ),
    ),
    NeedTemplate(
        ("gdpr", "administration"),
        ("online",),
        (),
        (
            "Hoe ga ik correct om met klantgegevens?",
            "Comment gérer correctement les données de mes clients ?",
            "Handling client data properly",
        ),
        (
            "Ik bewaar adressen en soms gezondheidsinfo van klanten. Wat moet ik doen om in orde "
            "te zijn met de GDPR?",
            "Je conserve les adresses et parfois des informations de santé de mes clients. Que "
            "dois-je faire pour être en ordre avec le RGPD ?",
            "I keep clients' addresses and sometimes health information. What do I need to do to "
            "comply with the GDPR?",
        ),
    ),
    NeedTemplate(
        ("video-production", "video-editing"),
        ("in_person", "individual"),
        ("care", "training", "consulting"),
        (
            "Korte video om mijn aanbod voor te stellen",
            "Une courte vidéo pour présenter mon activité",
            "A short video to present what I do",
        ),
        (
            "Ik zoek iemand die een filmpje van twee minuten maakt voor mijn website, met een "
            "eerlijk budget.",
            "Je cherche quelqu'un pour réaliser une vidéo de deux minutes pour mon site, pour un "
            "budget raisonnable.",
            "I am looking for someone to make a two-minute film for my website, on a fair budget.",
        ),
    ),
    NeedTemplate(
        ("pitching", "public-speaking"),
        ("in_person", "individual"),
        (),
        (
            "Oefenen voor een pitch voor een jury",
            "M'entraîner pour un pitch devant un jury",
            "Practising a pitch for a jury",
        ),
        (
            "Volgende maand moet ik mijn project voorstellen in vijf minuten. Wie wil me feedback "
            "geven op een proefversie?",
            "Le mois prochain, je dois présenter mon projet en cinq minutes. Qui veut bien me "
            "faire un retour sur une répétition ?",
            "Next month I have five minutes to present my project. Who would give me feedback on "
            "a rehearsal?",
        ),
    ),
    NeedTemplate(
        ("crowdfunding", "fundraising"),
        ("online", "collective"),
        ("crafts", "arts"),
        (
            "Ervaring met crowdfunding voor een atelier?",
            "Une expérience de financement participatif pour un atelier ?",
            "Experience with crowdfunding a workshop space?",
        ),
        (
            "Ik wil een oven en werkbanken financieren via een campagne. Wie heeft dat al gedaan "
            "en wil vertellen wat werkte?",
            "Je voudrais financer un four et des établis par une campagne. Qui l'a déjà fait et "
            "peut raconter ce qui a marché ?",
            "I want to fund a kiln and workbenches through a campaign. Who has done this and can "
            "tell me what worked?",
        ),
    ),
    NeedTemplate(
        ("negotiation", "time-management"),
        ("collective", "in_person"),
        (),
        (
            "Grenzen stellen bij klanten: hoe doen jullie dat?",
            "Poser des limites avec les clients : comment faites-vous ?",
            "Setting boundaries with clients: how do you do it?",
        ),
        (
            "Klanten sturen me 's avonds en in het weekend berichten en verwachten meteen "
            "antwoord. Ik zoek ervaringen en misschien een intervisiegroep.",
            "Des clients m'écrivent le soir et le week-end en attendant une réponse immédiate. Je "
            "cherche des retours d'expérience, peut-être un groupe d'intervision.",
            "Clients message me in the evening and at weekends and expect an answer straight "
            "away. I am looking for experiences, maybe a peer group.",
        ),
    ),
    NeedTemplate(
        ("tax-basics", "bookkeeping"),
        ("online", "individual"),
        (),
        (
            "Eerste belastingaangifte als zelfstandige",
            "Première déclaration fiscale à titre indépendant",
            "My first Belgian tax return as a freelancer",
        ),
        (
            "Welke kosten mag ik inbrengen en hoe zit het met de voorafbetalingen? Ik zou graag "
            "eens samen door mijn cijfers gaan.",
            "Quels frais puis-je déduire et comment fonctionnent les versements anticipés ? "
            "J'aimerais passer mes chiffres en revue avec quelqu'un.",
            "Which costs can I deduct and how do advance payments work? I would like to go "
            "through my numbers with someone.",
        ),
    ),
    NeedTemplate(
        ("spreadsheets", "data-analysis"),
        ("online", "individual"),
        ("crafts", "other", "events"),
        (
            "Hulp bij een rekenblad voor mijn voorraad en verkoop",
            "Aide pour un tableur de stock et de ventes",
            "Help with a spreadsheet for stock and sales",
        ),
        (
            "Ik verkoop op markten en online en verlies het overzicht. Wie helpt me een eenvoudig "
            "bestand op te zetten?",
            "Je vends sur les marchés et en ligne et je perds le fil. Qui m'aide à monter un "
            "fichier simple ?",
            "I sell at markets and online and keep losing track. Who can help me set up a "
            "simple file?",
        ),
    ),
)
