/// Poisson bootstrap of the classification aggregates, without keeping any rows.
///
/// The row-level Poisson bootstrap gives each row an independent Poisson(1) weight per
/// replicate. Every aggregate here depends on the rows only through the confusion counts of
/// the cells, and the sum of *k* independent Poisson(1) weights is Poisson(*k*); so drawing,
/// per replicate, each cell's TP, FP, TN and FN as Poisson(count) gives exactly the same
/// distribution as weighting every row, at a cost independent of the number of rows. The
/// draws use ``SplitMix64`` stream *r* of the seed for replicate *r*, over cells sorted by
/// value, so results depend only on the data and the seed — not on threads or chunk sizes.
enum ClassificationBootstrap {
    /// Percentile intervals for every feature aggregate and population index.
    ///
    /// - Returns: one interval table per feature (in plan order) and one for the population.
    static func intervals(cells: [ConfusionCounts], aggregator: ClassificationAggregator,
                          settings: FairnessSpec.Bootstrap) -> (features: [IntervalTable], population: IntervalTable) {
        var featureSamples = aggregator.plans.map { _ in BootstrapSamples() }
        var populationSamples = BootstrapSamples()
        var noNotes: [String]? = nil
        for replicate in 0..<settings.resamples {
            var generator = SplitMix64(seed: settings.seed, stream: UInt64(replicate))
            let drawn = cells.map { counts in
                ConfusionCounts(
                    truePositives: PoissonSampler.sample(mean: Double(counts.truePositives), using: &generator),
                    falsePositives: PoissonSampler.sample(mean: Double(counts.falsePositives), using: &generator),
                    trueNegatives: PoissonSampler.sample(mean: Double(counts.trueNegatives), using: &generator),
                    falseNegatives: PoissonSampler.sample(mean: Double(counts.falseNegatives), using: &generator))
            }
            let total = drawn.reduce(ConfusionCounts(), +)
            for (index, plan) in aggregator.plans.enumerated() {
                featureSamples[index].record(aggregator.featureMetrics(plan, cellCounts: drawn, total: total, notes: &noNotes))
            }
            populationSamples.record(aggregator.populationMetrics(total: total, notes: &noNotes))
        }
        return (featureSamples.map { $0.intervals(level: settings.confidenceLevel) },
                populationSamples.intervals(level: settings.confidenceLevel))
    }
}

/// The values of each metric over bootstrap replicates, in the order metrics first appear.
struct BootstrapSamples {
    private var samples: [String: [Double]] = [:]
    private var order: [String] = []

    /// Adds one replicate's metrics; undefined values (nil) are left out.
    mutating func record(_ metrics: [(String, Double?)]) {
        for (name, value) in metrics {
            if samples[name] == nil {
                samples[name] = []
                order.append(name)
            }
            if let value { samples[name]!.append(value) }
        }
    }

    /// The percentile interval of each metric.
    func intervals(level: Double) -> IntervalTable {
        IntervalTable(order.map { ($0, PercentileInterval.interval(samples[$0] ?? [], level: level)) })
    }
}
