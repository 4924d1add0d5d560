import Foundation
import Vapor

/// Addresses of the governance pages, built in one place.
enum GovURL: Sendable {
    case assessments(system: String)
    case assessmentOpen(system: String)
    case assessment(String)
    case sheet(String, template: String)
    case transition(String)
    case vote(String)
    case decision(String)
    case evidence(String)
    case actionReport(String)
    case actionConfirm(String)
    case actionReturn(String)
    case reclassification(String)
    case queue
    case agenda
    case register
    case systemRisks(String)
    case systemRiskNew(String)
    case risk(String)
    case riskCountermeasures(String)
    case countermeasure(risk: String, id: String)
    case countermeasureVerify(risk: String, id: String)
    case coverage
    case systemCoverage(String)
    case governance
    case policy
    case templates
    case templateExport(String)
    case appoint(body: String)
    case removeMember(body: String, user: String)
    case script

    var path: String {
        switch self {
        case .assessments(let system): return "/systems/\(system)/assessments"
        case .assessmentOpen(let system): return "/systems/\(system)/assessments/new"
        case .assessment(let id): return "/assessments/\(id)"
        case let .sheet(id, template): return "/assessments/\(id)/sheets/\(template)"
        case .transition(let id): return "/assessments/\(id)/transition"
        case .vote(let id): return "/assessments/\(id)/vote"
        case .decision(let id): return "/assessments/\(id)/decision"
        case .evidence(let id): return "/assessments/\(id)/evidence"
        case .actionReport(let id): return "/actions/\(id)/report"
        case .actionConfirm(let id): return "/actions/\(id)/confirm"
        case .actionReturn(let id): return "/actions/\(id)/return"
        case .reclassification(let id): return "/assessments/\(id)/reclassification"
        case .queue: return "/queue"
        case .agenda: return "/agenda"
        case .register: return "/risks"
        case .systemRisks(let system): return "/systems/\(system)/risks"
        case .systemRiskNew(let system): return "/systems/\(system)/risks/new"
        case .risk(let id): return "/risks/\(id)"
        case .riskCountermeasures(let id): return "/risks/\(id)/countermeasures"
        case let .countermeasure(risk, id): return "/risks/\(risk)/countermeasures/\(id)"
        case let .countermeasureVerify(risk, id): return "/risks/\(risk)/countermeasures/\(id)/verify"
        case .coverage: return "/coverage"
        case .systemCoverage(let system): return "/systems/\(system)/coverage"
        case .governance: return "/governance"
        case .policy: return "/governance/approval-policy"
        case .templates: return "/governance/check-sheets"
        case .templateExport(let id): return "/governance/check-sheets/\(id)"
        case .appoint(let body): return "/governance/bodies/\(body)/members"
        case let .removeMember(body, user): return "/governance/bodies/\(body)/members/\(user)/remove"
        case .script: return "/static/rinri.js"
        }
    }
}

/// The fields of an `application/x-www-form-urlencoded` body, in order, with repeated names kept.
struct FormFields {
    let pairs: [(String, String)]

    init(_ req: Request) {
        let body = req.body.string ?? ""
        pairs = body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    init(pairs: [(String, String)]) { self.pairs = pairs }

    subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The names that start with `prefix`, without it, in first-seen order.
    func names(prefixed prefix: String) -> [String] {
        var seen: [String] = []
        for (name, _) in pairs where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if !seen.contains(rest) { seen.append(rest) }
        }
        return seen
    }
}

/// The small script that saves an assessment sheet when a choice changes, so the questions that
/// now apply appear at once. Pages work without it (the Save button does the same).
enum Script {
    static let source = """
    document.addEventListener('change', function (event) {
      var form = event.target.closest('form[data-autosave]');
      if (!form || event.target.type === 'file') return;
      if (event.target.matches('textarea, input[type=text], input[type=number], input[type=date]')) return;
      var anchor = form.querySelector('input[name=anchor]');
      var box = event.target.closest('[id^="q-"]');
      if (anchor && box) anchor.value = box.id;
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
    """

    static func response() -> Response {
        let response = Response(status: .ok, body: .init(string: source))
        response.headers.replaceOrAdd(name: .contentType, value: "text/javascript; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
