import Foundation
import RinriMarkup

extension FairnessReport {
    /// The checks as JUnit XML, so that CI systems show them as tests.
    ///
    /// `<testsuites>` holds one `<testsuite name="suiteName" tests="n" failures="f">` with one
    /// `<testcase name="<expression>" classname="rinri.fairness">` per check; a failed check has
    /// a `<failure message="…">` naming the value (or the reason) and the threshold. Without
    /// checks, each feature is one passing test case named `<feature> computed`. All text is
    /// XML-escaped; characters XML 1.0 cannot hold are replaced by U+FFFD.
    public func junitXML(suiteName: String = "rinri fairness") -> String {
        let cases = junitCases()
        let failures = cases.filter { $0.failure != nil }.count
        let suite = suiteName.attributeEscaped
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="\#(suite)" tests="\#(cases.count)" failures="\#(failures)" errors="0">"#,
            #"  <testsuite name="\#(suite)" tests="\#(cases.count)" failures="\#(failures)" errors="0" skipped="0">"#,
        ]
        for testCase in cases {
            let open = #"    <testcase name="\#(testCase.name.attributeEscaped)" classname="rinri.fairness""#
            guard let failure = testCase.failure else {
                lines.append(open + "/>")
                continue
            }
            lines.append(open + ">")
            lines.append(#"      <failure message="\#(failure.message.attributeEscaped)" type="threshold">\#(failure.details.markupEscaped)</failure>"#)
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private struct JUnitCase {
        var name: String
        var failure: (message: String, details: String)?
    }

    private func junitCases() -> [JUnitCase] {
        guard !checks.isEmpty else {
            return features.map { JUnitCase(name: "\($0.name) computed", failure: nil) }
        }
        return checks.map { check in
            guard !check.passed else { return JUnitCase(name: check.expression, failure: nil) }
            let value = RenderFormat.checkValue(check)
            let message = check.reason.map { "\(check.metric): \($0)" }
                ?? "\(check.metric) = \(value) does not satisfy \(ThresholdInfo(check)?.label ?? check.expression)"
            var details = ["expression: \(check.expression)", "metric: \(check.metric)", "value: \(check.value.map { "\($0)" } ?? "undefined")"]
            if let feature = check.feature { details.insert("feature: \(feature)", at: 1) }
            if let reason = check.reason { details.append("reason: \(reason)") }
            return JUnitCase(name: check.expression, failure: (message, details.joined(separator: "\n")))
        }
    }
}
