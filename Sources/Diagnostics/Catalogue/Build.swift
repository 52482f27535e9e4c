// The build itself: the output folder, the links the templates write.

extension Message {
    public static func outputIsRoot() -> Message {
        Message("unsafe-output",
                fr: "openmap refuse d'écrire le site à la racine du système de fichiers",
                en: "refusing to write the site to the filesystem root",
                hint: LocalizedText(fr: "choisissez un dossier à part, par exemple --output site",
                                    en: "choose a dedicated folder, e.g. --output site"))
    }

    public static func outputOverlaps(_ output: String, _ folder: String) -> Message {
        Message("unsafe-output",
                fr: "openmap refuse d'écrire le site dans « \(output) » : ce dossier recouvre « \(folder) »",
                en: "refusing to write the site to “\(output)”: it overlaps “\(folder)”",
                hint: LocalizedText(fr: "le dossier de sortie doit être à part des dossiers du contenu et des gabarits",
                                    en: "the output folder must be separate from the content and templates folders"))
    }

    public static func outputNotAFolder(_ output: String) -> Message {
        Message("unsafe-output",
                fr: "« \(output) » existe et n'est pas un dossier",
                en: "“\(output)” exists and is not a folder",
                hint: LocalizedText(fr: "choisissez un autre dossier de sortie avec --output",
                                    en: "choose another output folder with --output"))
    }

    public static func outputNotOurs(_ output: String) -> Message {
        Message("unsafe-output",
                fr: "« \(output) » n'est pas vide et n'a pas été écrit par openmap",
                en: "“\(output)” is not empty and was not written by openmap",
                hint: LocalizedText(fr: "videz-le ou choisissez un autre dossier avec --output",
                                    en: "remove it or choose another --output folder"))
    }

    public static func writeFailed(_ reason: String) -> Message {
        Message("write-failed",
                fr: "le site n'a pas pu être écrit : \(reason)",
                en: "could not write the site: \(reason)",
                hint: LocalizedText(fr: "vérifiez la place sur le disque et les droits d'écriture du dossier de sortie ; le site précédent est intact",
                                    en: "check the disk space and the output folder's permissions; the previous site is intact"))
    }

    /// A link a template wrote on `page` that leads nowhere (`problem` says why).
    public static func brokenTemplateLink(_ link: String, page: String, problem: LocalizedText) -> Message {
        Message("broken-template-link",
                fr: "le lien « \(link) » de la page « /\(page) » \(problem)",
                en: "the link “\(link)” on the page “/\(page)” \(problem)",
                hint: LocalizedText(fr: "ce lien est fait par un gabarit (ou une valeur qu'il affiche) : voyez le gabarit de cette page et ses partiels",
                                    en: "this link is built by a template (or a value it shows); check the template of that page and its partials"))
    }
}

/// Why a link written by a template is broken (`Message.brokenTemplateLink`).
public enum LinkProblem {
    public static let empty = LocalizedText(fr: "est vide", en: "is empty")
    public static let aboveRoot = LocalizedText(fr: "remonte au-dessus de la racine du site", en: "leads above the site's root")

    public static func notPublished(_ target: String) -> LocalizedText {
        LocalizedText(fr: "mène à « /\(target) », qui n'est pas publié", en: "leads to “/\(target)”, which is not published")
    }

    public static func missingAnchor(_ anchor: String, page: String) -> LocalizedText {
        LocalizedText(fr: "vise l'ancre « \(anchor) », qui n'est pas sur « /\(page) »",
                      en: "points to the anchor “\(anchor)”, which is not on “/\(page)”")
    }
}
