// Word lists for the generated corpus: Île-de-France places, buyer kinds, needs, sentences.

enum Vocabulary {
    static let towns = [
        "Montreuil", "Saint-Denis", "Nanterre", "Créteil", "Versailles", "Cergy", "Évry", "Meaux",
        "Argenteuil", "Boulogne-Billancourt", "Aubervilliers", "Vitry-sur-Seine", "Colombes",
        "Asnières-sur-Seine", "Courbevoie", "Rueil-Malmaison", "Champigny-sur-Marne", "Aulnay-sous-Bois",
        "Saint-Maur-des-Fossés", "Drancy", "Issy-les-Moulineaux", "Noisy-le-Grand", "Levallois-Perret",
        "Antony", "Neuilly-sur-Seine", "Clichy", "Sarcelles", "Ivry-sur-Seine", "Villejuif", "Épinay-sur-Seine",
        "Pantin", "Bondy", "Fontenay-sous-Bois", "Chelles", "Clamart", "Sartrouville", "Maisons-Alfort",
        "Mantes-la-Jolie", "Évry-Courcouronnes", "Massy", "Savigny-sur-Orge", "Pontoise", "Melun",
        "Fontainebleau", "Rambouillet", "Étampes", "Torcy", "Bobigny", "Rosny-sous-Bois", "Le Blanc-Mesnil",
    ]
    static let departments = ["75", "77", "78", "91", "92", "93", "94", "95"]

    /// (kind, name prefix)
    static let buyerKinds: [(kind: String, prefix: String)] = [
        ("commune", "Ville de"), ("commune", "Mairie de"), ("intercommunalite", "Communauté d’agglomération de"),
        ("etablissement-public", "Établissement public territorial de"), ("hopital", "Centre hospitalier de"),
        ("bailleur-social", "Office public de l’habitat de"), ("autre", "Syndicat intercommunal de"),
    ]

    static let supplierStems = [
        "Agora", "Atlas", "Boussole", "Canopée", "Carto", "Cité", "Civi", "Data", "Faubourg", "Géo", "Kiosque",
        "Logi", "Lumi", "Nova", "Octet", "Parvis", "Passerelle", "Pixel", "Publi", "Quai", "Sémaphore", "Terri",
        "Urba", "Vecto", "Vigie",
    ]
    static let supplierSuffixes = ["soft", "data", "link", "scope", "works", "net", "code", "sphere", "metrics", "flux"]
    static let sizes = ["tpe", "pme", "pme", "eti", "ge"]

    /// (id, title, theme, summary)
    static let needs: [(id: String, title: String, theme: String, summary: String)] = [
        ("portail-open-data", "Portail de données ouvertes", "opendata",
         "Publication des jeux de données de la collectivité, avec **API** et visualisations, et accompagnement des services producteurs."),
        ("sig-mutualise", "Système d’information géographique mutualisé", "cartographie",
         "Un SIG partagé entre les services : référentiel d’adresses, cadastre, réseaux et cartes interactives publiées en ligne."),
        ("information-voyageurs", "Information voyageurs en temps réel", "mobilite",
         "Horaires, perturbations et itinéraires sur mobile et sur les écrans des arrêts, en *temps réel*."),
        ("teleservices", "Téléservices et démarches en ligne", "dematerialisation",
         "Dépôt en ligne des demandes, instruction dématérialisée et notification électronique des décisions."),
        ("parapheur-electronique", "Parapheur et signature électroniques", "dematerialisation",
         "Circuits de validation des actes et des pièces comptables, signature électronique et archivage."),
        ("infocentre", "Infocentre et tableaux de bord", "decisionnel",
         "Tableaux de bord d’exécution budgétaire et d’activité pour les directions et les élus, actualisés chaque nuit."),
        ("site-internet", "Refonte du site internet", "communication-digitale",
         "Nouveau site accessible (RGAA), éditable par les services, avec agenda, annuaire et démarches."),
        ("gestion-relation-usager", "Gestion de la relation usager", "relation-usager",
         "Suivi des demandes reçues par courrier, téléphone et formulaire en ligne, avec un compte usager unique."),
        ("postes-de-travail", "Renouvellement des postes de travail", "infrastructure",
         "Fourniture et déploiement de postes de travail, avec reprise et reconditionnement des anciens matériels."),
        ("hebergement", "Hébergement et infogérance", "infrastructure",
         "Hébergement des applications métier dans un centre de données certifié, sauvegardes et plan de reprise."),
        ("audit-securite", "Audit de sécurité et tests d’intrusion", "cybersecurite",
         "Audit annuel du système d’information, tests d’intrusion et plan d’action priorisé."),
        ("sensibilisation-cyber", "Sensibilisation des agents à la cybersécurité", "cybersecurite",
         "Campagnes d’hameçonnage simulé, modules d’apprentissage en ligne et ateliers pour les agents."),
        ("application-mobile", "Application mobile des services", "mobilite",
         "Une application pour signaler un problème sur l’espace public, suivre sa demande et recevoir des alertes."),
        ("cartographie-travaux", "Carte des travaux en cours", "cartographie",
         "Une carte publique des chantiers et des déviations, alimentée par les services techniques."),
        ("gestion-electronique-documents", "Gestion électronique des documents", "dematerialisation",
         "Numérisation du courrier entrant, classement, recherche plein texte et durées de conservation."),
        ("entrepot-donnees", "Entrepôt de données", "decisionnel",
         "Un entrepôt qui rassemble les données des applications métier pour l’analyse et le pilotage."),
        ("reseaux-sociaux", "Animation des réseaux sociaux", "communication-digitale",
         "Outil de publication, de veille et de modération pour les comptes de la collectivité."),
        ("accueil-telephonique", "Plateforme d’accueil téléphonique", "relation-usager",
         "Serveur vocal, distribution des appels et statistiques de décroché pour l’accueil des usagers."),
        ("wifi-public", "Wi-Fi public dans les équipements", "infrastructure",
         "Accès sans fil dans les médiathèques, les gymnases et les mairies annexes, conforme aux obligations légales."),
        ("donnees-mobilite", "Données de mobilité ouvertes", "opendata",
         "Publication des données de stationnement, de vélos en libre-service et de comptage, dans des formats standard."),
    ]
    static let procedures = [
        "procedure-adaptee", "appel-offres-ouvert", "appel-offres-restreint", "procedure-avec-negociation",
        "dialogue-competitif", "marche-innovant", "accord-cadre", "centrale-achat", "a-definir",
    ]
    static let statuses = ["envisage", "envisage", "en-preparation", "publie", "attribue", "abandonne"]

    static let contextSentences = [
        "La collectivité poursuit la dématérialisation de ses relations avec les usagers et les associations.",
        "Les besoins ci-dessous ont été présentés lors d’une Matinale de l’achat public numérique.",
        "Cette feuille de route couvre les dix-huit prochains mois ; elle est mise à jour chaque semestre.",
        "Les entreprises intéressées peuvent prendre contact avec la direction de la commande publique.",
        "Le schéma directeur des systèmes d’information fixe trois priorités : simplifier, ouvrir, sécuriser.",
        "Les petites et moyennes entreprises sont encouragées à répondre, seules ou en groupement.",
        "Les montants sont indicatifs et exprimés hors taxes ; ils pourront évoluer après le sourçage.",
        "Un dialogue avec les entreprises est prévu avant la publication de chaque consultation.",
        "Les marchés seront allotis lorsque c’est possible, pour ouvrir la concurrence aux PME.",
        "La collectivité privilégie les solutions interopérables et les formats ouverts.",
    ]
    static let listItems = [
        "des **démarches en ligne** simples et accessibles",
        "des données publiées dans des *formats ouverts*",
        "une hotline joignable aux heures d’ouverture des services",
        "la réversibilité des données en fin de marché",
        "l’hébergement des données en France",
        "la conformité au RGAA et au RGPD",
        "une formation des agents au démarrage",
        "des indicateurs de service mesurables",
    ]
    static let matinaleTitles = [
        "Le numérique au service des usagers", "Données et territoires intelligents",
        "La dématérialisation des procédures", "Mobilités et information voyageurs",
        "Cybersécurité des collectivités", "Cartographie et données géographiques",
    ]
    static let firstNames = ["Claire", "Karim", "Nadia", "Paul", "Fatou", "Julien", "Sophie", "Mehdi", "Hélène", "Yann", "Aurélie", "Thomas"]
    static let lastNames = ["Dumas", "Benali", "Ferhat", "Nguyen", "Diallo", "Moreau", "Renaud", "Charef", "Morvan", "Le Goff", "Masson", "Girard"]
}
