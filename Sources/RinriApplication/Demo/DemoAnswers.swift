import Foundation
import RinriCore

/// The answers the demo's owners give, by question id (only questions that apply are answered; the rest
/// get the first plausible answer that raises no risk, ``DemoLoader/defaultAnswer(_:system:answers:)``).
/// Every answer that raises a risk is marked so: those are the risks the story is about.
enum DemoAnswers {
    private typealias A = DemoAnswer

    static func merged(_ parts: [String: AnswerValue]...) -> [String: AnswerValue] {
        var all: [String: AnswerValue] = [:]
        for part in parts { all.merge(part) { _, new in new } }
        return all
    }

    /// The EU AI Act screening as most systems answer it: an AI system placed on the EU market, no
    /// prohibited practice, no general-purpose model of its own, not in Annex I or III, no transparency duty.
    static let screening: [String: AnswerValue] = [
        "scope_ai_system": A.yes, "scope_eu_link": A.pick("placed_in_eu"), "scope_exclusion": A.no,
        "value_chain_provider": A.no, "established_outside_eu": A.no, "gpai_model_provider": A.no, "gpai_integrated": A.no,
        "art5_a": A.no, "art5_b": A.no, "art5_c": A.no, "art5_d": A.no, "art5_e": A.no, "art5_f": A.no, "art5_g": A.no, "art5_h": A.no,
        "annex1_product": A.no, "annex3_any": A.no, "deployer_public_service": A.no, "art6_3_profiling": A.no,
        "art50_1": A.no, "art50_2": A.no, "art50_3": A.no, "art50_4_deepfake": A.no, "art50_4_text": A.no,
    ]

    /// FaceGate in operation: high-risk remote biometric identification under Annex III, provided from Japan.
    static let faceGate = merged(screening, [
        "roles": A.picks("provider", "deployer"), "established_outside_eu": A.yes,
        "annex3_any": A.yes, "annex3_areas": A.picks("biometrics"), "annex3_biometric_uses": A.picks("remote_identification"),
        "art6_3_condition": A.pick("none"),
        "jp_roles": A.picks("developer", "provider", "business_user"),
        "hr_rights_holders": A.text(
            "Employees, contractors and visitors at the Osaka, Munich and Amsterdam sites, including people who decline enrolment and use the badge lane.",
            "大阪・ミュンヘン・アムステルダム拠点の従業員・委託先・来訪者。登録を希望せずカードレーンを使う人を含む。"),
        "hr_salient_rights": A.picks("privacy", "non_discrimination", "human_dignity", "labour_rights"),
        "hr_vulnerable_groups": A.no, "pv_data_kinds": A.picks("face_images"),
        "pv_tracking": A.no, "pv_inference": A.no, "nd_access_decisions": A.no,
        "bio_function": A.pick("identification"), "bio_public_space": A.no,
        // raises a medium risk: the European sites have two days to report an incident to Osaka
        "sg_report_hours": .number(48),
    ])

    /// TalentMatch at planning: high-risk under Annex III (employment, profiling).
    static let talentMatch = merged(screening, [
        "purpose_statement": A.text(
            "Ranks incoming applications for engineering roles at the European subsidiary and proposes a shortlist; recruiters decide whom to invite. Recruiters and hiring managers use it; applicants are affected by it.",
            "欧州子会社の技術職への応募書類を順位付けし、候補者リストを提案します。面接に招く人は採用担当者が決めます。利用者は採用担当者と採用責任者、影響を受けるのは応募者です。"),
        "affected_groups": A.picks("older_people", "disabilities"),
        "accountable_owner": A.text("Head of Talent Acquisition, Rinri Demo Europe GmbH (Munich)", "欧州子会社（ミュンヘン）人材採用部長"),
        "harm_types": A.picks("mental", "property"),
        "automation_level": A.pick("human_decides"),
        "personal_data_category": A.pick("personal"),
        "sensitive_attributes": A.text(
            "Gender, age band and country of education: CVs reveal them directly or through proxies such as graduation year, photos and names.",
            "性別・年齢層・学歴の国。履歴書から直接、または卒業年・写真・氏名などの代理変数から推測されうる。"),
        "documents_planned": A.picks("customer_value", "expected_risk", "transparency_note", "model_card", "data_card"),
        "explanation_level": A.pick("local"),
        // asks for a quality review too, which the planning phase does not call for by itself
        "linked_reviews_needed": A.picks("legal", "privacy", "human_rights", "quality"),
        "roles": A.picks("provider", "deployer"),
        "annex3_any": A.yes, "annex3_areas": A.picks("employment"), "art6_3_profiling": A.yes,
        "hr_rights_holders": A.text(
            "Applicants for engineering roles in Germany and the Netherlands, and the recruiters who rely on the ranking.",
            "ドイツ・オランダの技術職への応募者と、順位付けを利用する採用担当者。"),
        "hr_salient_rights": A.picks("privacy", "non_discrimination", "labour_rights"),
        "pv_data_kinds": A.picks("sensitive"),
        // raise two medium risks: migrants and people with disabilities apply, and the ranking shapes access to work
        "hr_vulnerable_groups": A.yes, "nd_access_decisions": A.yes,
    ])

    /// TalentMatch's development sheet as far as the owner got: the bias test ran and found gaps.
    static let talentMatchDevelopment: [String: AnswerValue] = [
        "purpose_unchanged": A.yes, "value_confirmed": A.yes, "bias_test_run": A.yes,
        // raises a medium risk: the fairness report's checks failed
        "bias_within_criteria": A.no,
        "data_distribution_checked": A.yes, "intersectional_checked": A.yes,
        "operating_threshold": A.text(
            "Shortlist at a score of 0.50 or more; every application below it is reviewed by a recruiter before it is declined.",
            "スコア0.50以上で候補者リストに掲載。下回る応募はすべて、不採用の前に採用担当者が確認する。"),
    ]

    /// Kim at release: limited risk (a chatbot generating text), built on another provider's general-purpose model.
    static let chatbot = merged(screening, [
        "roles": A.picks("provider", "deployer"), "gpai_integrated": A.yes, "art50_1": A.yes, "art50_2": A.yes,
        "reassessment_triggers": A.picks("model_change", "use_change", "law_change", "incident", "drift"),
        "lessons_learned": A.text(
            "The pilot showed that refund questions need answers quoted from the policy; customers asked for a person in about 8% of chats.",
            "試験運用で、返金に関する質問には規程を引用した回答が必要だとわかった。約8％のチャットで担当者への引き継ぎが求められた。"),
        "hr_rights_holders": A.text(
            "Customers in the Netherlands, Belgium and Germany who use the web chat, among them older customers and minors using a parent's account, and the contact-centre staff.",
            "ウェブチャットを使うオランダ・ベルギー・ドイツの顧客（高齢の顧客や保護者のアカウントを使う未成年者を含む）と、コンタクトセンターの担当者。"),
        "hr_salient_rights": A.picks("privacy", "access_to_remedy", "property"),
        "pv_data_kinds": A.picks("behaviour"),
        // raises a medium risk: older customers and minors are among those affected
        "hr_vulnerable_groups": A.yes,
    ])

    /// ProcureBot at planning: an agent that negotiates with suppliers' agents and places orders on its own.
    static let procureBot: [String: AnswerValue] = [
        "purpose_statement": A.text(
            "Prepares and places purchase orders for office and laboratory supplies: compares quotes, negotiates with suppliers' sales agents and orders in the ERP system. Buyers in Corporate Procurement use it; suppliers' staff are affected.",
            "事務用品・研究用品の発注を準備・実行します。見積を比較し、取引先の営業エージェントと交渉し、ERPで発注します。利用者は調達本部の購買担当者、影響を受けるのは取引先の担当者です。"),
        "affected_groups": A.picks("workers"),
        "accountable_owner": A.text("General Manager, Corporate Procurement (Tokyo)", "調達本部長（東京）"),
        "harm_types": A.picks("property"),
        // raises a medium risk: orders are placed without a person
        "automation_level": A.pick("fully_automated"),
        "personal_data_category": A.pick("personal"),
        "sensitive_attributes": A.text(
            "None used. Suppliers' contact names and e-mail addresses are processed to negotiate.",
            "使用しない。交渉のため、取引先担当者の氏名とメールアドレスを処理する。"),
        "documents_planned": A.picks("expected_risk", "transparency_note", "model_card"),
        "explanation_level": A.pick("global"),
        "linked_reviews_needed": A.picks("legal", "privacy", "human_rights", "security"),
        "jp_roles": A.picks("developer", "business_user"),
        "hr_rights_holders": A.text(
            "Buyers in Corporate Procurement, suppliers' sales staff and the small suppliers whose prices the agent negotiates.",
            "調達本部の購買担当者、取引先の営業担当者、エージェントが価格交渉する中小の取引先。"),
        "hr_salient_rights": A.picks("labour_rights", "property", "privacy"),
        "hr_vulnerable_groups": A.no, "pv_data_kinds": A.picks("behaviour"),
        // raises a high risk: nobody is answerable when it negotiates with other companies' agents
        "ag_multi_agent_responsibility": A.no,
        // raises a medium risk: spending limit and card payments without approval
        "ag_action_limits": A.no,
    ]

    /// The lens-module inspection at planning: no personal data, rejects parts on its own.
    static let lensInspection: [String: AnswerValue] = [
        "purpose_statement": A.text(
            "Inspects lens modules on the Osaka assembly line from camera images and rejects scratched or misaligned ones. Line operators use it; customers receive the modules.",
            "大阪の組立ラインでレンズモジュールをカメラ画像で検査し、傷や位置ずれのあるものを排出します。利用者はライン作業者、モジュールを受け取るのは顧客です。"),
        "affected_groups": A.picks("workers"),
        "accountable_owner": A.text("Manufacturing Engineering Manager, Imaging Solutions (Osaka)", "映像ソリューション事業部 生産技術課長（大阪）"),
        "harm_types": A.picks("property"),
        // raises a medium risk: parts are rejected without a person
        "automation_level": A.pick("fully_automated"),
        "personal_data_category": A.pick("none"),
        "sensitive_attributes": A.text(
            "None: the cameras see only the modules on the conveyor, and operators' hands are masked before images are stored.",
            "なし。カメラに映るのはコンベア上のモジュールのみで、作業者の手は保存前にマスクする。"),
        "documents_planned": A.picks("model_card", "data_card"),
        "explanation_level": A.pick("global"),
        "linked_reviews_needed": A.picks("legal", "privacy", "human_rights", "quality"),
        "jp_roles": A.picks("developer", "business_user"),
        "hr_rights_holders": A.text(
            "Line operators whose work changes, and customers who receive the modules.",
            "作業内容が変わるライン作業者と、モジュールを受け取る顧客。"),
        "hr_salient_rights": A.picks("labour_rights", "property"),
        "hr_vulnerable_groups": A.no, "pv_data_kinds": A.picks("none"),
    ]
}
