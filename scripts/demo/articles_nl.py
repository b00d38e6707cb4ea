"""Dutch member articles for the demo community (Markdown, 150-400 words each)."""

from __future__ import annotations

ARTICLES_NL = [
    {
        "title": "Hoe ik mijn uurtarief eindelijk juist berekende",
        "tags": ["prijs", "uurtarief", "starten"],
        "author": {"trade": "graphic-designer"},
        "body": """\
Toen ik vijf jaar geleden begon als grafisch vormgever, vroeg ik wat collega's vroegen. Pas na
een jaar zag ik dat ik onder de streep minder verdiende dan in mijn vorige job. Dit is de
rekensom die ik nu elk jaar opnieuw maak.

## Begin bij wat je nodig hebt

Ik vertrek niet van de markt, maar van mijn eigen cijfers:

- **Gewenst netto-inkomen** per jaar, met een buffer voor ziekte en vakantie.
- **Sociale bijdragen en belastingen**: reken ruim, zeker in je eerste jaren.
- **Vaste kosten**: software, materiaal, verzekering, opleidingen, je plek in de coworking.
- **Factureerbare uren**: niet 40 per week. Bij mij zijn het er gemiddeld 22; de rest gaat
  naar offertes, administratie en klanten zoeken.

Deel het totaal door je factureerbare uren en je hebt een ondergrens. Daaronder werk je
eigenlijk met verlies.

## Dan pas naar de markt kijken

Met die ondergrens in de hand vergelijk ik met wat anderen vragen. Zit de markt hoger, dan
schuif ik mee op. Zit ze lager, dan zoek ik klanten die betalen voor wat ik extra bied, of
werk ik met pakketprijzen in plaats van uren.

## Wat mij het meest hielp

Een gesprek met een ervaren lid van de coöperatie, die mijn cijfers nuchter naast de hare
legde. Twijfel je over je prijs, zoek zo iemand op: het kost een uur en levert je jaren op.
""",
    },
    {
        "title": "Vijf dingen die ik leerde over te laat betalende klanten",
        "tags": ["facturatie", "betaling", "klanten"],
        "author": {"trade": "photographer"},
        "body": """\
Bijna iedere zelfstandige kent het: het werk is geleverd, de factuur is verstuurd en dan
blijft het stil. Na tien jaar als fotograaf heb ik een vaste aanpak die de meeste
problemen voorkomt.

## Voor je begint

- Spreek **schriftelijk** een prijs, een betalingstermijn en een voorschot af. Een mail
  waarin de klant "akkoord" zegt, is al veel waard.
- Vraag bij nieuwe klanten een voorschot van 30 tot 50 procent. Wie dat weigert, betaalt
  achteraf zelden vlot.

## Als de termijn voorbij is

1. Stuur een vriendelijke herinnering de dag na de vervaldatum. Vaak is het gewoon vergeten.
2. Bel na een week. Een gesprek lost meer op dan drie mails.
3. Stuur na twee weken een formele aanmaning met de verwijlintresten uit je voorwaarden.
4. Blijft het stil, overweeg dan een incassobureau of een advocaat. Via de coöperatie kun je
   advies vragen voor je die stap zet.

## Wat ik anders zou doen

Ik zou veel vroeger algemene voorwaarden hebben opgesteld. Ze maken het gesprek over
betalen minder persoonlijk: je verwijst gewoon naar de afspraak die jullie samen maakten.
""",
    },
    {
        "title": "Een mentor vinden: mijn eerste jaar als meubelmaker",
        "tags": ["mentoring", "starten", "ambacht"],
        "author": {"trade": "furniture-maker", "mentor": True},
        "body": """\
Toen ik de stap zette van hobby naar beroep, dacht ik vooral aan machines en hout. Dat ik
ook een offerte zou moeten schrijven, een planning maken en nee zeggen tegen klanten, had
ik niet voorzien. Een mentor heeft me daar door geholpen.

## Hoe het begon

Via de ledengids vond ik een schrijnwerker die al twintig jaar zelfstandig is. We spraken af
om elkaar één keer per maand te zien, afwisselend in zijn atelier en het mijne.

## Waar we het over hadden

- Hoe je een offerte opbouwt zonder je eigen uren te vergeten.
- Welk gereedschap je beter huurt dan koopt.
- Hoe je een klant uitlegt waarom massief hout meer kost.
- Wanneer je een opdracht beter laat liggen.

## Wat het me opleverde

Vooral rust. Bij elke twijfel wist ik dat ik binnen een paar weken iemand kon raadplegen
die het allemaal al had meegemaakt. Mijn prijzen liggen nu een kwart hoger, en ik heb
minder klanten maar betere.

Vandaag sta ik zelf ingeschreven als mentor. Wie start in een ambacht en met vragen zit: aarzel
niet om een mentor te vragen. De meeste ervaren leden doen het graag.
""",
    },
    {
        "title": "Samenwerken met andere freelancers zonder ruzie",
        "tags": ["samenwerken", "afspraken", "projecten"],
        "author": {"sectors": ("events",)},
        "body": """\
Grotere opdrachten doe ik bijna altijd met anderen: een technicus, een fotograaf, soms een
vormgever. Dat is leuk en leerrijk, maar het kan ook misgaan. Dit zijn de afspraken die ik
vandaag altijd maak.

## Voor de opdracht start

- **Wie is het aanspreekpunt** voor de klant? Eén persoon, niet drie.
- **Wie factureert wat?** Factureert één iemand alles, of iedereen zijn eigen deel?
- **Hoe verdelen we meerwerk** als de klant halverwege iets extra vraagt?
- **Wat gebeurt er als iemand uitvalt** door ziekte of een andere opdracht?

We zetten dit kort op papier. Eén pagina volstaat.

## Tijdens het project

Een korte wekelijkse update in een gedeelde chat voorkomt veel misverstanden. Ik noteer er
ook de beslissingen van de klant, zodat we achteraf weten wat afgesproken was.

## Na afloop

We evalueren samen, ook als alles goed liep. Wat zouden we anders doen, en willen we nog eens
samenwerken? Zo is een vaste ploeg gegroeid waarmee ik nu al vier jaar festivals doe.
""",
    },
    {
        "title": "Subsidies voor je project: waar begin je?",
        "tags": ["subsidies", "financiering", "cultuur"],
        "author": {"sectors": ("arts",)},
        "body": """\
Veel kunstenaars haken af bij het woord subsidiedossier. Begrijpelijk: reglementen zijn lang
en de kans op slagen lijkt klein. Toch is het met wat voorbereiding goed te doen.

## Zoek het juiste kanaal

Er bestaan projectsubsidies van de Vlaamse overheid, van provincies en steden, en van
private fondsen. Lees eerst de doelstellingen: een prachtig project dat niet past bij wat
een fonds wil bereiken, maakt geen kans.

## Wat een jury wil lezen

- Een **helder doel**: wat wil je maken, voor wie en waarom nu?
- Een **realistische planning** met tussenstappen.
- Een **begroting** die klopt, met ook je eigen honorarium erin.
- **Partners**: een zaal, een festival of een organisatie die meewerkt.

## Laat iemand meelezen

Mijn beste dossiers zijn die waar een collega kritisch op heeft gereageerd. Wie de
projectbeschrijving niet in twee minuten begrijpt, is al een waarschuwing. In de
coöperatie vind je leden die ervaring hebben met aanvragen: vraag het via een oproep.
""",
    },
]
