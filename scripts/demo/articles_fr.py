"""French member articles for the demo community (Markdown, 150-400 words each)."""

from __future__ import annotations

ARTICLES_FR = [
    {
        "title": "Fixer ses prix sans se brader",
        "tags": ["prix", "tarifs", "démarrer"],
        "author": {"trade": "illustrator", "female": True},
        "body": """\
Quand j'ai commencé comme illustratrice, je fixais mes prix au feeling, en regardant ce que
faisaient les autres. Résultat : beaucoup de travail et peu de revenu. Voici la méthode que
j'utilise aujourd'hui.

## Partir de ses propres chiffres

- **Le revenu net souhaité** sur l'année, vacances et jours de maladie compris.
- **Les cotisations sociales et les impôts**, à estimer largement au début.
- **Les frais fixes** : logiciels, matériel, assurance, formation, loyer d'atelier.
- **Les heures réellement facturables** : chez moi, à peine plus de la moitié du temps
  de travail.

En divisant le total par les heures facturables, on obtient un prix plancher. En dessous,
on travaille à perte.

## Comparer ensuite avec le marché

Le marché donne une indication, pas une règle. Si mon plancher est plus haut que ce que
demandent les autres, je cherche des clients qui paient pour ce que j'apporte en plus, ou
je propose des forfaits plutôt qu'un taux horaire.

## Oser en parler

Le plus utile pour moi a été d'en discuter avec une autre indépendante de la coopérative,
qui a comparé ses chiffres aux miens sans détour. Une heure de discussion m'a fait gagner
bien plus.
""",
    },
    {
        "title": "Travailler dans un coworking : ce que j'y ai gagné",
        "tags": ["coworking", "partenaires-locaux", "réseau"],
        "author": {"sectors": ("digital", "consulting"), "female": False},
        "body": """\
Pendant trois ans, j'ai travaillé seul depuis ma cuisine. C'était économique, mais je
tournais en rond. Depuis un an, je loue un poste flexible dans un coworking près de chez
moi, et je ne reviendrais pas en arrière.

## Ce que j'y ai trouvé

- **Un rythme** : je commence et je termine à heures fixes, et le soir je ferme vraiment
  l'ordinateur.
- **Des collègues** : une graphiste, un traducteur, une comptable. On se pose des
  questions, on se passe des clients.
- **Des missions** : deux de mes plus gros contrats de l'année sont venus de
  recommandations de voisins de bureau.
- **Un lieu pour recevoir** : une salle de réunion quand un client veut se voir.

## Ce qu'il faut savoir

Un poste flexible coûte entre 150 et 250 euros par mois selon la ville. C'est une charge à
intégrer dans ses prix. Certains espaces proposent des tarifs réduits aux membres de
coopératives : il vaut la peine de demander.

## Mon conseil

Essayez d'abord une journée ou une semaine. L'ambiance compte autant que le prix : un lieu
trop bruyant ou trop silencieux ne vous conviendra pas, même à bas prix.
""",
    },
    {
        "title": "Le parrainage, côté marraine",
        "tags": ["parrainage", "mentorat", "entraide"],
        "author": {"sectors": ("training", "consulting"), "female": True, "mentor": True},
        "body": """\
Cela fait deux ans que j'accompagne des indépendants qui se lancent. On parle souvent de ce
que le parrainage apporte aux débutants ; je voudrais dire ce qu'il m'apporte à moi.

## Comment ça se passe

Nous nous voyons une fois par mois, une heure, parfois en visio. C'est la personne
accompagnée qui choisit le sujet. Je ne donne pas de solutions toutes faites : je pose des
questions et je partage mes propres erreurs.

## Les sujets qui reviennent

1. Le prix, presque toujours trop bas au départ.
2. La difficulté de dire non à un client.
3. L'administratif : factures, TVA, cotisations.
4. La solitude, dont on parle peu.

## Ce que j'y gagne

Expliquer mon métier m'oblige à le regarder avec un œil neuf. Plusieurs fois, une question
naïve m'a fait revoir une habitude qui ne me servait plus. Et voir quelqu'un gagner en
confiance au fil des mois est une vraie satisfaction.

## Pour se lancer

Il suffit d'indiquer dans son profil qu'on est disponible comme mentor et combien de
personnes on peut suivre. Une ou deux, c'est largement assez pour bien faire les choses.
""",
    },
    {
        "title": "Démarrer une activité artisanale en Wallonie : les étapes",
        "tags": ["artisanat", "démarrer", "financement"],
        "author": {"trade": "ceramicist", "female": True, "region": "WAL"},
        "body": """\
Je suis céramiste depuis quatre ans. Avant de tourner mon premier bol vendu, j'ai passé des
mois à chercher comment m'organiser. Voici ce que j'aurais aimé savoir dès le départ.

## Tester avant d'investir

Un four coûte cher. J'ai d'abord loué du temps dans un atelier partagé, ce qui m'a permis de
vérifier que mes pièces se vendaient avant d'acheter mon propre matériel.

## Les aides qui existent

- Les **guichets pour indépendants** donnent un premier conseil gratuit sur le statut et
  les démarches.
- Plusieurs **fonds solidaires** proposent des microcrédits à ceux que la banque refuse.
- Certaines communes et provinces ont des **primes** pour l'installation d'un atelier.

## Vendre

J'ai commencé par les marchés de créateurs, puis une boutique en ligne. Les marchés
demandent du temps mais créent un lien direct avec les clients. Partager un stand collectif
avec d'autres artisans réduit les frais et la fatigue.

## Ne pas rester seule

Le réseau a été décisif : conseils techniques, commandes partagées, prêt de matériel. Les
partenaires locaux listés sur la plateforme sont un bon point de départ.
""",
    },
    {
        "title": "Prendre soin de soi quand on est indépendant",
        "tags": ["bien-être", "équilibre", "santé"],
        "author": {"trade": "yoga-teacher", "female": True},
        "body": """\
Comme professeure de yoga, je passe mes journées à aider les autres à se détendre. Pourtant,
la première année, c'est moi qui ai failli craquer. Travailler à son compte, c'est aussi
apprendre à se protéger.

## Les signaux à ne pas ignorer

- Vous répondez aux messages des clients tard le soir.
- Vous n'avez pas pris une semaine de congé depuis un an.
- Vous acceptez chaque mission par peur qu'il n'y en ait pas d'autre.

## Ce qui m'a aidée

1. **Des horaires affichés** : mes clients savent quand je réponds, et quand je ne réponds
   pas.
2. **Une réserve financière** de trois mois, qui m'a permis de refuser des missions mal
   payées.
3. **Un groupe d'intervision** avec d'autres indépendants du secteur du soin : on y parle
   franchement de nos limites.
4. **Des vacances planifiées** dès janvier, inscrites dans l'agenda comme un rendez-vous.

## Et la coopérative ?

La coopérative ne remplace pas un médecin, mais elle permet de ne pas rester seul. Dans
l'annuaire, plusieurs membres proposent leur aide sur le bien-être au travail : n'hésitez
pas à les contacter.
""",
    },
]
