// swift-tools-version:6.0
import PackageDescription

// The site's templates rendered through swift-mustache (the engine openmap used until
// OpenMapTemplates) and through OpenMapTemplates, with the same views, side by side: their
// outputs compared byte for byte, their times measured. A package of its own, so that openmap
// itself no longer depends on swift-mustache. `make bench-templates` builds and runs it.
let package = Package(
    name: "template-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "openmap", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .executableTarget(name: "template-bench",
                          dependencies: [.product(name: "OpenMapSite", package: "openmap"),
                                         .product(name: "Mustache", package: "swift-mustache")],
                          path: "Sources"),
    ],
    swiftLanguageModes: [.v6]
)
