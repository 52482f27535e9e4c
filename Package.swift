// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way:
// C wrappers → content model, loading, validation → scheduling (pure) → rendering → build → CLI.
let package = Package(
    name: "openmap",
    platforms: [.macOS(.v15)],  // Synchronization's Mutex and Atomic
    products: [
        .executable(name: "openmap", targets: ["openmap"]),
        // For bench/templates (its own package: swift-mustache beside OpenMapTemplates).
        .library(name: "OpenMapSite", targets: ["OpenMapContent", "OpenMapBuild", "OpenMapRender", "OpenMapTemplates"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian (libcmark-gfm-dev, libcmark-gfm-extensions-dev, libyaml-dev).
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        // Diagnostics shared by every phase: severity, location, code, message, hint.
        .target(name: "Diagnostics"),
        // A compact binary form for Codable values: the build record's file, and digests.
        .target(name: "BinaryCoding"),
        // Safe Swift wrappers: no C type leaks past them.
        .target(name: "OpenMapYAML", dependencies: ["CYAML"]),
        .target(name: "OpenMapMarkdown", dependencies: ["CCmarkGFM", "OpenMapText"]), // shared slug rule
        // French typography, dates, times, amounts: pure text functions.
        .target(name: "OpenMapText"),
        // Content model, loading (files → model) and validation (rules, cross-references).
        .target(name: "OpenMapContent",
                dependencies: ["Diagnostics", "OpenMapYAML", "OpenMapMarkdown", "OpenMapText", "BinaryCoding"]),
        // Meeting timetables: a pure algorithm over plain values, no I/O, no content types.
        .target(name: "Scheduling"),
        .target(name: "OpenMapFormats"),
        // Mustache templates: a parser and a renderer over plain Swift values, no content types.
        .target(name: "OpenMapTemplates"),
        // Pages, feeds and files from the model, through Mustache templates.
        .target(name: "OpenMapRender",
                dependencies: ["Diagnostics", "OpenMapContent", "OpenMapMarkdown", "OpenMapText", "BinaryCoding",
                               "Scheduling", "OpenMapFormats", "OpenMapTemplates"]),
        // The pipeline: load → validate → schedule → render → write, each phase timed.
        .target(name: "OpenMapBuild",
                dependencies: ["Diagnostics", "OpenMapContent", "Scheduling", "OpenMapRender", "BinaryCoding"]),
        // The preview server: builds into memory, watches the sources, reloads open pages.
        .target(name: "OpenMapServe",
                dependencies: ["OpenMapBuild", "Diagnostics", "OpenMapContent", "OpenMapRender",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "openmap",
                          dependencies: ["OpenMapBuild", "OpenMapServe", "Diagnostics", "OpenMapContent", "Scheduling",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "schedule-bench", dependencies: ["Scheduling"]),
        // Deterministic benchmark corpora (and their Hugo twin) for `make bench`.
        .target(name: "OpenMapCorpus"),
        .executableTarget(name: "openmap-corpus",
                          dependencies: ["OpenMapCorpus", "OpenMapYAML", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Helpers shared by the test targets (running Python's independent parsers).
        .target(name: "OpenMapTestSupport", path: "Tests/Support"),
        .testTarget(name: "BinaryCodingTests", dependencies: ["BinaryCoding"]),
        .testTarget(name: "OpenMapYAMLTests", dependencies: ["OpenMapYAML"]),
        .testTarget(name: "OpenMapMarkdownTests", dependencies: ["OpenMapMarkdown"]),
        .testTarget(name: "OpenMapTextTests", dependencies: ["OpenMapText"]),
        .testTarget(name: "OpenMapContentTests", dependencies: ["OpenMapTestSupport", "OpenMapContent", "Diagnostics"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(name: "OpenMapTemplatesTests", dependencies: ["OpenMapTemplates"],
                    resources: [.copy("Resources/mustache-spec")]),
        .testTarget(name: "OpenMapFormatsTests", dependencies: ["OpenMapTestSupport", "OpenMapFormats"]),
        .testTarget(name: "OpenMapRenderTests", dependencies: ["OpenMapTestSupport", "OpenMapRender", "OpenMapContent", "BinaryCoding"]),
        .testTarget(name: "OpenMapBuildTests", dependencies: ["OpenMapTestSupport", "OpenMapBuild", "OpenMapContent", "OpenMapRender", "Diagnostics",
                                                              "OpenMapCorpus", "OpenMapServe"]),
        .testTarget(name: "OpenMapServeTests", dependencies: ["OpenMapTestSupport", "OpenMapServe", "OpenMapBuild", "OpenMapContent", "OpenMapMarkdown"]),
    ],
    swiftLanguageModes: [.v6]
)
