// CSV for exports opened in French spreadsheet software (LibreOffice Calc, Excel fr-FR).
//
// - UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and
//   mangles every accent.
// - `;` separator: the French locale uses `,` as the decimal separator, so Excel expects `;`.
// - CRLF after every record, the last one included (RFC 4180).
// - A field is quoted when it contains `;`, `"`, CR or LF; inner quotes are doubled.
// - Formula injection (CSV injection) is neutralised: a cell whose first character is `=`,
//   `+`, `-`, `@`, tab or CR would be evaluated as a formula by spreadsheets, so it gets a
//   leading apostrophe `'`, which shows the value as text. This alters the data by one
//   visible character, which we prefer to running an editor's or a supplier's text as a
//   formula on a buyer's machine. Numbers we write are non-negative, so they never start
//   with `-`; columns marked numeric are still exempt, but only for cells that really are
//   numbers (a formula in a numeric column is neutralised all the same).

/// A table written as a semicolon-separated, BOM-prefixed UTF-8 CSV file.
public struct CSVTable: Sendable, Hashable {
    /// The first record; omitted from the output when empty.
    public var header: [String]
    /// Records in output order. A row shorter than the header is padded with empty cells;
    /// a longer row is written whole.
    public var rows: [[String]]
    /// Zero-based indices of columns holding numbers: a cell there that parses as a number
    /// (`-12`, `3,5`, `0.25`) is written without the apostrophe guard.
    public var numericColumns: Set<Int>

    public init(header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// The UTF-8 byte order mark written at the start of every file.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The file's bytes: BOM, then each record followed by CRLF.
    public func serialized() -> [UInt8] {
        Self.serialized(header: header, numericColumns: numericColumns, rowCount: rows.count) { rows[$0] }
    }

    /// The same for rows made one at a time (`row(index)`), so that a large export never holds
    /// every row at once. Written over UTF-8 bytes, cell by cell, straight into the file's
    /// bytes (the open data of a large site has hundreds of thousands of cells).
    public static func serialized(header: [String], numericColumns: Set<Int> = [], rowCount: Int,
                                  row: (Int) -> [String]) -> [UInt8] {
        var bytes = byteOrderMark
        bytes.reserveCapacity(64 * 1024)
        if !header.isEmpty { append(header, isHeader: true, numericColumns: numericColumns, to: &bytes) }
        let rowsStart = bytes.count
        for index in 0..<rowCount {
            if index == ExportBuffer.measuredRecords { ExportBuffer.reserveRest(of: &bytes, recordsSince: rowsStart, total: rowCount) }
            let cells = row(index)
            let padded = cells.count < header.count ? cells + Array(repeating: "", count: header.count - cells.count) : cells
            append(padded, isHeader: false, numericColumns: numericColumns, to: &bytes)
        }
        return bytes
    }

    private static func append(_ cells: [String], isHeader: Bool, numericColumns: Set<Int>, to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ";")) }
            var cell = cell
            cell.withUTF8 { utf8 in
                let exempt = !isHeader && numericColumns.contains(index) && isNumber(utf8)
                let guarded = !exempt && utf8.first.map(startsFormula) == true
                let quoted = utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                if guarded { bytes.append(UInt8(ascii: "'")) }
                if quoted {
                    for byte in utf8 {
                        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                        bytes.append(byte)
                    }
                    bytes.append(UInt8(ascii: "\""))
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
        }
        bytes.append(13)
        bytes.append(10)
    }

    /// `=`, `+`, `-`, `@`, tab or CR: what spreadsheets take for the start of a formula.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 9 || byte == 13
    }

    static func neutralised(_ cell: String) -> String {
        guard let first = cell.utf8.first, startsFormula(first) else { return cell }
        return "'" + cell
    }

    static func quotedIfNeeded(_ cell: String) -> String {
        let needsQuotes = cell.utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }

    static func isNumber(_ cell: String) -> Bool {
        var cell = cell
        return cell.withUTF8 { isNumber($0) }
    }

    /// An optional minus, digits, and optionally one `,` or `.` followed by digits.
    static func isNumber(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < cell.count, cell[index] == UInt8(ascii: "-") { index += 1 }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let integerStart = index
        while index < cell.count, isDigit(cell[index]) { index += 1 }
        guard index > integerStart else { return false }
        guard index < cell.count else { return true }
        guard cell[index] == UInt8(ascii: ",") || cell[index] == UInt8(ascii: ".") else { return false }
        index += 1
        let fractionStart = index
        while index < cell.count, isDigit(cell[index]) { index += 1 }
        return index > fractionStart && index == cell.count
    }
}
