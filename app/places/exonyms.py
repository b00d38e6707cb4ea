"""Names GeoNames lacks or leaves untagged: exonyms and local names of main cities."""

from __future__ import annotations

#: The name each interface language uses for a main city of BE, FR, NL and LU, by geonameid.
#: GeoNames lists most of them among its untagged alternate names; here they get their
#: language, and the few it lacks (Mechlin, Valencijn, Molenbeek...) are added.
EXONYMS: dict[int, dict[str, str]] = {
    # Belgium
    2800866: {"nl": "Brussel", "fr": "Bruxelles", "en": "Brussels"},
    2803138: {"nl": "Antwerpen", "fr": "Anvers", "en": "Antwerp"},
    2797656: {"nl": "Gent", "fr": "Gand", "en": "Ghent"},
    2792413: {"nl": "Luik", "fr": "Liège", "en": "Liège"},
    2800931: {"nl": "Brugge", "fr": "Bruges", "en": "Bruges"},
    2792482: {"nl": "Leuven", "fr": "Louvain", "en": "Leuven"},
    2791537: {"nl": "Mechelen", "fr": "Malines", "en": "Mechlin"},
    2794055: {"nl": "Kortrijk", "fr": "Courtrai", "en": "Kortrijk"},
    2795100: {"nl": "Ieper", "fr": "Ypres", "en": "Ypres"},
    2789786: {"nl": "Oostende", "fr": "Ostende", "en": "Ostend"},
    2785341: {"nl": "Doornik", "fr": "Tournai", "en": "Tournai"},
    2790471: {"nl": "Namen", "fr": "Namur", "en": "Namur"},
    2790869: {"nl": "Bergen", "fr": "Mons", "en": "Mons"},
    2803448: {"nl": "Aalst", "fr": "Alost", "en": "Aalst"},
    2786578: {"nl": "Sint-Niklaas", "fr": "Saint-Nicolas", "en": "Sint-Niklaas"},
    2785470: {"nl": "Tienen", "fr": "Tirlemont", "en": "Tienen"},
    2796696: {"nl": "Halle", "fr": "Hal", "en": "Halle"},
    2797638: {"nl": "Geraardsbergen", "fr": "Grammont", "en": "Geraardsbergen"},
    2789529: {"nl": "Oudenaarde", "fr": "Audenarde", "en": "Oudenaarde"},
    2787769: {"nl": "Ronse", "fr": "Renaix", "en": "Ronse"},
    2785389: {"nl": "Tongeren", "fr": "Tongres", "en": "Tongeren"},
    2786545: {"nl": "Sint-Truiden", "fr": "Saint-Trond", "en": "Sint-Truiden"},
    2784604: {"nl": "Vilvoorde", "fr": "Vilvorde", "en": "Vilvoorde"},
    2783941: {"nl": "Waver", "fr": "Wavre", "en": "Wavre"},
    2790101: {"nl": "Nijvel", "fr": "Nivelles", "en": "Nivelles"},
    2798747: {"nl": "Edingen", "fr": "Enghien", "en": "Enghien"},
    2803010: {"nl": "Aat", "fr": "Ath", "en": "Ath"},
    2786420: {"nl": "Zinnik", "fr": "Soignies", "en": "Soignies"},
    2790595: {"nl": "Moeskroen", "fr": "Mouscron", "en": "Mouscron"},
    2800195: {"nl": "Komen", "fr": "Comines", "en": "Comines"},
    2795113: {"nl": "Hoei", "fr": "Huy", "en": "Huy"},
    2784066: {"nl": "Borgworm", "fr": "Waremme", "en": "Waremme"},
    2803073: {"nl": "Aarlen", "fr": "Arlon", "en": "Arlon"},
    2802583: {"nl": "Bastenaken", "fr": "Bastogne", "en": "Bastogne"},
    2792397: {"nl": "Lier", "fr": "Lierre", "en": "Lier"},
    2799369: {"nl": "Diksmuide", "fr": "Dixmude", "en": "Diksmuide"},
    2784804: {"nl": "Veurne", "fr": "Furnes", "en": "Veurne"},
    2791343: {"nl": "Menen", "fr": "Menin", "en": "Menen"},
    2783170: {"nl": "Zoutleeuw", "fr": "Léau", "en": "Zoutleeuw"},
    2794895: {"nl": "Geldenaken", "fr": "Jodoigne", "en": "Jodoigne"},
    2792567: {"nl": "Lessen", "fr": "Lessines", "en": "Lessines"},
    2784548: {"nl": "Wezet", "fr": "Visé", "en": "Visé"},
    2801150: {"nl": "'s-Gravenbrakel", "fr": "Braine-le-Comte", "en": "Braine-le-Comte"},
    2787889: {"nl": "Roeselare", "fr": "Roulers", "en": "Roeselare"},
    2785169: {"nl": "Tubeke", "fr": "Tubize", "en": "Tubize"},
    2786700: {"nl": "Sint-Genesius-Rode", "fr": "Rhode-Saint-Genèse", "en": "Sint-Genesius-Rode"},
    2794016: {"nl": "Kraainem", "fr": "Crainhem", "en": "Kraainem"},
    # The bilingual municipalities of the Brussels region
    2795011: {"nl": "Elsene", "fr": "Ixelles", "en": "Ixelles"},
    2787149: {"nl": "Schaarbeek", "fr": "Schaerbeek", "en": "Schaerbeek"},
    2785123: {"nl": "Ukkel", "fr": "Uccle", "en": "Uccle"},
    2787413: {"nl": "Sint-Gillis", "fr": "Saint-Gilles", "en": "Saint-Gilles"},
    2791018: {"nl": "Sint-Jans-Molenbeek", "fr": "Molenbeek-Saint-Jean", "en": "Molenbeek"},
    2798139: {"nl": "Vorst", "fr": "Forest", "en": "Forest"},
    2802960: {"nl": "Oudergem", "fr": "Auderghem", "en": "Auderghem"},
    2783979: {
        "nl": "Watermaal-Bosvoorde",
        "fr": "Watermael-Boitsfort",
        "en": "Watermael-Boitsfort",
    },
    2783476: {
        "nl": "Sint-Lambrechts-Woluwe",
        "fr": "Woluwe-Saint-Lambert",
        "en": "Woluwe-Saint-Lambert",
    },
    2787387: {
        "nl": "Sint-Joost-ten-Node",
        "fr": "Saint-Josse-ten-Noode",
        "en": "Saint-Josse-ten-Noode",
    },
    2802247: {
        "nl": "Sint-Agatha-Berchem",
        "fr": "Berchem-Sainte-Agathe",
        "en": "Berchem-Sainte-Agathe",
    },
    # France
    2988507: {"nl": "Parijs", "fr": "Paris", "en": "Paris"},
    2998324: {"nl": "Rijsel", "fr": "Lille", "en": "Lille"},
    3020686: {"nl": "Duinkerke", "fr": "Dunkerque", "en": "Dunkirk"},
    3029162: {"nl": "Kales", "fr": "Calais", "en": "Calais"},
    3036784: {"nl": "Atrecht", "fr": "Arras", "en": "Arras"},
    3029030: {"nl": "Kamerijk", "fr": "Cambrai", "en": "Cambrai"},
    2971041: {"nl": "Valencijn", "fr": "Valenciennes", "en": "Valenciennes"},
    2973783: {"nl": "Straatsburg", "fr": "Strasbourg", "en": "Strasbourg"},
    2995469: {"nl": "Marseille", "fr": "Marseille", "en": "Marseilles"},
    2996944: {"nl": "Lyon", "fr": "Lyon", "en": "Lyons"},
    2984114: {"nl": "Reims", "fr": "Reims", "en": "Rheims"},
    3021000: {"nl": "Dowaai", "fr": "Douai", "en": "Douai"},
    2977845: {"nl": "Sint-Omaars", "fr": "Saint-Omer", "en": "Saint-Omer"},
    3013619: {"nl": "Hazebroek", "fr": "Hazebrouck", "en": "Hazebrouck"},
    2982681: {"nl": "Robaais", "fr": "Roubaix", "en": "Roubaix"},
    2972284: {"nl": "Toerkonje", "fr": "Tourcoing", "en": "Tourcoing"},
    # The Netherlands
    2747373: {"nl": "Den Haag", "fr": "La Haye", "en": "The Hague"},
    2747351: {"nl": "Den Bosch", "fr": "Bois-le-Duc", "en": "'s-Hertogenbosch"},
    2750053: {"nl": "Nijmegen", "fr": "Nimègue", "en": "Nijmegen"},
    2751283: {"nl": "Maastricht", "fr": "Maestricht", "en": "Maastricht"},
    2745392: {"nl": "Vlissingen", "fr": "Flessingue", "en": "Flushing"},
    2751773: {"nl": "Leiden", "fr": "Leyde", "en": "Leiden"},
    2755251: {"nl": "Groningen", "fr": "Groningue", "en": "Groningen"},
    2755003: {"nl": "Haarlem", "fr": "Harlem", "en": "Haarlem"},
    2750896: {"nl": "Middelburg", "fr": "Middelbourg", "en": "Middelburg"},
    2759879: {"nl": "Almere", "fr": "Almere", "en": "Almere"},
    # Luxembourg
    2960316: {"nl": "Luxemburg", "fr": "Luxembourg", "en": "Luxembourg"},
}

#: Other names people use for a place, in no particular language (short and official forms).
ALIASES: dict[int, tuple[str, ...]] = {
    2800866: ("Bruxelles / Brussel", "Bruxelles-Ville", "Stad Brussel", "Brussel-Stad"),
    2791018: ("Molenbeek",),
    2787387: ("Sint-Joost", "Saint-Josse"),
    2783979: ("Watermaal", "Bosvoorde", "Boitsfort"),
    2960316: ("Luxembourg-Ville", "Luxemburg-Stad", "Luxembourg City"),
}

#: The local or official name where GeoNames' main name is an English exonym.
LOCAL_NAMES: dict[int, str] = {
    2800866: "Bruxelles / Brussel",
    2803138: "Antwerpen",
    2789786: "Oostende",
    2747373: "Den Haag",
    3020686: "Dunkerque",
}
