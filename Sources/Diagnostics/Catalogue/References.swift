// References between files, assets, and rules across files.

extension Message {
    /// `kind` is `theme`, `buyer`, `supplier` or `matinale`; the hint says where they are listed.
    public static func unknownReference(kind: String, _ slug: String, suggestion: String?, listedIn folder: String) -> Message {
        let words: (fr: String, en: String, where: LocalizedText) = switch kind {
        case "theme": ("thème inconnu", "unknown theme",
                       LocalizedText(fr: "Les thèmes sont listés dans \(folder)themes.yaml", en: "Themes are listed in \(folder)themes.yaml"))
        case "buyer": ("acheteur inconnu", "unknown buyer",
                       LocalizedText(fr: "Les acheteurs sont les fichiers de \(folder)buyers/ ; « openmap new buyer » en crée un",
                                     en: "Buyers are the files of \(folder)buyers/; “openmap new buyer” creates one"))
        case "supplier": ("prestataire inconnu", "unknown supplier",
                          LocalizedText(fr: "Les prestataires sont les fichiers de \(folder)suppliers/",
                                        en: "Suppliers are the files of \(folder)suppliers/"))
        default: ("Matinale inconnue", "unknown matinale",
                  LocalizedText(fr: "Les Matinales sont les dossiers de \(folder)matinales/", en: "Matinales are the folders of \(folder)matinales/"))
        }
        let guess = suggestion.map { LocalizedText(fr: "voulez-vous dire « \($0) » ?", en: "did you mean “\($0)”?") }
        return Message("unknown-\(kind)",
                       fr: "\(words.fr) « \(slug) »",
                       en: "\(words.en) “\(slug)”",
                       hint: LocalizedText.joined([guess, words.where]))
    }

    public static func unknownParticipant(_ slug: String, suggestion: String?) -> Message {
        let base = LocalizedText(fr: "Un participant est un identifiant de prestataire ou d'acheteur",
                                 en: "A participant is a supplier or a buyer slug")
        let guess = suggestion.map { LocalizedText(fr: "voulez-vous dire « \($0) » ?", en: "did you mean “\($0)”?") }
        return Message("unknown-participant",
                       fr: "participant inconnu « \(slug) »",
                       en: "unknown participant “\(slug)”",
                       hint: LocalizedText.joined([guess, base]))
    }

    public static func buyerWithoutTable(_ buyer: String, matinaleFile: String) -> Message {
        Message("buyer-without-table",
                fr: "l'acheteur « \(buyer) » n'a pas de table à cette Matinale",
                en: "the buyer “\(buyer)” has no table at this Matinale",
                hint: LocalizedText(fr: "ajoutez-le aux « tables » de \(matinaleFile), ou retirez la demande",
                                    en: "add it to “tables” in \(matinaleFile), or remove the request"))
    }

    public static func assetOutsideAssets(_ path: String) -> Message {
        Message("invalid-asset-path",
                fr: "« \(path) » n'est pas un chemin sous assets/",
                en: "“\(path)” is not a path under assets/",
                hint: LocalizedText(fr: "écrivez le chemin depuis le dossier de contenu : assets/logos/plaine-commune.svg",
                                    en: "write the path from the content folder: assets/logos/plaine-commune.svg"))
    }

    public static func assetWrongType(_ path: String, extensions: [String]) -> Message {
        let list = extensions.map { "." + $0 }
        return Message("invalid-asset-path",
                       fr: "« \(path) » devrait être un fichier \(list.joined(separator: " ou "))",
                       en: "“\(path)” should be a \(list.joined(separator: " or ")) file")
    }

    public static func missingAsset(_ path: String, suggestion: String?) -> Message {
        Message("missing-asset",
                fr: "le fichier « \(path) » n'existe pas",
                en: "the file “\(path)” does not exist",
                hint: suggestion.map { LocalizedText(fr: "voulez-vous dire « \($0) » ?", en: "did you mean “\($0)”?") }
                    ?? LocalizedText(fr: "ajoutez le fichier sous assets/ ou corrigez le chemin", en: "add the file under assets/ or correct the path"))
    }

    public static func duplicateMatinaleNumber(_ number: Int, other: String) -> Message {
        Message("duplicate-number",
                fr: "le numéro \(number) est déjà celui de la Matinale « \(other) »",
                en: "the number \(number) is already used by the Matinale “\(other)”",
                hint: LocalizedText(fr: "chaque Matinale a son propre numéro", en: "each Matinale has its own number"))
    }

    public static func reservedSlug(_ slug: String) -> Message {
        Message("reserved-slug",
                fr: "la page « \(slug) » prendrait l'adresse d'une rubrique du site",
                en: "the page “\(slug)” would take the address of a site section",
                hint: LocalizedText(fr: "renommez le fichier", en: "rename the file"))
    }

    public static func reservedSupplierSlug(_ slug: String) -> Message {
        Message("reserved-supplier-slug",
                fr: "le prestataire « \(slug) » prendrait l'adresse d'une page de l'annuaire (/prestataires/\(slug)/)",
                en: "the supplier “\(slug)” would take the address of a page of the directory (/prestataires/\(slug)/)",
                hint: LocalizedText(fr: "renommez le fichier, par exemple avec le nom complet de l'entreprise",
                                    en: "rename the file, with the company's full name for instance"))
    }

    public static func unknownCPV(_ code: String, cpvFile: String) -> Message {
        Message("unknown-cpv",
                fr: "le code CPV « \(code) » n'est pas dans \(cpvFile)",
                en: "the CPV code “\(code)” is not in \(cpvFile)",
                hint: LocalizedText(fr: "ajoutez-le à \(cpvFile) avec son libellé, ou vérifiez-le",
                                    en: "add it to \(cpvFile) with its label, or check it"))
    }

    public static func cpvCheckDigit(_ code: String, expected: String, listed: String) -> Message {
        Message("cpv-check-digit",
                fr: "la clé de « \(code) » devrait être \(expected) (« \(listed) »)",
                en: "the check digit of “\(code)” should be \(expected) (“\(listed)”)",
                hint: LocalizedText(fr: "recopiez le code de cpv.yaml", en: "copy the code from cpv.yaml"))
    }

    public static func unknownCPVDivision(_ division: String, cpvFile: String) -> Message {
        Message("unknown-cpv-division",
                fr: "aucun code de \(cpvFile) n'est dans la division CPV « \(division) »",
                en: "no code of \(cpvFile) is in CPV division “\(division)”",
                hint: LocalizedText(fr: "vérifiez la division (72 pour les services informatiques), ou ajoutez ses codes à \(cpvFile)",
                                    en: "check the division (72 for IT services), or add its codes to \(cpvFile)"))
    }

    public static func videoFileNotOnSite(_ url: String, assetsFolder: String) -> Message {
        Message("video-file-not-on-site",
                fr: "la vidéo \(url) est à l'adresse du site, mais le site ne publie aucun fichier à cet endroit",
                en: "the video \(url) is at the site's address, but the site publishes no file there",
                hint: LocalizedText(fr: "placez le fichier sous \(assetsFolder) et donnez son adresse, ou utilisez un hébergeur (peertube, vimeo…)",
                                    en: "put the file under \(assetsFolder) and give its address, or use a video host (peertube, vimeo…)"))
    }
}
