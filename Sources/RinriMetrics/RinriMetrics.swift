/// Placeholder until the fairness engine lands.
enum RinriMetricsPlaceholder {}
