import Foundation
import OpenMapContent
import Testing
@testable import OpenMapRender

/// Writes the fixture site to $OPENMAP_RENDER_PREVIEW (when set) to look at it in a browser:
/// `OPENMAP_RENDER_PREVIEW=/tmp/preview swift test --filter writesPreviewSite`.
@Suite struct PreviewTests {
    @Test func writesPreviewSite() throws {
        guard let output = ProcessInfo.processInfo.environment["OPENMAP_RENDER_PREVIEW"], !output.isEmpty else { return }
        let (files, _) = try Fixture.render(Fixture.content(), options: RenderOptions(today: LocalDate(year: 2015, month: 4, day: 1)))
        let manager = FileManager.default
        for file in files {
            let destination = URL(fileURLWithPath: output).appendingPathComponent(file.path)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            switch file.contents {
            case .bytes(let bytes):
                try Data(bytes).write(to: destination)
            case .copy(let source):
                if manager.fileExists(atPath: source) {
                    try? manager.removeItem(at: destination)
                    try manager.copyItem(atPath: source, toPath: destination.path)
                } else if file.path.hasSuffix(".svg") {
                    // The fixture's assets do not exist: a placeholder picture.
                    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160 90\"><rect width=\"160\" height=\"90\" fill=\"#d9c7a0\"/><circle cx=\"80\" cy=\"45\" r=\"25\" fill=\"#0f5c55\"/></svg>"
                    try Data(svg.utf8).write(to: destination)
                }
            }
        }
    }
}
