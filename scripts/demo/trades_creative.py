"""Trades of the arts, design, media, digital and events sectors (texts as nl, fr, en)."""

from __future__ import annotations

from demo.vocabulary import Trade

CREATIVE_TRADES: dict[str, list[Trade]] = {
    "arts": [
        Trade(
            "visual-artist",
            ("beeldend kunstenaar", "artiste plasticien|artiste plasticienne", "visual artist"),
            ("visual-arts", "painting", "printmaking", "sculpture"),
            ("art-education", "curating", "exhibition-installation", "grant-writing"),
            (
                "Ik schilder, maak grafiek en neem opdrachten aan voor publieke en private "
                "ruimtes.",
                "Je peins, je grave et je réalise des œuvres de commande pour des lieux publics "
                "et privés.",
                "I paint, make prints and take on commissions for public and private spaces.",
            ),
        ),
        Trade(
            "musician",
            ("muzikant", "musicien|musicienne", "musician"),
            ("live-music", "music-composition", "singing", "music-teaching"),
            ("audio-recording", "booking-touring", "grant-writing", "arts-management"),
            (
                "Ik speel in twee groepen, schrijf muziek voor theater en geef les aan "
                "volwassenen.",
                "Je joue dans deux groupes, je compose pour le théâtre et je donne cours à des "
                "adultes.",
                "I play in two bands, write music for theatre and teach adults.",
            ),
        ),
        Trade(
            "theatre-maker",
            ("theatermaker", "comédien|comédienne", "theatre maker"),
            ("acting", "theatre-directing", "storytelling", "voice-over"),
            ("art-education", "scriptwriting", "cultural-mediation", "presenting"),
            (
                "Ik speel, regisseer kleine voorstellingen en begeleid theaterateliers met "
                "jongeren.",
                "Je joue, je mets en scène de petites formes et j'anime des ateliers de théâtre "
                "avec des jeunes.",
                "I act, direct small-scale shows and run theatre workshops with young people.",
            ),
        ),
        Trade(
            "dancer",
            (
                "danser en choreograaf",
                "danseur et chorégraphe|danseuse et chorégraphe",
                "dancer and choreographer",
            ),
            ("dance", "choreography", "dance-teaching"),
            ("circus-arts", "art-education", "arts-management", "grant-writing"),
            (
                "Ik maak voorstellingen voor kleine zalen en de publieke ruimte en geef les in "
                "hedendaagse dans.",
                "Je crée des spectacles pour petites salles et espace public, et je donne cours "
                "de danse contemporaine.",
                "I create pieces for small venues and public space and teach contemporary dance.",
            ),
        ),
        Trade(
            "writer",
            ("auteur", "auteur|autrice", "writer"),
            ("creative-writing", "storytelling", "publishing", "scriptwriting"),
            ("ghostwriting", "proofreading", "art-education", "grant-writing"),
            (
                "Ik schrijf verhalen en jeugdboeken en geef schrijfworkshops in bibliotheken.",
                "J'écris des nouvelles et des livres jeunesse et j'anime des ateliers d'écriture "
                "en bibliothèque.",
                "I write short stories and children's books and run writing workshops in "
                "libraries.",
            ),
        ),
    ],
    "design": [
        Trade(
            "graphic-designer",
            ("grafisch vormgever", "graphiste", "graphic designer"),
            ("graphic-design", "logo-design", "branding", "layout", "typography"),
            ("art-direction", "packaging-design", "web-design", "illustration"),
            (
                "Ik ontwerp huisstijlen, affiches en jaarverslagen, van het eerste schetsje tot "
                "het drukklare bestand.",
                "Je crée des identités visuelles, des affiches et des rapports annuels, du premier "
                "croquis au fichier prêt à imprimer.",
                "I design visual identities, posters and annual reports, from first sketch to "
                "print-ready file.",
            ),
        ),
        Trade(
            "illustrator",
            ("illustrator", "illustrateur|illustratrice", "illustrator"),
            ("illustration", "comics", "graphic-design", "calligraphy"),
            ("publishing", "art-education", "animation", "intellectual-property"),
            (
                "Ik teken voor kinderboeken, magazines en campagnes, met potlood, inkt en op "
                "de tablet.",
                "Je dessine pour des livres jeunesse, des magazines et des campagnes, au crayon, "
                "à l'encre et sur tablette.",
                "I draw for children's books, magazines and campaigns, in pencil, ink and on a "
                "tablet.",
            ),
        ),
        Trade(
            "interior-designer",
            ("interieurontwerper", "architecte d'intérieur", "interior designer"),
            ("interior-design", "home-staging", "technical-drawing", "concept-development"),
            ("window-dressing", "eco-building", "3d-modelling", "renovation"),
            (
                "Ik richt woningen, winkels en kantoren in, met veel aandacht voor licht en "
                "hergebruik.",
                "J'aménage des logements, des commerces et des bureaux, avec une attention "
                "particulière à la lumière et au réemploi.",
                "I design homes, shops and offices, with close attention to light and reuse.",
            ),
        ),
        Trade(
            "fashion-designer",
            ("modeontwerper", "styliste", "fashion designer"),
            ("fashion-design", "tailoring", "textile-art", "upcycling"),
            ("image-consulting", "e-commerce", "costume-design", "product-photography"),
            (
                "Ik ontwerp een kleine, lokaal gemaakte collectie en maak stukken op maat.",
                "Je dessine une petite collection fabriquée localement et je réalise des pièces "
                "sur mesure.",
                "I design a small, locally made collection and make pieces to measure.",
            ),
        ),
        Trade(
            "product-designer",
            ("productontwerper", "designer produit", "product designer"),
            ("product-design", "digital-fabrication", "3d-modelling", "packaging-design"),
            ("circular-economy", "concept-development", "technical-drawing", "user-research"),
            (
                "Ik ontwikkel meubels en gebruiksvoorwerpen en bouw de prototypes zelf in een "
                "fablab.",
                "Je conçois du mobilier et des objets du quotidien et je fabrique moi-même les "
                "prototypes dans un fablab.",
                "I develop furniture and everyday objects and build the prototypes myself in a "
                "fab lab.",
            ),
        ),
    ],
    "media": [
        Trade(
            "photographer",
            ("fotograaf", "photographe", "photographer"),
            (
                "photography",
                "portrait-photography",
                "event-photography",
                "product-photography",
                "photo-editing",
            ),
            ("wedding-photography", "drone-filming", "intellectual-property", "video-editing"),
            (
                "Ik fotografeer mensen, evenementen en producten, in de studio en op locatie.",
                "Je photographie des personnes, des événements et des produits, en studio et en "
                "extérieur.",
                "I photograph people, events and products, in the studio and on location.",
            ),
        ),
        Trade(
            "video-maker",
            ("videomaker", "vidéaste", "video maker"),
            ("video-production", "video-editing", "camera-operation", "film-directing"),
            ("animation", "drone-filming", "live-streaming", "subtitling"),
            (
                "Ik maak korte documentaires, bedrijfsfilms en aftermovies, van draaiboek tot "
                "montage.",
                "Je réalise des courts documentaires, des films d'entreprise et des aftermovies, "
                "du scénario au montage.",
                "I make short documentaries, corporate films and aftermovies, from script to edit.",
            ),
        ),
        Trade(
            "sound-engineer",
            ("geluidstechnicus", "ingénieur du son|ingénieure du son", "sound engineer"),
            ("audio-recording", "mixing-mastering", "sound-design", "music-production"),
            ("podcasting", "sound-engineering", "voice-over", "live-streaming"),
            (
                "Ik neem muziek en podcasts op in mijn kleine studio en mix voor film en theater.",
                "J'enregistre de la musique et des podcasts dans mon petit studio et je mixe pour "
                "le cinéma et le théâtre.",
                "I record music and podcasts in my small studio and mix for film and theatre.",
            ),
        ),
        Trade(
            "journalist",
            (
                "freelance journalist",
                "journaliste indépendant|journaliste indépendante",
                "freelance journalist",
            ),
            ("journalism", "web-writing", "podcasting", "proofreading"),
            ("press-relations", "photography", "plain-language", "transcription"),
            (
                "Ik schrijf reportages over werk, wonen en de buurt voor kranten en online "
                "magazines.",
                "J'écris des reportages sur le travail, le logement et la vie de quartier pour la "
                "presse écrite et en ligne.",
                "I write features on work, housing and neighbourhood life for newspapers and "
                "online magazines.",
            ),
        ),
        Trade(
            "animator",
            (
                "animator en motion designer",
                "animateur 2D/3D|animatrice 2D/3D",
                "animator and motion designer",
            ),
            ("animation", "3d-modelling", "illustration", "video-editing"),
            ("game-development", "vr-ar", "sound-design", "storytelling"),
            (
                "Ik maak animaties en uitlegfilmpjes die een ingewikkeld verhaal eenvoudig maken.",
                "Je réalise des animations et des vidéos explicatives qui rendent simple une "
                "histoire compliquée.",
                "I make animations and explainer videos that make a complicated story simple.",
            ),
        ),
    ],
    "digital": [
        Trade(
            "web-developer",
            ("webontwikkelaar", "développeur web|développeuse web", "web developer"),
            (
                "web-development",
                "front-end-development",
                "back-end-development",
                "wordpress",
                "databases",
            ),
            ("accessibility", "seo", "devops-cloud", "e-commerce"),
            (
                "Ik bouw websites en webapplicaties die snel, toegankelijk en goed onderhoudbaar "
                "zijn.",
                "Je développe des sites et des applications web rapides, accessibles et faciles à "
                "maintenir.",
                "I build websites and web applications that are fast, accessible and easy to "
                "maintain.",
            ),
        ),
        Trade(
            "ux-designer",
            ("UX-designer", "designer UX", "UX designer"),
            ("ux-design", "ui-design", "user-research", "web-design"),
            ("accessibility", "product-management", "workshop-facilitation", "plain-language"),
            (
                "Ik praat met gebruikers, test prototypes en ontwerp schermen die mensen echt "
                "begrijpen.",
                "Je rencontre les utilisateurs, je teste des prototypes et je dessine des "
                "interfaces que les gens comprennent vraiment.",
                "I talk to users, test prototypes and design screens that people really "
                "understand.",
            ),
        ),
        Trade(
            "data-analyst",
            ("data-analist", "analyste de données", "data analyst"),
            ("data-analysis", "data-visualisation", "spreadsheets", "business-intelligence"),
            ("data-science", "databases", "automation", "training-delivery"),
            (
                "Ik zet ruwe cijfers om in dashboards en rapporten waarmee een team beslissingen "
                "kan nemen.",
                "Je transforme des chiffres bruts en tableaux de bord et en rapports qui aident "
                "une équipe à décider.",
                "I turn raw numbers into dashboards and reports that help a team make decisions.",
            ),
        ),
        Trade(
            "digital-marketer",
            (
                "digital marketeer",
                "consultant en marketing digital|consultante en marketing digital",
                "digital marketer",
            ),
            ("seo", "online-advertising", "email-marketing", "content-marketing", "web-analytics"),
            ("social-media", "community-management", "copywriting", "marketing"),
            (
                "Ik help kleine organisaties gevonden worden online, met een plan dat past bij "
                "hun budget.",
                "J'aide de petites structures à être trouvées en ligne, avec un plan adapté à "
                "leur budget.",
                "I help small organisations get found online, with a plan that fits their budget.",
            ),
        ),
        Trade(
            "sysadmin",
            ("IT-beheerder", "administrateur système|administratrice système", "IT administrator"),
            ("it-support", "system-administration", "cybersecurity", "devops-cloud"),
            ("digital-skills-training", "gdpr", "automation", "databases"),
            (
                "Ik beheer de computers, netwerken en back-ups van kleine kantoren en vzw's.",
                "Je gère les ordinateurs, les réseaux et les sauvegardes de petits bureaux et "
                "d'ASBL.",
                "I look after the computers, networks and back-ups of small offices and "
                "non-profits.",
            ),
        ),
        Trade(
            "no-code-builder",
            (
                "no-code-ontwikkelaar",
                "développeur no-code|développeuse no-code",
                "no-code developer",
            ),
            ("no-code", "automation", "e-commerce", "wordpress"),
            ("generative-ai", "digital-skills-training", "project-management", "spreadsheets"),
            (
                "Ik automatiseer repetitief werk en bouw webshops en interne tools zonder zware "
                "ontwikkeling.",
                "J'automatise les tâches répétitives et je construis des boutiques en ligne et "
                "des outils internes sans gros développement.",
                "I automate repetitive work and build online shops and internal tools without "
                "heavy development.",
            ),
        ),
    ],
    "events": [
        Trade(
            "event-organiser",
            (
                "evenementenorganisator",
                "organisateur d'événements|organisatrice d'événements",
                "event organiser",
            ),
            ("event-management", "conference-organisation", "wedding-planning", "event-decoration"),
            ("budgeting", "volunteer-coordination", "negotiation", "teambuilding"),
            (
                "Ik organiseer congressen, personeelsfeesten en huwelijken, van budget tot "
                "afbraak.",
                "J'organise des congrès, des fêtes du personnel et des mariages, du budget au "
                "démontage.",
                "I organise conferences, staff parties and weddings, from budget to breakdown.",
            ),
        ),
        Trade(
            "stage-technician",
            ("podiumtechnicus", "technicien de scène|technicienne de scène", "stage technician"),
            ("stage-technique", "lighting-design", "sound-engineering", "stage-management"),
            ("set-building", "production-management", "first-aid", "live-streaming"),
            (
                "Ik zorg voor licht en geluid bij voorstellingen, concerten en festivals.",
                "Je m'occupe de la lumière et du son pour des spectacles, des concerts et des "
                "festivals.",
                "I handle light and sound for shows, concerts and festivals.",
            ),
        ),
        Trade(
            "production-manager",
            ("productieleider", "chargé de production|chargée de production", "production manager"),
            ("production-management", "arts-management", "booking-touring", "festival-production"),
            ("grant-writing", "budgeting", "contracts", "arts-programming"),
            (
                "Ik begeleid gezelschappen bij subsidiedossiers, tournees en de zakelijke kant "
                "van hun werk.",
                "J'accompagne des compagnies pour leurs dossiers de subsides, leurs tournées et "
                "le volet administratif.",
                "I support companies with grant applications, tours and the business side of "
                "their work.",
            ),
        ),
        Trade(
            "caterer",
            ("traiteur", "traiteur", "caterer"),
            ("catering", "cooking", "bartending", "event-hosting"),
            ("baking", "quoting", "nutrition", "cooking-classes"),
            (
                "Ik kook seizoensgebonden en vegetarisch voor recepties, seminaries en feesten.",
                "Je cuisine de saison et végétarien pour des réceptions, des séminaires et des "
                "fêtes.",
                "I cook seasonal, vegetarian food for receptions, seminars and parties.",
            ),
        ),
        Trade(
            "tour-guide",
            (
                "gids en cultuurbemiddelaar",
                "guide et médiateur culturel|guide et médiatrice culturelle",
                "tour guide",
            ),
            ("guided-tours", "cultural-mediation", "heritage", "storytelling"),
            ("presenting", "teambuilding", "language-teaching", "event-hosting"),
            (
                "Ik geef stadswandelingen en rondleidingen in musea, voor scholen en groepen.",
                "Je propose des balades urbaines et des visites de musées pour des écoles et des "
                "groupes.",
                "I lead city walks and museum tours for schools and groups.",
            ),
        ),
        Trade(
            "scenographer",
            ("scenograaf", "scénographe", "set designer"),
            ("set-design", "set-building", "costume-design", "exhibition-installation"),
            ("lighting-design", "curating", "technical-drawing", "upcycling"),
            (
                "Ik ontwerp en bouw decors voor theater, tentoonstellingen en events, zoveel "
                "mogelijk met hergebruikt materiaal.",
                "Je conçois et construis des décors pour le théâtre, les expositions et les "
                "événements, autant que possible en matériaux de réemploi.",
                "I design and build sets for theatre, exhibitions and events, with reused "
                "materials wherever I can.",
            ),
        ),
    ],
}
