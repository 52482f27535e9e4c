import Foundation
@testable import OpenMapContent

/// libFuzzer entry: the CSV reader of registration exports. Every field's column must lie on its line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if case .success(let records) = CSV.parse(text) {
        for record in records where record.line < 1 || record.fields.contains(where: { $0.column < 1 || $0.length < 1 }) {
            FileHandle.standardError.write(Data("CSV position out of range on line \(record.line)\n".utf8))
            abort()
        }
    }
    return 0
}
