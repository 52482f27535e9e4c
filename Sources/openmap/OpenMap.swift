import ArgumentParser

@main
struct OpenMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openmap",
        abstract: "Build the OpenMap Numériques site from its Markdown and YAML content.",
        discussion: """
            Content (roadmaps, Matinales, buyers, suppliers, pitches, testimonials, pages) is read \
            from a content folder, checked, and rendered through Mustache templates into a static site.

            Typical use:
              openmap check            report every problem in content/
              openmap build            check, then render content/ into site/
              openmap schedule SLUG    compute the meeting timetable of a Matinale
            """,
        subcommands: [Check.self, Build.self, Schedule.self],
        defaultSubcommand: nil
    )
}
