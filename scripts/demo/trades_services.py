"""Trades of the training, consulting, crafts, care and other sectors (texts as nl, fr, en)."""

from __future__ import annotations

from demo.vocabulary import Trade

SERVICE_TRADES: dict[str, list[Trade]] = {
    "training": [
        Trade(
            "trainer",
            ("trainer", "formateur|formatrice", "trainer"),
            ("training-design", "training-delivery", "workshop-facilitation", "e-learning"),
            ("public-speaking", "digital-skills-training", "plain-language", "coaching"),
            (
                "Ik ontwerp en geef opleidingen voor volwassenen, in de zaal en online.",
                "Je conçois et j'anime des formations pour adultes, en présentiel et à distance.",
                "I design and deliver training for adults, in the room and online.",
            ),
        ),
        Trade(
            "career-coach",
            ("loopbaancoach", "coach en orientation professionnelle", "career coach"),
            ("career-coaching", "coaching", "business-coaching", "peer-supervision"),
            ("nonviolent-communication", "mentoring", "personal-branding", "workplace-wellbeing"),
            (
                "Ik begeleid mensen die hun werk willen heruitvinden of als zelfstandige willen "
                "starten.",
                "J'accompagne des personnes qui veulent réinventer leur travail ou se lancer comme "
                "indépendantes.",
                "I guide people who want to reinvent their work or start out as freelancers.",
            ),
        ),
        Trade(
            "language-teacher",
            ("taaldocent", "professeur de langues|professeure de langues", "language teacher"),
            ("language-teaching", "private-tutoring", "translation", "e-learning"),
            ("interpreting", "proofreading", "plain-language", "training-design"),
            (
                "Ik geef Nederlands, Frans en Engels aan volwassenen, individueel en in kleine "
                "groepen.",
                "Je donne cours de français, de néerlandais et d'anglais à des adultes, en "
                "individuel et en petits groupes.",
                "I teach Dutch, French and English to adults, one to one and in small groups.",
            ),
        ),
        Trade(
            "mediator",
            ("bemiddelaar", "médiateur|médiatrice", "mediator"),
            ("mediation", "conflict-management", "nonviolent-communication", "team-coaching"),
            ("workshop-facilitation", "peer-supervision", "governance", "participation"),
            (
                "Ik help teams, buren en vennoten om vastgelopen gesprekken weer op gang te "
                "krijgen.",
                "J'aide des équipes, des voisins et des associés à renouer un dialogue bloqué.",
                "I help teams, neighbours and business partners restart conversations that have "
                "stalled.",
            ),
        ),
        Trade(
            "cooking-teacher",
            ("kookdocent", "professeur de cuisine|professeure de cuisine", "cooking teacher"),
            ("cooking-classes", "cooking", "nutrition", "baking"),
            ("teambuilding", "catering", "workshop-facilitation", "youth-activities"),
            (
                "Ik geef kookworkshops rond seizoensgroenten, zuinig koken en wereldkeukens.",
                "J'anime des ateliers de cuisine autour des légumes de saison, de la cuisine "
                "économique et des cuisines du monde.",
                "I run cooking workshops on seasonal vegetables, cooking on a budget and world "
                "cuisines.",
            ),
        ),
    ],
    "consulting": [
        Trade(
            "business-advisor",
            (
                "ondernemingsadviseur",
                "conseiller en gestion|conseillère en gestion",
                "business adviser",
            ),
            (
                "strategy-consulting",
                "business-planning",
                "financial-consulting",
                "cooperative-entrepreneurship",
            ),
            ("pricing", "cash-flow-management", "mentoring", "business-coaching"),
            (
                "Ik help zelfstandigen en kleine ondernemingen een realistisch plan en een "
                "gezonde prijs te maken.",
                "J'aide des indépendants et de petites entreprises à bâtir un plan réaliste et un "
                "prix juste.",
                "I help freelancers and small businesses build a realistic plan and a sound price.",
            ),
        ),
        Trade(
            "bookkeeper",
            ("boekhouder", "comptable", "bookkeeper"),
            ("bookkeeping", "invoicing", "vat", "tax-basics", "cash-flow-management"),
            ("pricing", "credit-control", "spreadsheets", "administration"),
            (
                "Ik hou de boeken bij van zelfstandigen en vzw's en leg graag uit wat de cijfers "
                "betekenen.",
                "Je tiens la comptabilité d'indépendants et d'ASBL et j'aime expliquer ce que "
                "disent les chiffres.",
                "I keep the books for freelancers and non-profits and like explaining what the "
                "numbers mean.",
            ),
        ),
        Trade(
            "sustainability-advisor",
            (
                "duurzaamheidsadviseur",
                "conseiller en durabilité|conseillère en durabilité",
                "sustainability adviser",
            ),
            ("sustainability-consulting", "circular-economy", "energy-consulting", "evaluation"),
            ("policy-advice", "research", "grant-writing", "eco-building"),
            (
                "Ik meet de impact van organisaties en zoek samen met hen haalbare stappen naar "
                "minder afval en energie.",
                "Je mesure l'impact des organisations et je cherche avec elles des étapes "
                "réalistes vers moins de déchets et d'énergie.",
                "I measure the impact of organisations and work out feasible steps with them "
                "towards less waste and energy.",
            ),
        ),
        Trade(
            "org-developer",
            (
                "organisatieadviseur",
                "consultant en organisation|consultante en organisation",
                "organisational consultant",
            ),
            ("organisational-development", "change-management", "hr-consulting", "team-coaching"),
            ("recruitment", "workplace-wellbeing", "governance", "workshop-facilitation"),
            (
                "Ik begeleid organisaties die groeien of veranderen, met aandacht voor de mensen "
                "die het werk doen.",
                "J'accompagne des organisations qui grandissent ou changent, en restant attentif "
                "aux personnes qui font le travail.",
                "I support organisations that grow or change, with attention to the people who "
                "do the work.",
            ),
        ),
        Trade(
            "researcher",
            (
                "onderzoeker",
                "chercheur indépendant|chercheuse indépendante",
                "independent researcher",
            ),
            ("research", "evaluation", "participation", "policy-advice"),
            ("data-analysis", "market-research", "plain-language", "urban-planning"),
            (
                "Ik doe kwalitatief onderzoek en evaluaties voor overheden en het middenveld.",
                "Je mène des recherches qualitatives et des évaluations pour les pouvoirs publics "
                "et le secteur associatif.",
                "I carry out qualitative research and evaluations for public bodies and civil "
                "society.",
            ),
        ),
        Trade(
            "nonprofit-manager",
            ("vzw-coördinator", "gestionnaire d'ASBL", "non-profit manager"),
            ("nonprofit-management", "fundraising", "grant-writing", "governance"),
            ("crowdfunding", "volunteer-coordination", "public-procurement", "budgeting"),
            (
                "Ik help vzw's met subsidiedossiers, fondsenwerving en een bestuur dat werkt.",
                "J'aide des ASBL à monter leurs dossiers de subsides, à trouver des fonds et à "
                "faire vivre leur conseil d'administration.",
                "I help non-profits with grant applications, fundraising and a board that works.",
            ),
        ),
    ],
    "crafts": [
        Trade(
            "furniture-maker",
            ("meubelmaker", "ébéniste", "furniture maker"),
            ("furniture-making", "carpentry", "furniture-restoration"),
            ("digital-fabrication", "technical-drawing", "quoting", "upholstery"),
            (
                "Ik maak meubels op maat in massief hout en herstel oude stukken.",
                "Je fabrique des meubles sur mesure en bois massif et je restaure des pièces "
                "anciennes.",
                "I make made-to-measure furniture in solid wood and restore old pieces.",
            ),
        ),
        Trade(
            "eco-builder",
            (
                "renovatie-aannemer",
                "artisan en rénovation|artisane en rénovation",
                "renovation builder",
            ),
            ("renovation", "eco-building", "plastering", "masonry", "tiling"),
            ("quoting", "energy-consulting", "flooring", "solar-installation"),
            (
                "Ik renoveer oude huizen met natuurlijke materialen zoals leem, kalk en hout.",
                "Je rénove des maisons anciennes avec des matériaux naturels comme la terre, la "
                "chaux et le bois.",
                "I renovate old houses with natural materials such as clay, lime and wood.",
            ),
        ),
        Trade(
            "ceramicist",
            ("keramist", "céramiste", "ceramicist"),
            ("ceramics", "glass-art", "sculpture"),
            ("art-education", "e-commerce", "workshop-facilitation", "product-photography"),
            (
                "Ik draai servies voor restaurants en particulieren en geef draailessen in mijn "
                "atelier.",
                "Je tourne de la vaisselle pour des restaurants et des particuliers et je donne "
                "des cours de tournage dans mon atelier.",
                "I throw tableware for restaurants and private clients and teach pottery in my "
                "studio.",
            ),
        ),
        Trade(
            "gardener",
            ("tuinaanlegger", "jardinier paysagiste|jardinière paysagiste", "gardener"),
            ("gardening", "permaculture", "floristry"),
            ("eco-building", "youth-activities", "quoting", "workshop-facilitation"),
            (
                "Ik leg ecologische tuinen en moestuinen aan en onderhoud ze het hele jaar door.",
                "J'aménage des jardins écologiques et des potagers et je les entretiens toute "
                "l'année.",
                "I lay out wildlife-friendly gardens and vegetable plots and look after them all "
                "year round.",
            ),
        ),
        Trade(
            "tailor",
            ("kleermaker", "couturier|couturière", "tailor"),
            ("tailoring", "textile-art", "leatherwork", "upcycling"),
            ("costume-design", "fashion-design", "workshop-facilitation", "e-commerce"),
            (
                "Ik maak kledij op maat, doe herstellingen en geef naailessen.",
                "Je fais des vêtements sur mesure, des retouches et je donne des cours de couture.",
                "I make clothes to measure, do alterations and teach sewing.",
            ),
        ),
        Trade(
            "bicycle-mechanic",
            ("fietsenmaker", "mécanicien vélo|mécanicienne vélo", "bicycle mechanic"),
            ("bicycle-repair", "electronics", "metalwork", "upcycling"),
            ("digital-fabrication", "workshop-facilitation", "youth-activities"),
            (
                "Ik herstel fietsen en bakfietsen aan huis en geef herstelateliers in de buurt.",
                "Je répare des vélos et des vélos cargos à domicile et j'anime des ateliers de "
                "réparation dans le quartier.",
                "I repair bikes and cargo bikes at people's homes and run repair workshops in the "
                "neighbourhood.",
            ),
        ),
        Trade(
            "jeweller",
            ("juweelontwerper", "créateur de bijoux|créatrice de bijoux", "jewellery maker"),
            ("jewellery-making", "metalwork", "glass-art"),
            ("e-commerce", "product-photography", "social-media", "intellectual-property"),
            (
                "Ik maak juwelen in gerecycleerd zilver en verkoop ze online en op markten.",
                "Je crée des bijoux en argent recyclé que je vends en ligne et sur les marchés.",
                "I make jewellery in recycled silver and sell it online and at markets.",
            ),
        ),
        Trade(
            "baker",
            ("bakker", "boulanger|boulangère", "baker"),
            ("baking", "cooking", "catering"),
            ("nutrition", "cooking-classes", "e-commerce", "quoting"),
            (
                "Ik bak zuurdesembrood en taarten voor buurtwinkels en bestellingen.",
                "Je fais du pain au levain et des gâteaux pour des épiceries de quartier et sur "
                "commande.",
                "I bake sourdough bread and cakes for local shops and to order.",
            ),
        ),
    ],
    "care": [
        Trade(
            "yoga-teacher",
            ("yogadocent", "professeur de yoga|professeure de yoga", "yoga teacher"),
            ("yoga-teaching", "meditation", "pilates", "tai-chi"),
            ("workplace-wellbeing", "personal-training", "first-aid"),
            (
                "Ik geef yoga- en meditatielessen in kleine groepen en op de werkvloer.",
                "Je donne des cours de yoga et de méditation en petits groupes et en entreprise.",
                "I teach yoga and meditation in small groups and in workplaces.",
            ),
        ),
        Trade(
            "massage-therapist",
            ("massagetherapeut", "masseur|masseuse", "massage therapist"),
            ("massage", "reflexology", "sophrology", "energy-healing"),
            ("meditation", "workplace-wellbeing", "first-aid"),
            (
                "Ik ontvang mensen in mijn praktijk voor ontspannende en herstellende massages.",
                "Je reçois dans mon cabinet pour des massages de détente et de récupération.",
                "I welcome people in my practice for relaxing and restorative massages.",
            ),
        ),
        Trade(
            "counsellor",
            (
                "psychosociaal begeleider",
                "accompagnateur psychosocial|accompagnatrice psychosociale",
                "counsellor",
            ),
            ("counselling", "art-therapy", "parenting-support", "nonviolent-communication"),
            ("coaching", "peer-supervision", "mediation"),
            (
                "Ik begeleid volwassenen en jongeren die het even moeilijk hebben, ook met "
                "beeldend werk.",
                "J'accompagne des adultes et des jeunes qui traversent une période difficile, "
                "aussi par le travail créatif.",
                "I support adults and young people going through a hard time, sometimes through "
                "art work.",
            ),
        ),
        Trade(
            "youth-worker",
            ("kinder- en jeugdanimator", "animateur jeunesse|animatrice jeunesse", "youth worker"),
            ("youth-activities", "childcare", "storytelling", "face-painting"),
            ("first-aid", "art-education", "parenting-support", "circus-arts"),
            (
                "Ik organiseer speelnamiddagen, kampen en verjaardagsfeestjes voor kinderen.",
                "J'organise des après-midi de jeux, des stages et des anniversaires pour enfants.",
                "I run play afternoons, holiday camps and birthday parties for children.",
            ),
        ),
        Trade(
            "personal-trainer",
            ("personal trainer", "coach sportif|coach sportive", "personal trainer"),
            ("personal-training", "nutrition", "self-defence", "workplace-wellbeing"),
            ("first-aid", "pilates", "yoga-teaching"),
            (
                "Ik train mensen buiten in het park en help hen met een haalbaar voedingsplan.",
                "J'entraîne des personnes en plein air et je les aide avec une alimentation "
                "tenable au quotidien.",
                "I train people outdoors in the park and help them with a realistic eating plan.",
            ),
        ),
        Trade(
            "hairdresser",
            ("kapper", "coiffeur|coiffeuse", "hairdresser"),
            ("hairdressing", "beauty-care", "image-consulting", "makeup"),
            ("social-media", "pricing"),
            (
                "Ik knip en kleur aan huis en werk achter de schermen bij fotoshoots en "
                "voorstellingen.",
                "Je coiffe à domicile et je travaille en coulisses pour des shootings et des "
                "spectacles.",
                "I cut and colour hair at people's homes and work backstage at photo shoots and "
                "shows.",
            ),
        ),
        Trade(
            "carer",
            ("zorgverlener", "aide à domicile", "home carer"),
            ("elderly-care", "disability-support", "first-aid"),
            ("counselling", "pet-care", "nutrition"),
            (
                "Ik ondersteun ouderen en mensen met een beperking thuis, zodat ze zelfstandig "
                "kunnen blijven wonen.",
                "J'aide à domicile des personnes âgées et des personnes en situation de handicap "
                "pour qu'elles restent autonomes.",
                "I support older people and people with disabilities at home so they can keep "
                "living independently.",
            ),
        ),
    ],
    "other": [
        Trade(
            "translator",
            ("vertaler", "traducteur|traductrice", "translator"),
            ("translation", "localisation", "subtitling", "proofreading"),
            ("interpreting", "transcription", "plain-language", "technical-writing"),
            (
                "Ik vertaal websites, rapporten en ondertitels tussen het Nederlands, Frans en "
                "Engels.",
                "Je traduis des sites, des rapports et des sous-titres entre le français, le "
                "néerlandais et l'anglais.",
                "I translate websites, reports and subtitles between Dutch, French and English.",
            ),
        ),
        Trade(
            "virtual-assistant",
            ("virtueel assistent", "assistant virtuel|assistante virtuelle", "virtual assistant"),
            ("virtual-assistance", "administration", "invoicing", "spreadsheets"),
            ("email-marketing", "social-media", "time-management", "bookkeeping"),
            (
                "Ik neem de administratie, agenda en mailbox over van drukbezette zelfstandigen.",
                "Je prends en charge l'administratif, l'agenda et les e-mails d'indépendants "
                "débordés.",
                "I take over the paperwork, diary and inbox of busy freelancers.",
            ),
        ),
        Trade(
            "copywriter",
            ("copywriter", "rédacteur|rédactrice", "copywriter"),
            ("copywriting", "web-writing", "communication-strategy", "content-marketing"),
            ("press-relations", "speechwriting", "plain-language", "ghostwriting"),
            (
                "Ik schrijf websiteteksten, nieuwsbrieven en persberichten die mensen ook echt "
                "lezen.",
                "J'écris des textes de sites, des newsletters et des communiqués que les gens "
                "lisent vraiment.",
                "I write web copy, newsletters and press releases that people actually read.",
            ),
        ),
        Trade(
            "interpreter",
            ("tolk", "interprète", "interpreter"),
            ("interpreting", "sign-language", "translation"),
            ("transcription", "subtitling", "language-teaching"),
            (
                "Ik tolk bij vergaderingen, consultaties en voorstellingen, ook in Vlaamse of "
                "Franse Gebarentaal.",
                "J'interprète lors de réunions, de consultations et de spectacles, aussi en langue "
                "des signes.",
                "I interpret at meetings, consultations and shows, including sign language.",
            ),
        ),
    ],
}
