import Foundation
@testable import RinriMetrics

/// The hand-computed table used across tests (10 rows, two sexes, two races, scores).
let handTable = """
sex,race,y,yhat,score
F,a,1,1,0.9
F,a,1,0,0.3
F,b,0,1,0.7
F,b,0,0,0.2
F,a,1,1,0.8
F,b,0,0,0.4
M,a,1,1,0.6
M,a,1,1,0.95
M,a,0,1,0.65
M,a,0,0,0.1

"""

/// A spec over the hand table with the given options.
func handSpec(score: Bool = false, intersections: [[String]] = [], reference: FairnessSpec.Reference? = nil,
              method: FairnessSpec.Method = .betweenGroups, bootstrap: FairnessSpec.Bootstrap? = nil,
              checks: [ThresholdExpression] = []) -> FairnessSpec {
    FairnessSpec(labelColumn: "y", predictionColumn: "yhat", scoreColumn: score ? "score" : nil,
                 sensitiveColumns: ["sex", "race"], intersections: intersections, reference: reference,
                 method: method, bootstrap: bootstrap, minimumGroupSize: 1, checks: checks)
}

/// Runs an analysis over CSV text.
func analyse(_ text: String, _ spec: FairnessSpec, format: TableFormat = .csv, chunkSize: Int = 4 << 20,
             threads: Int = 2, name: String = "data.csv", delimiter: Character = ",") throws -> FairnessReport {
    var source = TableSource.data(Data(text.utf8), name: name, format: format, delimiter: delimiter)
    source.chunkSize = chunkSize
    source.threads = threads
    return try FairnessAnalysis.run(source: source, spec: spec)
}

/// Runs a scan and collects the requested fields of every record as strings.
struct CollectingSink: RecordSink {
    var rows: [[String]] = []
    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError) {
        rows.append(fields.map { String(decoding: $0, as: UTF8.self) })
    }
}

/// The records of `bytes` (one thread, so rows keep file order), requesting `columns`.
func scanRows(_ bytes: [UInt8], columns: [String], format: TableFormat = .csv, chunkSize: Int = 4 << 20,
              delimiter: Character = ",") throws -> [[String]] {
    var source = TableSource.data(Data(bytes), name: "t.csv", format: format, delimiter: delimiter)
    source.chunkSize = chunkSize
    source.threads = 1
    return try TableScan.run(source: source, columns: columns) { CollectingSink() }.flatMap(\.rows)
}

func scanRows(_ text: String, columns: [String], format: TableFormat = .csv, chunkSize: Int = 4 << 20,
              delimiter: Character = ",") throws -> [[String]] {
    try scanRows(Array(text.utf8), columns: columns, format: format, chunkSize: chunkSize, delimiter: delimiter)
}

/// The `TableError` thrown by `body`, or nil.
func tableError(_ body: () throws -> Void) -> TableError? {
    do {
        try body()
        return nil
    } catch let error as TableError {
        return error
    } catch {
        return nil
    }
}

/// True when `a` and `b` differ by at most `tolerance`.
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

extension FairnessReport {
    /// The group of `feature` with `values`.
    func group(_ feature: String, _ values: [String]) -> GroupResult? {
        self.feature(feature)?.groups.first { $0.values == values }
    }
}
