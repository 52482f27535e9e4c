import ArgumentParser

@main
struct OpenMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openmap",
        abstract: "Build the OpenMap Numériques site from its Markdown and YAML content.",
        discussion: """
            Content (roadmaps, Matinales, buyers, suppliers, pitches, testimonials, pages) is read \
            from a content folder, checked, and rendered through Mustache templates into a static site.

            Typical use:
              openmap check              report every problem in content/
              openmap build              check, then render content/ into site/
              openmap serve              preview at http://127.0.0.1:8080, rebuilt on save
              openmap schedule SLUG      compute the meeting timetable of a Matinale
              openmap new roadmap SLUG   start a content file from a commented template
              openmap schemas            write the JSON Schemas into schemas/
            """,
        subcommands: [Check.self, Build.self, Schedule.self, Serve.self, New.self, Schemas.self],
        defaultSubcommand: nil
    )
}
