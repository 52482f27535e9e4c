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
    /// every row at once.
    public static func serialized(header: [String], numericColumns: Set<Int> = [], rowCount: Int,
                                  row: (Int) -> [String]) -> [UInt8] {
        var bytes = byteOrderMark
        if !header.isEmpty { bytes += record(header, isHeader: true, numericColumns: numericColumns).utf8 }
        for index in 0..<rowCount {
            let cells = row(index)
            let padded = cells.count < header.count ? cells + Array(repeating: "", count: header.count - cells.count) : cells
            bytes += record(padded, isHeader: false, numericColumns: numericColumns).utf8
        }
        return bytes
    }

    private static func record(_ cells: [String], isHeader: Bool, numericColumns: Set<Int>) -> String {
        cells.enumerated().map { index, cell in
            let exempt = !isHeader && numericColumns.contains(index) && Self.isNumber(cell)
            return Self.quotedIfNeeded(exempt ? cell : Self.neutralised(cell))
        }
        .joined(separator: ";") + "\r\n"
    }

    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + cell
        default: return cell
        }
    }

    static func quotedIfNeeded(_ cell: String) -> String {
        let needsQuotes = cell.unicodeScalars.contains { scalar in
            scalar == ";" || scalar == "\"" || scalar == "\r" || scalar == "\n"
        }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }

    /// An optional minus, digits, and optionally one `,` or `.` followed by digits.
    static func isNumber(_ cell: String) -> Bool {
        var scalars = Substring(cell).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let isDigit: (Unicode.Scalar) -> Bool = { $0 >= "0" && $0 <= "9" }
        let integerPart = scalars.prefix(while: isDigit)
        guard !integerPart.isEmpty else { return false }
        scalars = scalars.dropFirst(integerPart.count)
        guard let separator = scalars.first else { return true }
        guard separator == "," || separator == "." else { return false }
        let fraction = scalars.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy(isDigit)
    }
}
