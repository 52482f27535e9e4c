import BinaryCoding
import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// The build record's files (in `.openmap/` by default): the one format a build keeps for the
/// next, outside the published folder.
///
/// Three files, each binary and little-endian, a format line first and a checksum of the rest
/// last: `record` holds a header (the program that wrote it, the content folder, the outputs'
/// key and folder, the sources' stamps, the warnings, the names of the two other files) and
/// the outputs; `parsed-<digest>` the parsed content files and `texts-<digest>` the rendered
/// texts, each entry encoded on its own (decoded only when asked for, written back as its bytes
/// were read). A build that changed no parsed file or no text keeps that file as it is (most
/// builds rewrite a third of the record); a build with nothing to do reads `record` alone. A
/// file of another format or program, cut short or damaged anywhere, is not used (`read` says
/// why, in one line); a record for another content folder is not either.
enum RecordFile {
    static let formatLine = Array("openmap-record 2\n".utf8)
    static let parsedFormatLine = Array("openmap-record-parsed 2\n".utf8)
    static let textsFormatLine = Array("openmap-record-texts 2\n".utf8)

    struct Header: Codable {
        var program: String
        var contentDirectory: String
        var outputsKey: String
        var outputFolder: String
        var sources: SourceStamps
        var diagnostics: [Diagnostic]
        /// The files holding the parsed content files and the texts, beside this one.
        var parsedFile: String
        var textsFile: String
    }

    /// Why a record file is not used: said to the user in one line (nil: there is none).
    enum Unusable: Error, Equatable {
        case damaged
        case otherProgram
        case otherContent

        var note: String {
            let text = switch self {
            case .damaged:
                LocalizedText(fr: "l'enregistrement de la construction précédente est endommagé : il est ignoré, tout est refait",
                              en: "the previous build's record is damaged: it is ignored, everything is made again")
            case .otherProgram:
                LocalizedText(fr: "l'enregistrement de la construction précédente vient d'une autre version d'openmap : il est ignoré, tout est refait",
                              en: "the previous build's record comes from another version of openmap: it is ignored, everything is made again")
            case .otherContent:
                LocalizedText(fr: "l'enregistrement de la construction précédente porte sur un autre dossier de contenu : il est ignoré, tout est refait",
                              en: "the previous build's record is of another content folder: it is ignored, everything is made again")
            }
            return text[.current]
        }
    }

    /// The record in `path` (its header and outputs; `loadSections` reads the rest); nil when
    /// there is no file.
    static func read(_ path: String, contentDirectory: String) -> Result<BuildRecord, Unusable>? {
        guard let bytes = Bytes.contents(of: path) else { return nil }
        do {
            var record = try decode(bytes, contentDirectory: contentDirectory)
            let folder = FastFile.parentFolder(of: path)
            record.pendingSections = record.pendingSections.map { (folder + "/" + $0.parsed, folder + "/" + $0.texts) }
            return .success(record)
        } catch let unusable as Unusable {
            return .failure(unusable)
        } catch {
            return .failure(.damaged)
        }
    }

    /// Reads the parsed files and texts of a record `read` gave; false (and both left empty:
    /// everything is parsed and rendered again) when either cannot be used.
    static func loadSections(of record: inout BuildRecord) -> Bool {
        guard let files = record.pendingSections else { return true }
        record.pendingSections = nil
        guard let parsedBytes = Bytes.contents(of: files.parsed), let textsBytes = Bytes.contents(of: files.texts),
              let parsed = try? decodeParsed(parsedBytes), let texts = try? decodeTexts(textsBytes) else { return false }
        record.parsed = parsed
        record.texts = texts
        (record.parsedFile, record.textsFile) = (files.parsed, files.texts)
        return true
    }

    /// The bytes between a file's format line and its checksum, checked.
    private static func body(of bytes: [UInt8], format: [UInt8]) throws -> Reader {
        guard bytes.count >= format.count + 8, bytes.starts(with: format) else { throw Unusable.damaged }
        let checksumAt = bytes.count - 8
        let checksum = bytes.withUnsafeBytes { StableDigest.of(UnsafeRawBufferPointer(rebasing: $0[..<checksumAt])) }
        var tail = Reader(bytes: bytes, position: checksumAt, end: bytes.count)
        guard try tail.uint64() == checksum else { throw Unusable.damaged }
        return Reader(bytes: bytes, position: format.count, end: checksumAt)
    }

    static func decode(_ bytes: [UInt8], contentDirectory: String) throws -> BuildRecord {
        var reader = try body(of: bytes, format: formatLine)
        let header = try BinaryCoding.decode(Header.self, from: try reader.run())
        guard header.program == SourceSnapshot.programStamp else { throw Unusable.otherProgram }
        guard header.contentDirectory == contentDirectory else { throw Unusable.otherContent }
        var record = BuildRecord()
        record.outputsKey = header.outputsKey
        record.outputFolder = header.outputFolder
        record.sources = header.sources
        record.diagnostics = header.diagnostics
        record.pendingSections = (header.parsedFile, header.textsFile)
        try readOutputs(into: &record, from: &reader)
        guard reader.position == reader.end else { throw Unusable.damaged }
        return record
    }

    static func decodeParsed(_ bytes: [UInt8]) throws -> ParsedFiles {
        var reader = try body(of: bytes, format: parsedFormatLine)
        var parsed: [String: ParsedFiles.Entry] = [:]
        let count = try reader.uint64()
        parsed.reserveCapacity(Int(min(count, UInt64(bytes.count))))
        for _ in 0..<count {
            let path = String(decoding: try reader.run(), as: UTF8.self)
            parsed[path] = ParsedFiles.Entry(file: nil, encoded: try reader.run())
        }
        guard reader.position == reader.end else { throw Unusable.damaged }
        return ParsedFiles(parsed)
    }

    static func decodeTexts(_ bytes: [UInt8]) throws -> RenderedTexts {
        var reader = try body(of: bytes, format: textsFormatLine)
        var texts: [RenderedTexts.Key: RenderedTexts.Entry] = [:]
        let count = try reader.uint64()
        texts.reserveCapacity(Int(min(count, UInt64(bytes.count))))
        for _ in 0..<count {
            let key = RenderedTexts.Key(digest: try reader.uint64(), length: Int(try reader.uint64()))
            let linksFingerprint = try reader.uint64()
            texts[key] = RenderedTexts.Entry(rendered: RenderedTexts.Part(value: nil, encoded: try reader.run()),
                                             links: RenderedTexts.Part(value: nil, encoded: try reader.run()),
                                             linksFingerprint: linksFingerprint)
        }
        guard reader.position == reader.end else { throw Unusable.damaged }
        return RenderedTexts(texts)
    }

    private static func run(_ part: some Collection<UInt8>, to bytes: inout [UInt8]) {
        append(UInt64(part.count), to: &bytes)
        bytes.append(contentsOf: part)
    }

    static func encode(_ record: BuildRecord, contentDirectory: String, parsedFile: String, textsFile: String,
                       program: String = SourceSnapshot.programStamp) throws -> [UInt8] {
        let output = SealedOutput()
        try encode(record, contentDirectory: contentDirectory, parsedFile: parsedFile, textsFile: textsFile, program: program, into: output)
        return output.bytes
    }

    static func encode(_ record: BuildRecord, contentDirectory: String, parsedFile: String, textsFile: String,
                       program: String = SourceSnapshot.programStamp, into output: SealedOutput) throws {
        output.bytes = formatLine
        run(try BinaryCoding.encode(Header(program: program, contentDirectory: contentDirectory,
                                           outputsKey: record.outputsKey, outputFolder: record.outputFolder, sources: record.sources,
                                           diagnostics: record.diagnostics, parsedFile: parsedFile, textsFile: textsFile)), to: &output.bytes)
        try writeOutputs(of: record, to: output)
        try output.seal()
    }

    static func encodeParsed(_ parsed: ParsedFiles) throws -> [UInt8] {
        let output = SealedOutput()
        try encodeParsed(parsed, into: output)
        return output.bytes
    }

    /// Sorted, so that the same entries give the same bytes.
    static func encodeParsed(_ parsed: ParsedFiles, into output: SealedOutput) throws {
        output.bytes = parsedFormatLine
        let entries = parsed.all.sorted { $0.key < $1.key }
        append(UInt64(entries.count), to: &output.bytes)
        for (path, entry) in entries {
            run(Array(path.utf8), to: &output.bytes)
            if let encoded = entry.encoded {
                run(encoded, to: &output.bytes)
            } else if let file = entry.file {
                run(try BinaryCoding.encode(file), to: &output.bytes)
            } else {
                run([UInt8](), to: &output.bytes)  // does not decode: the file is parsed again
            }
            try output.spillWhenFull()
        }
        try output.seal()
    }

    static func encodeTexts(_ texts: RenderedTexts) throws -> [UInt8] {
        let output = SealedOutput()
        try encodeTexts(texts, into: output)
        return output.bytes
    }

    static func encodeTexts(_ texts: RenderedTexts, into output: SealedOutput) throws {
        output.bytes = textsFormatLine
        let entries = texts.all.sorted { ($0.key.digest, $0.key.length) < ($1.key.digest, $1.key.length) }
        append(UInt64(entries.count), to: &output.bytes)
        for (key, entry) in entries {
            append(key.digest, to: &output.bytes)
            append(UInt64(key.length), to: &output.bytes)
            append(entry.linksFingerprint, to: &output.bytes)
            run(try entry.rendered.encoded ?? entry.rendered.value.map(BinaryCoding.encode)?[...] ?? [], to: &output.bytes)
            run(try entry.links.encoded ?? entry.links.value.map(BinaryCoding.encode)?[...] ?? [], to: &output.bytes)
            try output.spillWhenFull()
        }
        try output.seal()
    }

    /// Writes the record into the folder of `path`: the parsed files and the texts in files named
    /// by their digest (kept as they are when unchanged), then `record` naming them, beside its
    /// place then renamed there (a reader finds the previous record or this one, whole), then
    /// the section files no record names any more are removed.
    /// `parsedFile`: the parsed files' section when it is written already (`ParsedSectionWriter`).
    static func write(_ record: BuildRecord, to path: String, contentDirectory: String, parsedFile written: String? = nil) throws {
        let folder = FastFile.parentFolder(of: path)
        let parsedFile = try written ?? section("parsed", of: record.parsed.modified, kept: record.parsedFile, in: folder) {
            try encodeParsed(record.parsed, into: $0)
        }
        let textsFile = try section("texts", of: record.texts.modified, kept: record.textsFile, in: folder) {
            try encodeTexts(record.texts, into: $0)
        }
        let output = try SealedOutput(writingTo: path + ".\(getpid()).tmp")
        try encode(record, contentDirectory: contentDirectory, parsedFile: parsedFile, textsFile: textsFile, into: output)
        try output.rename(to: path)
        for entry in FolderListing.entries(of: folder) ?? []
        where (entry.name.hasPrefix("parsed-") || entry.name.hasPrefix("texts-")) && entry.name != parsedFile && entry.name != textsFile {
            unlink(folder + "/" + entry.name)
        }
    }

    /// Writes a record's texts now, beside where its `record` file goes, and lets them go: a
    /// build does so once its pages' views are made, before the pages are (the peak of its
    /// memory). `write` then names that file.
    static func setAsideTexts(of record: inout BuildRecord, beside path: String) {
        let folder = FastFile.parentFolder(of: path)
        let texts = record.texts
        guard let name = try? section("texts", of: texts.modified, kept: record.textsFile, in: folder, { try encodeTexts(texts, into: $0) })
        else { return }
        record.textsFile = folder + "/" + name
        record.texts = RenderedTexts()
    }

    /// The name of a section's file in `folder`: `kept` when the section is unchanged and the
    /// file is there, else a new file named by its checksum.
    fileprivate static func section(_ prefix: String, of modified: Bool, kept: String?, in folder: String,
                                _ encode: (SealedOutput) throws -> Void) throws -> String {
        if !modified, let kept, FileManager.default.fileExists(atPath: kept) { return (kept as NSString).lastPathComponent }
        try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let output = try SealedOutput(writingTo: folder + "/" + prefix + ".\(getpid()).tmp")
        try encode(output)
        let name = prefix + "-" + String(output.checksum, radix: 16)
        try output.rename(to: folder + "/" + name)
        return name
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func appendText(_ text: String, to bytes: inout [UInt8]) {
        appendVarint(UInt64(text.utf8.count), to: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    // MARK: - Outputs
    //
    // Written by hand rather than through BinaryCoding: tens of thousands of entries that every
    // build reads (a build with nothing to do reads nothing else), where Codable's generic calls
    // cost five times the time. The input table, then each file (path; what it holds: a
    // fingerprint, inputs, anchors; then digest, size, time), then each folder with its time.

    private enum Has {
        static let fingerprint: UInt8 = 1
        static let inputs: UInt8 = 2
        static let anchors: UInt8 = 4
    }

    static func writeOutputs(of record: BuildRecord, to output: SealedOutput) throws {
        appendVarint(UInt64(record.inputs.count), to: &output.bytes)
        for input in record.inputs {
            appendText(input.name, to: &output.bytes)
            append(input.digest, to: &output.bytes)
        }
        try output.spillWhenFull()
        let files = record.outputs.all.sorted { $0.key < $1.key }
        appendVarint(UInt64(files.count), to: &output.bytes)
        for (path, file) in files {
            try output.spillWhenFull()
            appendText(path, to: &output.bytes)
            var has: UInt8 = 0
            if file.fingerprint != nil { has |= Has.fingerprint }
            if file.inputs != nil { has |= Has.inputs }
            if file.anchors != nil { has |= Has.anchors }
            output.bytes.append(has)
            if let fingerprint = file.fingerprint { append(fingerprint, to: &output.bytes) }
            if let inputs = file.inputs {
                appendVarint(UInt64(inputs.count), to: &output.bytes)
                for position in inputs { appendVarint(UInt64(UInt32(bitPattern: position)), to: &output.bytes) }
            }
            append(file.digest, to: &output.bytes)
            append(UInt64(bitPattern: file.size), to: &output.bytes)
            append(UInt64(bitPattern: file.modified), to: &output.bytes)
            if let anchors = file.anchors {
                appendVarint(UInt64(anchors.count), to: &output.bytes)
                for anchor in anchors { append(anchor, to: &output.bytes) }
            }
        }
        let folders = record.folders.sorted { $0.key < $1.key }
        appendVarint(UInt64(folders.count), to: &output.bytes)
        for (path, modified) in folders {
            appendText(path, to: &output.bytes)
            append(UInt64(bitPattern: modified), to: &output.bytes)
            try output.spillWhenFull()
        }
    }

    static func readOutputs(into record: inout BuildRecord, from reader: inout Reader) throws {
        let inputCount = try reader.count()
        var inputs: [PageInput] = []
        inputs.reserveCapacity(inputCount)
        for _ in 0..<inputCount {
            inputs.append(PageInput(try reader.text(), try reader.uint64()))
        }
        let fileCount = try reader.count()
        var files: [String: OutputRecord] = [:]
        files.reserveCapacity(fileCount)
        for _ in 0..<fileCount {
            let path = try reader.text()
            let has = try reader.byte()
            let fingerprint = has & Has.fingerprint != 0 ? try reader.uint64() : nil
            var positions: [Int32]?
            if has & Has.inputs != 0 {
                let count = try reader.count()
                var list: [Int32] = []
                list.reserveCapacity(count)
                for _ in 0..<count {
                    let position = try reader.varint()
                    guard position < UInt64(inputCount) else { throw Unusable.damaged }
                    list.append(Int32(position))
                }
                positions = list
            }
            var file = OutputRecord(fingerprint: fingerprint, digest: try reader.uint64(),
                                    size: Int64(bitPattern: try reader.uint64()), modified: Int64(bitPattern: try reader.uint64()),
                                    anchors: nil)
            file.inputs = positions
            if has & Has.anchors != 0 {
                let count = try reader.count()
                var anchors: [UInt64] = []
                anchors.reserveCapacity(count)
                for _ in 0..<count { anchors.append(try reader.uint64()) }
                file.anchors = anchors
            }
            files[path] = file
        }
        let folderCount = try reader.count()
        var folders: [String: Int64] = [:]
        folders.reserveCapacity(folderCount)
        for _ in 0..<folderCount {
            folders[try reader.text()] = Int64(bitPattern: try reader.uint64())
        }
        record.inputs = inputs
        record.outputs = OutputRecords(files)
        record.folders = folders
    }

    /// Reads the file's numbers, texts and length-prefixed runs; any overrun is damage.
    struct Reader {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func byte() throws -> UInt8 {
            guard position < end else { throw Unusable.damaged }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func uint64() throws -> UInt64 {
            guard position + 8 <= end else { throw Unusable.damaged }
            defer { position += 8 }
            return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)) }
        }

        mutating func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                guard shift < 64 else { throw Unusable.damaged }
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        /// A count of things that each take at least a byte: no larger than what is left.
        mutating func count() throws -> Int {
            let value = try varint()
            guard value <= UInt64(end - position) else { throw Unusable.damaged }
            return Int(value)
        }

        mutating func text() throws -> String {
            let length = try count()
            defer { position += length }
            return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        }

        mutating func run() throws -> ArraySlice<UInt8> {
            let length = try uint64()
            guard length <= UInt64(end - position) else { throw Unusable.damaged }
            defer { position += Int(length) }
            return bytes[position..<(position + Int(length))]
        }
    }
}

/// Where a record file's bytes go as they are encoded: to its file a megabyte at a time (a
/// large site's record is tens of megabytes, never whole in memory at a build's end), or kept
/// whole (`bytes`, without a file). The digest of what was written is kept as it goes; `seal`
/// ends the file with it, the checksum a reader checks.
final class SealedOutput {
    /// What was encoded and not yet written: encoders append here.
    var bytes: [UInt8] = []
    private(set) var checksum: UInt64 = 0
    private var digest = StableDigest.Stream()
    /// The file being written, until it is renamed into place (then closed).
    private let path: String?
    private var descriptor: Int32 = -1
    private var renamed = false
    private static let spillSize = 1 << 20

    /// Bytes kept in memory.
    init() { path = nil }

    /// Bytes written to a new file at `path` (replaced if there is one).
    init(writingTo path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.systemCall("open", path, errno) }
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if let path, !renamed { unlink(path) }  // abandoned half-way
    }

    func spillWhenFull() throws {
        if path != nil, bytes.count >= Self.spillSize { try spill() }
    }

    private func spill() throws {
        digest.update(bytes)
        if let path {
            try FastFile.writeAll(bytes, to: descriptor, path: path)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Ends the file with the digest of everything before.
    func seal() throws {
        try spill()
        checksum = digest.finalize()
        RecordFile.append(checksum, to: &bytes)
        if let path {
            try FastFile.writeAll(bytes, to: descriptor, path: path)
            bytes = []
        }
    }

    /// Gives the sealed file its name: a reader finds the previous file there, or this one whole.
    func rename(to destination: String) throws {
        guard let path else { return }
        close(descriptor)
        descriptor = -1
        guard Glibc.rename(path, destination) == 0 else { throw OutputError.systemCall("rename", destination, errno) }
        renamed = true
    }
}

/// The record's parsed files' section, written on another thread while the build goes on: the
/// parsed files are final once loaded, and encoding them at the end of a clean 10 000-need build
/// (a sixth of a second) kept one core busy while the other had nothing left to do.
final class ParsedSectionWriter: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written by the writing thread before `done` is left, read after waiting on it.
    private var name: String?

    init(_ parsed: ParsedFiles, kept: String?, beside recordPath: String) {
        let folder = FastFile.parentFolder(of: recordPath)
        done.enter()
        DispatchQueue.global().async { [self] in
            name = try? RecordFile.section("parsed", of: parsed.modified, kept: kept, in: folder) {
                try RecordFile.encodeParsed(parsed, into: $0)
            }
            done.leave()
        }
    }

    /// The section's file name once it is written; nil when it could not be (the record then
    /// writes it itself).
    func fileName() -> String? {
        done.wait()
        return name
    }
}
