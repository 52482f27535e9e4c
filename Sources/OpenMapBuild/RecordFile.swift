import BinaryCoding
import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// The build record's file (`.openmap/record` by default): the one format a build keeps for the
/// next, outside the published folder.
///
/// Binary, little-endian: a format line, then a header (the program that wrote it, the content
/// folder, the outputs' key, the sources' stamps, the warnings), the parsed content files (each
/// encoded on its own, decoded only when the loader asks for it), the rendered texts (likewise),
/// the outputs, and a checksum of all that. A file of another format or program, cut short or
/// damaged anywhere, is not used (`read` says why, in one line); a file for another content
/// folder is not either. Entries that did not change are written back as their bytes were read.
enum RecordFile {
    static let formatLine = Array("openmap-record 1\n".utf8)

    struct Header: Codable {
        var program: String
        var contentDirectory: String
        var outputsKey: String
        var outputFolder: String
        var sources: SourceStamps
        var diagnostics: [Diagnostic]
    }

    struct Outputs: Codable {
        var files: [File]
        var folders: [Folder]

        struct File: Codable {
            var path: String
            var record: OutputRecord
        }

        struct Folder: Codable {
            var path: String
            var modified: Int64
        }
    }

    /// Why a record file is not used: said to the user in one line (nil: there is none).
    enum Unusable: Error, Equatable {
        case damaged
        case otherProgram
        case otherContent

        var note: String {
            switch self {
            case .damaged: "l’enregistrement de la construction précédente est endommagé : il est ignoré, tout est refait"
            case .otherProgram: "l’enregistrement de la construction précédente vient d’une autre version d’openmap : il est ignoré, tout est refait"
            case .otherContent: "l’enregistrement de la construction précédente porte sur un autre dossier de contenu : il est ignoré, tout est refait"
            }
        }
    }

    /// The record in `path`; nil when there is no file.
    static func read(_ path: String, contentDirectory: String) -> Result<BuildRecord, Unusable>? {
        guard let bytes = Bytes.contents(of: path) else { return nil }
        do {
            return .success(try decode(bytes, contentDirectory: contentDirectory))
        } catch let unusable as Unusable {
            return .failure(unusable)
        } catch {
            return .failure(.damaged)
        }
    }

    static func decode(_ bytes: [UInt8], contentDirectory: String) throws -> BuildRecord {
        guard bytes.count >= formatLine.count + 8, bytes.starts(with: formatLine) else { throw Unusable.damaged }
        let checksumAt = bytes.count - 8
        let checksum = bytes.withUnsafeBytes { StableDigest.of(UnsafeRawBufferPointer(rebasing: $0[..<checksumAt])) }
        var reader = Reader(bytes: bytes, position: formatLine.count, end: checksumAt)
        var tail = Reader(bytes: bytes, position: checksumAt, end: bytes.count)
        guard try tail.uint64() == checksum else { throw Unusable.damaged }

        let header = try BinaryCoding.decode(Header.self, from: try reader.run())
        guard header.program == SourceSnapshot.programStamp else { throw Unusable.otherProgram }
        guard header.contentDirectory == contentDirectory else { throw Unusable.otherContent }
        var record = BuildRecord()
        record.outputsKey = header.outputsKey
        record.outputFolder = header.outputFolder
        record.sources = header.sources
        record.diagnostics = header.diagnostics

        var parsed: [String: ParsedFiles.Entry] = [:]
        let parsedCount = try reader.uint64()
        parsed.reserveCapacity(Int(min(parsedCount, UInt64(bytes.count))))
        for _ in 0..<parsedCount {
            let path = String(decoding: try reader.run(), as: UTF8.self)
            parsed[path] = ParsedFiles.Entry(file: nil, encoded: try reader.run())
        }
        record.parsed = ParsedFiles(parsed)

        var texts: [RenderedTexts.Key: RenderedTexts.Entry] = [:]
        let textCount = try reader.uint64()
        texts.reserveCapacity(Int(min(textCount, UInt64(bytes.count))))
        for _ in 0..<textCount {
            let key = RenderedTexts.Key(digest: try reader.uint64(), length: Int(try reader.uint64()))
            let linksFingerprint = try reader.uint64()
            texts[key] = RenderedTexts.Entry(text: nil, linksFingerprint: linksFingerprint, encoded: try reader.run())
        }
        record.texts = RenderedTexts(texts)

        let outputs = try BinaryCoding.decode(Outputs.self, from: try reader.run())
        record.outputs = OutputRecords(Dictionary(outputs.files.map { ($0.path, $0.record) }, uniquingKeysWith: { first, _ in first }))
        record.folders = Dictionary(outputs.folders.map { ($0.path, $0.modified) }, uniquingKeysWith: { first, _ in first })
        guard reader.position == checksumAt else { throw Unusable.damaged }
        return record
    }

    static func encode(_ record: BuildRecord, contentDirectory: String) throws -> [UInt8] {
        var bytes = formatLine
        func run(_ part: some Collection<UInt8>) {
            append(UInt64(part.count), to: &bytes)
            bytes.append(contentsOf: part)
        }
        run(try BinaryCoding.encode(Header(program: SourceSnapshot.programStamp, contentDirectory: contentDirectory,
                                           outputsKey: record.outputsKey, outputFolder: record.outputFolder, sources: record.sources,
                                           diagnostics: record.diagnostics)))
        // Sorted, so that the same record gives the same bytes.
        let parsed = record.parsed.all.sorted { $0.key < $1.key }
        append(UInt64(parsed.count), to: &bytes)
        for (path, entry) in parsed {
            run(Array(path.utf8))
            if let encoded = entry.encoded {
                run(encoded)
            } else if let file = entry.file {
                run(try BinaryCoding.encode(file))
            } else {
                run([UInt8]())  // does not decode: the file is parsed again
            }
        }
        let texts = record.texts.all.sorted { ($0.key.digest, $0.key.length) < ($1.key.digest, $1.key.length) }
        append(UInt64(texts.count), to: &bytes)
        for (key, entry) in texts {
            append(key.digest, to: &bytes)
            append(UInt64(key.length), to: &bytes)
            append(entry.linksFingerprint, to: &bytes)
            if let encoded = entry.encoded {
                run(encoded)
            } else if let text = entry.text {
                run(try BinaryCoding.encode(text))
            } else {
                run([UInt8]())
            }
        }
        let outputs = Outputs(files: record.outputs.all.sorted { $0.key < $1.key }.map { Outputs.File(path: $0.key, record: $0.value) },
                              folders: record.folders.sorted { $0.key < $1.key }.map { Outputs.Folder(path: $0.key, modified: $0.value) })
        run(try BinaryCoding.encode(outputs))
        append(StableDigest.of(bytes), to: &bytes)
        return bytes
    }

    /// Writes the record beside its final place, then renames it there: a reader finds the
    /// previous record or this one, whole.
    static func write(_ record: BuildRecord, to path: String, contentDirectory: String) throws {
        let bytes = try encode(record, contentDirectory: contentDirectory)
        let folder = FastFile.parentFolder(of: path)
        try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let temporary = path + ".\(getpid()).tmp"
        try FastFile.save(bytes, to: temporary)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError.systemCall("rename", path, code)
        }
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Reads the file's fixed-size numbers and length-prefixed runs.
    struct Reader {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func uint64() throws -> UInt64 {
            guard position + 8 <= end else { throw Unusable.damaged }
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
            position += 8
            return value
        }

        mutating func run() throws -> ArraySlice<UInt8> {
            let length = try uint64()
            guard length <= UInt64(end - position) else { throw Unusable.damaged }
            defer { position += Int(length) }
            return bytes[position..<(position + Int(length))]
        }
    }
}
