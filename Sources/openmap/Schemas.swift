import ArgumentParser
import Diagnostics
import Foundation
import OpenMapContent

struct Schemas: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: T(fr: "Écrit les schémas JSON des fichiers de contenu (complétion et vérification dans l'éditeur).",
                        en: "Write the JSON Schemas of the content files (for completion and checks in the editor).").text,
            discussion: T(fr: """
                Un schéma (JSON Schema 2020-12) par type de fichier : site, themes, cpv, buyer, supplier, \
                et l'en-tête des roadmap, matinale, pitch, testimonial et page. Ils sont produits à partir \
                de la table des champs que lit openmap. Avec --content, les thèmes, codes CPV, acheteurs \
                et prestataires du site y deviennent des listes de valeurs que l'éditeur propose. \
                docs/guide-redaction.md montre comment les brancher sur le serveur de langage YAML.
                """, en: """
                One schema (JSON Schema draft 2020-12) per kind of file: site, themes, cpv, buyer, \
                supplier, and the front matter of roadmap, matinale, pitch, testimonial and page. They \
                are generated from the field table the loader is checked against. With --content, the \
                site's themes, CPV codes, buyers and suppliers become lists of values the editor offers. \
                docs/guide-redaction.md shows how to point the YAML language server at them.
                """).text)
    }

    @Option(name: .long, help: ArgumentHelp(T(fr: "Le dossier où écrire les schémas.", en: "The folder to write the schemas into.").text,
                                            valueName: T.dir.text))
    var output = "schemas"

    @Option(name: .long, help: ArgumentHelp(
        T(fr: "Un dossier de contenu dont les thèmes, codes CPV, acheteurs et prestataires deviennent des listes de valeurs.",
          en: "A content folder whose themes, CPV codes, buyers and suppliers become enumerations.").text,
        valueName: T.dir.text))
    var content: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        var vocabulary: ContentSchema.Vocabulary?
        if let content {
            guard FileManager.default.fileExists(atPath: content) else {
                throw ValidationError(T(fr: "le dossier de contenu « \(content) » n'existe pas",
                                        en: "the content folder “\(content)” does not exist").text)
            }
            vocabulary = ContentSchema.Vocabulary(ContentLoader(contentDirectory: content).load().content)
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let schemas = ContentSchema.generate(vocabulary: vocabulary)
        for schema in schemas {
            let path = (output as NSString).appendingPathComponent(schema.fileName)
            try Data(schema.text.utf8).write(to: URL(fileURLWithPath: path))
        }
        let folder = Reporter.folder(output)
        print(T(fr: "\(schemas.count) schémas écrits dans \(folder)", en: "Wrote \(schemas.count) schemas into \(folder)").text)
    }
}
