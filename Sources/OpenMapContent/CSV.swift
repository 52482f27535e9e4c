/// A small CSV reader for the files registration platforms export: `,` or `;` separator
/// (chosen from the header line), quoted fields with `""` escapes, positions kept.
struct CSVField {
    var value: String
    /// 1-based column (Unicode scalars) of the field's first character.
    var column: Int
    /// Columns the field spans on its line.
    var length: Int
}

struct CSVRecord {
    /// 1-based line where the record starts.
    var line: Int
    var fields: [CSVField]
}

struct CSVError: Error {
    var message: String
    var line: Int
    var column: Int
}

enum CSV {
    /// Parses normalised text (no BOM, LF ends). Blank lines are skipped.
    static func parse(_ text: String) -> Result<[CSVRecord], CSVError> {
        let firstLine = text.prefix { $0 != "\n" }
        let separator: Unicode.Scalar = firstLine.contains(";") && !firstLine.contains(",") ? ";" : ","
        var records: [CSVRecord] = []
        var fields: [CSVField] = []
        var value = ""
        var line = 1, column = 1
        var recordLine = 1
        var fieldStart = 1
        var inQuotes = false
        var quoteLine = 1, quoteColumn = 1
        var wasQuoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()

        func endField(at endColumn: Int) {
            fields.append(CSVField(value: wasQuoted ? value : value.trimmingSpaces(), column: fieldStart,
                                   length: max(1, endColumn - fieldStart)))
            value = ""
            wasQuoted = false
        }

        while let scalar = pending {
            pending = scalars.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        value.unicodeScalars.append("\"")
                        pending = scalars.next()
                        column += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    value.unicodeScalars.append(scalar)
                }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                continue
            }
            switch scalar {
            case "\"" where value.allSatisfy({ $0 == " " }) && !wasQuoted:
                inQuotes = true
                wasQuoted = true
                value = ""
                quoteLine = line
                quoteColumn = column
                column += 1
            case separator:
                endField(at: column)
                column += 1
                fieldStart = column
            case "\n":
                endField(at: column)
                if !(fields.count == 1 && fields[0].value.isEmpty) {
                    records.append(CSVRecord(line: recordLine, fields: fields))
                }
                fields = []
                line += 1
                column = 1
                fieldStart = 1
                recordLine = line
            default:
                value.unicodeScalars.append(scalar)
                column += 1
            }
        }
        if inQuotes {
            return .failure(CSVError(message: "a quoted field is not closed", line: quoteLine, column: quoteColumn))
        }
        if !fields.isEmpty || !value.isEmpty {
            endField(at: column)
            if !(fields.count == 1 && fields[0].value.isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
        }
        return .success(records)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
