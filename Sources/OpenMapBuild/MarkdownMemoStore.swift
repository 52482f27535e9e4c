import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OpenMapContent
import OpenMapRender

/// Where `openmap build` keeps its Markdown memo between runs (`MarkdownMemo.read` says what the
/// file holds and why it can be trusted): in the site folder, written beside it first.
extension BuildPipeline {
    /// The memo of the previous build's file, or an empty one (no file, `--clean`, a file of
    /// another openmap or damaged), which this build fills for the next.
    static func markdownMemo(from path: String, reusing: Bool) -> MarkdownMemo {
        (reusing ? Bytes.contents(of: path).flatMap(MarkdownMemo.read) : nil) ?? MarkdownMemo()
    }

    /// Writes the memo's file beside the output folder (`.<site>.openmap-markdown`, to be renamed
    /// into it once the site is in place: whole or not at all) when its texts changed, then lets
    /// its texts go. Returns the file's path; nil when there is nothing to write (the site's file
    /// holds the same) or it could not be written (a cache: the build goes on without it).
    static func setAside(_ memo: MarkdownMemo, beside output: URL) -> String? {
        let parent = output.deletingLastPathComponent()
        let aside = parent.path + "/." + output.lastPathComponent + ".openmap-markdown"
        guard memo.needsSaving else {
            memo.forgetTexts()
            unlink(aside)  // left by a build killed before putting it in place
            return nil
        }
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let descriptor = open(aside, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var written = descriptor >= 0
        if descriptor >= 0 {
            memo.serialize { chunk in
                guard written else { return }
                written = (try? FastFile.writeAll(chunk, to: descriptor, path: aside)) != nil
            }
            close(descriptor)
        }
        memo.forgetTexts()
        if written { return aside }
        unlink(aside)
        return nil
    }
}
