/// The bytes of a large export (open data, CSV), written record by record into one array.
public enum ExportBuffer {
    /// How many records are written before the rest is measured from them.
    public static let measuredRecords = 64

    /// Reserves room for the records left, as the first `measuredRecords` (written since
    /// `start`) measure them, with an eighth to spare: the export then grows once instead of
    /// doubling and copying itself at the build's peak (besoins.csv, 6 MB at 10 000 needs, had
    /// reserved 14 MB at 64 bytes a cell; besoins.json doubled through 16 MB). Call once, when
    /// `measuredRecords` records are written; does nothing for short exports.
    public static func reserveRest(of bytes: inout [UInt8], recordsSince start: Int, total: Int) {
        guard total > 2 * measuredRecords else { return }
        let perRecord = (bytes.count - start) / measuredRecords
        bytes.reserveCapacity(bytes.count + perRecord * (total - measuredRecords) * 9 / 8 + 1024)
    }
}
