import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Views of the governance set-up pages.
enum GovernanceViews {
    static func overview(_ ctx: PageContext, bodies: [GovernanceBody], policy: ApprovalPolicy, policyYAML: String,
                         policyVersion: Int, principles: [Principle], error: RinriError?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let manage = ctx.user?.can(.manageGovernance) == true
        return Layout.render(ctx, title: t("nav.governance"), status: status) {
            if let error { ErrorNote.render(t, error) }
            el("p") { el("a", ["href": GovernanceRoute.templates.path], text: t("gov.templates")) }
            el("section") {
                el("h2", text: t("gov.bodies"))
                for body in bodies { bodyCard(ctx, body, bodies: bodies, manage: manage) }
                if manage {
                    el("details", ["class": "card"]) {
                        el("summary", text: t("gov.new_body"))
                        BodyForm.render(ctx, body: nil, bodies: bodies)
                    }
                }
            }
            el("section", ["id": "policy"]) {
                el("h2", text: t("gov.policy"))
                el("table") {
                    el("thead") { el("tr") { for key in ["gov.levels", "gov.phases", "gov.route", "gov.body", "gov.quorum"] { el("th", text: t(key)) } } }
                    el("tbody") {
                        for rule in policy.rules {
                            el("tr") {
                                el("td", text: rule.levels.map { t.label("risk.level", $0) }.joined(separator: ", "))
                                el("td", text: (rule.phases ?? []).isEmpty ? t("gov.all_phases") : rule.phases!.map { t.label("phase", $0) }.joined(separator: ", "))
                                el("td", text: t.label("route", rule.route))
                                el("td", text: rule.body ?? "—")
                                el("td", text: rule.quorum.map(String.init) ?? "—")
                            }
                        }
                    }
                }
                el("p", text: t("gov.countermeasures_required", ["levels": policy.countermeasuresRequiredAt.map { t.label("risk.level", $0) }.joined(separator: ", ")]))
                if manage {
                    ctx.postForm(GovernanceRoute.policy, class: "card") {
                        el("input", ["type": "hidden", "name": "version", "value": String(policyVersion)])
                        el("label", ["for": "f-policy"], text: t("gov.policy_yaml"))
                        Node.element("textarea", [("id", "f-policy"), ("name", "yaml"), ("rows", "16"), ("class", "code")], [.text(policyYAML)])
                        el("button", ["type": "submit"], text: t("action.save"))
                    }
                }
            }
            el("section") {
                el("h2", text: t("gov.principles"))
                el("table") {
                    el("thead") { el("tr") { for key in ["gov.principle", "gov.version", "field.title"] { el("th", text: t(key)) } } }
                    el("tbody") {
                        for principle in principles {
                            el("tr") {
                                el("td") { el("code", text: principle.id) }
                                el("td", text: principle.version)
                                el("td") {
                                    el("strong", text: principle.title.text(t.language))
                                    el("br")
                                    el("small", text: principle.summary.text(t.language))
                                    if manage { PrincipleForm.render(ctx, principle) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func bodyCard(_ ctx: PageContext, _ body: GovernanceBody, bodies: [GovernanceBody], manage: Bool) -> Node {
        let t = ctx.t
        let parent = bodies.first { $0.body.key == body.body.reportsTo }
        return el("article", ["class": "card", "id": "body-\(body.body.key)"]) {
            el("h3", text: body.body.name.text(t.language))
            el("p", ["class": "hint"]) {
                t.label("body_kind", body.body.kind) + " · "
                el("code", text: body.body.key)
                if let parent { " · " + t("gov.reports_to", ["body": parent.body.name.text(t.language)]) }
            }
            el("p", text: body.body.mandate.text(t.language))
            if body.members.isEmpty { el("p", ["class": "empty"], text: t("gov.no_members")) } else {
                el("ul") {
                    for member in body.members {
                        el("li") {
                            el("strong", text: member.userName)
                            " — " + t.label("member_role", member.role) + " · "
                            + t("gov.appointed", ["by": member.appointedByName ?? "—", "on": member.appointedOn])
                            if manage {
                                ctx.postForm(GovernanceRoute.removeMember(.init(body.body.key), user: .init(member.userID)), class: "inline") {
                                    el("button", ["type": "submit", "class": "link"], text: t("gov.remove"))
                                }
                            }
                        }
                    }
                }
            }
            if manage {
                el("details") {
                    el("summary", text: t("gov.edit_body"))
                    BodyForm.render(ctx, body: body, bodies: bodies)
                }
                ctx.postForm(GovernanceRoute.appoint(.init(body.body.key)), class: "inline-form") {
                    // An e-mail address, not a list of every user: the page stays small however many people there are.
                    el("input", ["type": "email", "name": "email", "required": "", "autocomplete": "off",
                                 "aria-label": t("gov.member_email"), "placeholder": t("gov.member_email")])
                    el("select", ["name": "role", "aria-label": t("gov.member_role")]) {
                        for role in MemberRole.allCases { el("option", ["value": role.rawValue], text: t.label("member_role", role)) }
                    }
                    el("button", ["type": "submit"], text: t("gov.appoint"))
                }
            }
        }
    }

    static func templates(_ ctx: PageContext, templates: [TemplateSummary], yaml: String, problems: [String], status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        return Layout.render(ctx, title: t("gov.templates"), status: status) {
            el("p", ["class": "hint"], text: t("gov.templates_hint"))
            el("table") {
                el("thead") {
                    el("tr") { for key in ["gov.template", "gov.version", "gov.kind", "gov.phases", "gov.questions", "gov.active", ""] { el("th", text: key.isEmpty ? "" : t(key)) } }
                }
                el("tbody") {
                    for template in templates {
                        el("tr") {
                            el("td") { el("code", text: template.templateID); el("br"); el("small", text: template.title.text(t.language)) }
                            el("td", text: template.version)
                            el("td", text: t.label("sheet_kind", template.kind))
                            el("td", text: template.phases.map { t.label("phase", $0) }.joined(separator: ", "))
                            el("td", text: String(template.questionCount))
                            el("td", text: template.isActive ? "✓" : "—")
                            el("td") {
                                el("a", ["href": GovernanceRoute.templateExport(.init(template.templateID)).path + "?version=" + RoutePath.encode(template.version)],
                                   text: t("gov.export"))
                            }
                        }
                    }
                }
            }
            if ctx.user?.can(.manageGovernance) == true {
                el("form", ["method": "post", "action": GovernanceRoute.templates.path, "enctype": "multipart/form-data", "class": "card"]) {
                    ctx.csrfField
                    el("h2", text: t("gov.import"))
                    if !problems.isEmpty {
                        el("div", ["class": "form-error", "role": "alert"]) {
                            el("p", text: t("gov.import_refused"))
                            el("ul") { for problem in problems { el("li") { el("code", text: problem) } } }
                        }
                    }
                    el("label", ["for": "f-template-file"], text: t("gov.template_file"))
                    el("input", ["type": "file", "id": "f-template-file", "name": "file", "accept": ".yaml,.yml,text/yaml"])
                    el("label", ["for": "f-template-yaml"], text: t("gov.template_yaml"))
                    Node.element("textarea", [("id", "f-template-yaml"), ("name", "yaml"), ("rows", "12"), ("class", "code")], [.text(yaml)])
                    el("button", ["type": "submit"], text: t("gov.import"))
                }
            }
        }
    }
}

/// The form that creates a body or edits one (whose key then stays).
enum BodyForm {
    static func render(_ ctx: PageContext, body: GovernanceBody?, bodies: [GovernanceBody]) -> Node {
        let t = ctx.t
        let b = body?.body
        return ctx.postForm(body.map { GovernanceRoute.body(.init($0.body.key)) } ?? .bodies, class: "body-form") {
            if let body { el("input", ["type": "hidden", "name": "version", "value": String(body.version)]) }
            if body == nil {
                el("label", text: t("gov.body_key"))
                el("input", ["type": "text", "name": "key", "pattern": "[a-z0-9][a-z0-9-]*", "aria-label": t("gov.body_key")])
            }
            el("label", text: t("gov.kind"))
            el("select", ["name": "kind", "aria-label": t("gov.kind")]) {
                for kind in BodyKind.allCases {
                    Node.element("option", Attributes(dictionaryLiteral: ("value", kind.rawValue)).flag("selected", kind == b?.kind).pairs,
                                 [.text(t.label("body_kind", kind))])
                }
            }
            for (name, value) in [("name_en", b?.name.en), ("name_ja", b?.name.ja)] {
                el("label", text: t("gov.\(name)"))
                el("input", ["type": "text", "name": name, "value": value ?? "", "aria-label": t("gov.\(name)")])
            }
            for (name, value) in [("mandate_en", b?.mandate.en), ("mandate_ja", b?.mandate.ja)] {
                el("label", text: t("gov.\(name)"))
                Node.element("textarea", [("name", name), ("rows", "2"), ("aria-label", t("gov.\(name)"))], [.text(value ?? "")])
            }
            el("label", text: t("gov.reports_to_field"))
            el("select", ["name": "reports_to", "aria-label": t("gov.reports_to_field")]) {
                el("option", ["value": ""], text: "—")
                for other in bodies where other.body.key != b?.key {
                    Node.element("option", Attributes(dictionaryLiteral: ("value", other.body.key)).flag("selected", other.body.key == b?.reportsTo).pairs,
                                 [.text(other.body.name.text(t.language))])
                }
            }
            el("button", ["type": "submit"], text: t("action.save"))
        }
    }
}

/// The form that records a new version of a principle (the old one stays in the history).
enum PrincipleForm {
    static func render(_ ctx: PageContext, _ p: Principle) -> Node {
        let t = ctx.t
        return el("details") {
            el("summary", text: t("gov.revise_principle"))
            ctx.postForm(GovernanceRoute.principle(.init(p.id)), class: "body-form") {
                el("input", ["type": "hidden", "name": "source", "value": p.source.rawValue])
                el("input", ["type": "hidden", "name": "frameworks", "value": p.frameworks.joined(separator: ",")])
                el("label", text: t("gov.new_version"))
                el("input", ["type": "text", "name": "version", "value": p.version, "aria-label": t("gov.new_version")])
                for (name, value) in [("title_en", p.title.en), ("title_ja", p.title.ja)] {
                    el("label", text: t("gov.\(name)"))
                    el("input", ["type": "text", "name": name, "value": value, "aria-label": t("gov.\(name)")])
                }
                for (name, value) in [("summary_en", p.summary.en), ("summary_ja", p.summary.ja)] {
                    el("label", text: t("gov.\(name)"))
                    Node.element("textarea", [("name", name), ("rows", "3"), ("aria-label", t("gov.\(name)"))], [.text(value)])
                }
                el("button", ["type": "submit"], text: t("gov.record_version"))
            }
        }
    }
}
