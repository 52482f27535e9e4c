import ArgumentParser
import Foundation
import OpenMapContent

struct Schemas: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the JSON Schemas of the content files (for completion and checks in the editor).",
        discussion: """
            One schema (JSON Schema draft 2020-12) per kind of file: site, themes, cpv, buyer, \
            supplier, and the front matter of roadmap, matinale, pitch, testimonial and page. They \
            are generated from the field table the loader is checked against; docs/edition.md \
            shows how to point the YAML language server at them.
            """)

    @Option(name: .long, help: ArgumentHelp("The folder to write the schemas into.", valueName: "dir"))
    var output = "schemas"

    func run() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let schemas = ContentSchema.generate()
        for schema in schemas {
            let path = (output as NSString).appendingPathComponent(schema.fileName)
            try Data(schema.text.utf8).write(to: URL(fileURLWithPath: path))
        }
        print("Wrote \(schemas.count) schemas into \(Reporter.folder(output))")
    }
}
