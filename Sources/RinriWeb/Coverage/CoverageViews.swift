import Foundation
import RinriCore
import Vapor

/// Framework coverage of the organisation and of one system, rendered from the coverage read model.
enum CoverageViews {
    static func organisation(_ ctx: PageContext, coverage frameworks: [OrganisationFrameworkCoverage]) -> Response {
        let t = ctx.t
        return Layout.render(ctx, title: t("gov.coverage_organisation")) {
            el("p", ["class": "hint"], text: t("gov.coverage_hint"))
            for coverage in frameworks {
                el("section") {
                    el("h2", text: t.label("framework", coverage.framework) + " — " + Percent.text(coverage.percentage))
                    if coverage.refs.isEmpty { el("p", ["class": "empty"], text: t("gov.no_refs")) } else {
                        el("table") {
                            el("thead") { el("tr") { el("th", text: t("gov.reference")); el("th", text: t("gov.covered_in")); el("th", text: t("gov.open_in")) } }
                            el("tbody") {
                                for ref in coverage.refs {
                                    el("tr") {
                                        el("td") { el("code", text: ref.ref) }
                                        el("td", text: String(ref.coveredCount))
                                        el("td", text: String(ref.openCount))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func system(_ ctx: PageContext, _ coverage: SystemCoverage) -> Response {
        let t = ctx.t
        return Layout.render(ctx, title: t("gov.coverage_of", ["system": coverage.systemName])) {
            el("p") { el("a", ["href": InventoryRoute.system(.init(coverage.systemID)).path], text: t("gov.back_to_system")) }
            el("p", ["class": "hint"], text: t("gov.coverage_hint"))
            for framework in coverage.frameworks {
                el("section") {
                    el("h2", text: t.label("framework", framework.framework) + " — " + Percent.text(framework.percentage))
                    if framework.covered.isEmpty && framework.open.isEmpty { el("p", ["class": "empty"], text: t("gov.no_refs")) }
                    refList(t, "gov.covered", framework.covered)
                    refList(t, "gov.open_refs", framework.open)
                }
            }
        }
    }

    private static func refList(_ t: Localizer, _ key: String, _ refs: [RefCoverage]) -> Node {
        guard !refs.isEmpty else { return .fragment([]) }
        return el("details", ["open": key == "gov.open_refs" ? "" : nil]) {
            el("summary", text: t(key) + " (\(refs.count))")
            el("ul", ["class": "refs"]) {
                for ref in refs {
                    el("li") {
                        el("code", text: ref.ref)
                        " — " + ref.questions.map { "\($0.templateID)/\($0.questionID)" }.joined(separator: ", ")
                    }
                }
            }
        }
    }
}

/// A percentage with one decimal, or a dash when nothing is in scope.
enum Percent {
    static func text(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f %%", value)
    }
}
