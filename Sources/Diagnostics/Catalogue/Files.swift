// Reading the content folder: files, encodings, front matter.

extension Message {
    public static func unsafeSymlink() -> Message {
        Message("unsafe-symlink",
                fr: "ce lien symbolique mène hors du dossier de contenu",
                en: "this symbolic link leads outside the content folder",
                hint: LocalizedText(fr: "copiez le fichier dans le dossier de contenu", en: "copy the file into the content folder instead"))
    }

    public static func fileTooLarge(megabytes: Int) -> Message {
        Message("file-too-large",
                fr: "ce fichier dépasse \(megabytes) Mio",
                en: "this file is larger than \(megabytes) MiB",
                hint: LocalizedText(fr: "un fichier de contenu est un texte écrit à la main : découpez-le ou retirez ce qui n'est pas du contenu",
                                    en: "content files are text written by hand; split it or remove what is not content"))
    }

    public static func unreadableFile() -> Message {
        Message("unreadable-file",
                fr: "ce fichier ne peut pas être lu",
                en: "this file cannot be read",
                hint: LocalizedText(fr: "vérifiez ses droits d'accès", en: "check its permissions"))
    }

    public static func utf16File() -> Message {
        Message("invalid-encoding",
                fr: "ce fichier est en UTF-16, pas en UTF-8",
                en: "this file is UTF-16, not UTF-8",
                hint: LocalizedText(fr: "enregistrez-le en UTF-8 (menu « Enregistrer sous » de l'éditeur)",
                                    en: "save it as UTF-8 (the editor's “Save as” menu)"))
    }

    public static func invalidUTF8() -> Message {
        Message("invalid-encoding",
                fr: "ce fichier n'est pas en UTF-8 (caractère illisible ici)",
                en: "this file is not valid UTF-8 (unreadable character here)",
                hint: LocalizedText(fr: "enregistrez-le en UTF-8 ; un fichier Windows-1252 ou Latin-1 doit être converti",
                                    en: "save it as UTF-8; a Windows-1252 or Latin-1 file must be converted"))
    }

    public static func nulByte() -> Message {
        Message("nul-byte",
                fr: "ce fichier contient un octet nul : c'est un fichier binaire, pas du texte",
                en: "this file contains a NUL byte: it is binary, not text",
                hint: LocalizedText(fr: "enregistrez-le en texte UTF-8", en: "save it as UTF-8 text"))
    }

    public static func emptyFile(expected: LocalizedText) -> Message {
        Message("missing-field",
                fr: "ce fichier est vide : il devrait décrire \(expected)",
                en: "this file is empty: expected \(expected)",
                hint: LocalizedText(fr: "« openmap new » écrit un modèle commenté à compléter",
                                    en: "“openmap new” writes a commented template to fill in"))
    }

    public static func missingFrontMatter() -> Message {
        Message("missing-front-matter",
                fr: "l'en-tête manque : le fichier doit commencer par une ligne « --- »",
                en: "expected front matter: a “---” line at the very top of the file",
                hint: LocalizedText(fr: "commencez le fichier par « --- », les champs YAML, puis « --- »",
                                    en: "start the file with “---”, the YAML fields, then “---”"))
    }

    public static func unclosedFrontMatter() -> Message {
        Message("unclosed-front-matter",
                fr: "l'en-tête n'a pas de ligne « --- » de fin",
                en: "the front matter has no closing “---” line",
                hint: LocalizedText(fr: "ajoutez une ligne « --- » après le dernier champ, avant le texte",
                                    en: "add a “---” line after the last field, before the text"))
    }

    public static func missingContentFolder() -> Message {
        Message("missing-file",
                fr: "le dossier de contenu n'existe pas",
                en: "the content folder does not exist",
                hint: LocalizedText(fr: "lancez openmap depuis le dossier du site, ou indiquez le dossier avec --content",
                                    en: "run openmap from the site's folder, or name the folder with --content"))
    }

    public static func missingSiteFile() -> Message {
        Message("missing-file",
                fr: "site.yaml manque : les réglages du site sont obligatoires",
                en: "site.yaml is missing: the site's settings are required")
    }

    public static func missingListFile(_ path: String) -> Message {
        Message("missing-file",
                fr: "\(path) manque",
                en: "\(path) is missing")
    }

    public static func missingMatinaleIndex(_ slug: String) -> Message {
        Message("missing-file",
                fr: "la Matinale « \(slug) » n'a pas de fichier index.md",
                en: "the Matinale “\(slug)” has no index.md",
                hint: LocalizedText(fr: "« openmap new matinale \(slug) » l'écrit", en: "“openmap new matinale \(slug)” writes it"))
    }

    public static func unexpectedTopLevelFile(_ name: String, suggestion: String?) -> Message {
        Message("unexpected-file",
                fr: "« \(name) » ne fait pas partie du contenu : il est ignoré",
                en: "“\(name)” is not part of the content model and is ignored",
                hint: suggestion.map { LocalizedText(fr: "voulez-vous dire « \($0) » ?", en: "did you mean “\($0)”?") })
    }

    public static func unexpectedFileInFolder(extension ext: String, folder: String) -> Message {
        Message("unexpected-file",
                fr: "seuls les fichiers « .\(ext) » sont lus dans \(folder)/ ; celui-ci est ignoré",
                en: "only “.\(ext)” files are read in \(folder)/; this one is ignored")
    }

    public static func unexpectedRoadmapFile() -> Message {
        Message("unexpected-file",
                fr: "les feuilles de route se rangent dans un dossier par année (roadmaps/<année>/<acheteur>.md) ; ce fichier est ignoré",
                en: "roadmaps are read from year folders (roadmaps/<year>/<buyer>.md); this file is ignored")
    }

    public static func unexpectedMatinaleFile() -> Message {
        Message("unexpected-file",
                fr: "une Matinale est un dossier (matinales/<identifiant>/index.md) ; ce fichier est ignoré",
                en: "a Matinale is a folder (matinales/<slug>/index.md); this file is ignored")
    }

    public static func unexpectedFileInMatinale(_ name: String, expected: [String]) -> Message {
        Message("unexpected-file",
                fr: "« \(name) » n'est pas lu : un dossier de Matinale contient \(Phrase.plainList(expected))",
                en: "“\(name)” is not read: a Matinale folder holds \(Phrase.plainList(expected))")
    }

    public static func invalidFileName(_ name: String, suggestion: String?, folder: Bool = false) -> Message {
        let fixed = suggestion.map { LocalizedText(fr: " : « \($0) »", en: ": “\($0)”") } ?? LocalizedText(verbatim: "")
        return Message("invalid-file-name",
                       fr: folder ? "le nom du dossier « \(name) » n'est pas un identifiant" : "le nom du fichier « \(name) » n'est pas un identifiant",
                       en: folder ? "the folder name “\(name)” is not a slug" : "the file name “\(name)” is not a slug",
                       hint: LocalizedText(fr: "un identifiant s'écrit en minuscules sans accents, chiffres et tirets simples\(fixed)",
                                           en: "a slug is lowercase letters and digits separated by single hyphens\(fixed)"))
    }

    public static func invalidYearFolder(_ name: String) -> Message {
        Message("invalid-folder",
                fr: "« \(name) » n'est pas une année : les feuilles de route se rangent dans roadmaps/<année>/",
                en: "“\(name)” is not a year: roadmaps go in roadmaps/<year>/")
    }
}
