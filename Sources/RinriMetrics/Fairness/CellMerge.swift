/// Merging per-worker cells and adding cells up into feature groups.
enum CellMerge {
    /// Merges per-worker cells by value and sorts them by value, so the result does not
    /// depend on threading or chunking.
    static func merge<Stats>(_ parts: [[Cell<Stats>]]) -> [Cell<Stats>] {
        var index: [[String]: Int] = [:]
        var merged: [Cell<Stats>] = []
        for part in parts {
            for cell in part {
                if let position = index[cell.values] {
                    merged[position].stats.add(cell.stats)
                } else {
                    index[cell.values] = merged.count
                    merged.append(cell)
                }
            }
        }
        return merged.sorted { $0.values.lexicographicallyPrecedes($1.values) }
    }

    /// Adds cells up into the groups of a feature made of the grouping columns at `positions`.
    /// Groups are the value combinations that occur, sorted by value.
    static func groups<Stats>(of cells: [Cell<Stats>], positions: [Int]) -> [GroupStats<Stats>] {
        var index: [[String]: Int] = [:]
        var groups: [GroupStats<Stats>] = []
        for cell in cells {
            let values = positions.map { cell.values[$0] }
            if let position = index[values] {
                groups[position].stats.add(cell.stats)
            } else {
                index[values] = groups.count
                groups.append(GroupStats(values: values, stats: cell.stats))
            }
        }
        return groups.sorted { $0.values.lexicographicallyPrecedes($1.values) }
    }

    /// The group index of every cell for the feature at `positions` (groups as in `groups(of:positions:)`).
    static func groupIndex<Stats>(of cells: [Cell<Stats>], positions: [Int], groups: [GroupStats<Stats>]) -> [Int] {
        var lookup: [[String]: Int] = [:]
        for (position, group) in groups.enumerated() { lookup[group.values] = position }
        return cells.map { cell in lookup[positions.map { cell.values[$0] }]! }
    }
}
