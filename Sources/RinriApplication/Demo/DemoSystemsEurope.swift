import FluentKit
import Foundation
import RinriCore

/// The European units' systems: TalentMatch (through its planning gate with the committee's conditions,
/// into development with a fairness test) and the customer chatbot (release, in review).
extension DemoLoader {
    // MARK: TalentMatch — the whole planning gate, then a development draft with the fairness report

    func loadTalentMatch(_ people: DemoPeople) async throws {
        let owner = people.europeOwner
        let id = try await register(AISystemInput.Raw(
            name: "[Demo] TalentMatch CV pre-screening 採用書類選考支援AI",
            purpose: "Ranks incoming applications for engineering roles and proposes a shortlist; recruiters decide whom to invite. / 技術職への応募書類を順位付けして候補者リストを提案します。面接に招く人は採用担当者が決めます。",
            description: Self.described("Built by the European subsidiary's HR analytics team for hiring in Germany and the Netherlands.",
                                        "欧州子会社の人事分析チームが、ドイツとオランダでの採用のために開発しています。"),
            orgUnitID: people.units.europe, ownerID: owner.id, intendedUsers: "Recruiters and hiring managers / 採用担当者・採用責任者",
            affectedPeople: "Job applicants / 応募者", jurisdictions: ["DE", "NL", "EU"]),
            by: owner.actor)
        try await add(to: id, models: [
            AIModelInput(name: "TalentMatch CV ranker 書類順位付けモデル", modelVersion: "0.4.0", type: .ranking,
                         trainingData: "Pseudonymised applications 2019–2024 with interview outcomes; photos, names and dates of birth removed. / 2019〜2024年の仮名化済み応募書類と面接結果。写真・氏名・生年月日は削除。"),
        ], datasets: [
            DatasetInput(name: "Historical applications 過去の応募データ", source: "Applicant tracking system, Munich and Amsterdam / ミュンヘン・アムステルダムの応募者管理システム",
                         acquisitionMethod: .internalRecords, containsPersonalData: true),
            DatasetInput(name: "Synthetic applicants for fairness tests 公平性テスト用合成応募者", source: "Generated with a fixed seed; no real person / 固定シードで生成。実在の人物を含まない",
                         acquisitionMethod: .synthetic),
        ], owner: owner.actor)
        // entered by hand before the assessment: a high risk, so the case goes to the committee
        let proxies = try await enterRisk(id, RiskInput.Raw(
            title: "Indirect discrimination of older and foreign-educated applicants through proxy features / 代理変数による高年齢・外国で学んだ応募者への間接差別",
            description: "Graduation year, photos and the country of the university can stand in for age and origin. / 卒業年、写真、大学の国が年齢や出自の代わりになりうる。",
            affectedPeople: "Applicants / 応募者", ownerID: owner.id,
            rights: [HumanRight.nonDiscrimination.rawValue, HumanRight.labourRights.rawValue], scale: 3, scope: 3, irremediability: 3, likelihood: 2),
            countermeasures: [
                try measure("Remove graduation year, photo and nationality from the model's input / 卒業年・顔写真・国籍をモデルの入力から除く",
                            owner: owner, due: 30, status: .planned, effect: .likelihood),
                try measure("A recruiter reviews every application ranked in the lower half before it is declined / 下位半分の応募は不採用の前に採用担当者が必ず確認する",
                            owner: owner, due: 30, status: .planned, effect: .scale),
            ], owner: owner.actor)
        var detail = try await complete(try await open(id, owner: owner.actor), answers: DemoAnswers.talentMatch, owner: owner.actor, label: "TalentMatch")
        let seen = ["nd_group_performance", "fairness_criteria_defined"].flatMap { detail.evidence[$0]?.map(\.id) ?? [] }
        detail = try await submit(detail, owner: owner.actor)
        let chair = decider(of: detail, people: people, owner: owner.actor)
        detail = try await startReview(detail, by: chair)
        detail = try await review(detail, .humanRights, "approved_with_conditions", conditions: [
            "Tell applicants that AI ranks applications and how to ask for a review by a person only / AIが応募書類を順位付けしていることと、人だけによる審査を求める方法を応募者に知らせる",
        ], people: people)
        detail = try await approveRemainingReviews(detail, people: people)
        detail = try await vote(detail, [
            (people.chair, .approveWithConditions, "Only with a recruiter reviewing every decline. / 不採用はすべて採用担当者が確認することが条件。"),
            (people.member(0), .approveWithConditions, "Agree with the chair. / 委員長に同意。"),
            (people.member(1), .approve, ""),
            (people.member(2), .reject, "Ranking people should wait for the bias test in development. / 順位付けは開発段階のバイアステストまで待つべき。"),
        ])
        detail = try await decide(detail, .approveWithConditions, rationale: """
            The purpose is legitimate and recruiters keep the decision. The committee approves development on two conditions: a named recruiter reviews every decline the model proposes, and the bias test of the development model comes back to the committee.
            目的は正当であり、判断は採用担当者に残る。委員会は二つの条件付きで開発を承認する。モデルが提案する不採用を指名された採用担当者がすべて確認すること、開発モデルのバイアステストの結果を委員会に報告すること。
            """, evidenceSeen: seen, conditions: [
                try ActionInput.validate(title: "Name the recruiter accountable for reviewing every decline the model proposes, and add the step to the hiring procedure / モデルが提案する不採用を確認する責任者を指名し、採用手順書に手順を追加する",
                                         ownerID: owner.id, dueDate: day(30), blocking: true),
                try ActionInput.validate(title: "Bring the development bias test results to the committee / 開発モデルのバイアステスト結果を委員会に報告する",
                                         ownerID: owner.id, dueDate: day(120), blocking: false),
            ], by: chair)

        // The owner does what the blocking conditions ask and reports it; the chair confirms.
        let procedure = try await document(systemID: id, title: "Hiring procedure v2.3 with the recruiter review step / 採用手順書 v2.3（採用担当者による確認手順）",
                                           summary: "Demo data / デモデータ\nSection 4.2 names the recruiter who reviews every decline the model proposes. / 4.2節で、モデルが提案する不採用を確認する採用担当者を指名。",
                                           url: "https://intranet.\(DemoOrganisation.emailDomain)/talentmatch/hiring-procedure-2.3", owner: owner.actor)
        let notice = try await document(systemID: id, title: "Applicant notice (EN/DE/NL) / 応募者向け通知",
                                        summary: "Demo data / デモデータ\nThe careers page tells applicants that AI ranks applications and how to ask for a review by a person only. / 採用ページで、AIによる順位付けと人だけによる審査の求め方を案内。",
                                        url: "https://intranet.\(DemoOrganisation.emailDomain)/talentmatch/applicant-notice", owner: owner.actor)
        for action in detail.actions where action.action.blocking {
            let fromReview = action.source.hasPrefix("review:")
            try await reportAndConfirm(action, note: fromReview ? "The notice is live on the careers page in three languages. / 採用ページに3言語で掲載済み。"
                                                                : "Recruiter named; hiring procedure v2.3 published. / 担当者を指名し、採用手順書 v2.3 を公開。",
                                       evidence: [fromReview ? notice.id : procedure.id], owner: owner.actor, confirmer: chair,
                                       confirmation: "Checked against the published documents. / 公開された文書で確認。")
        }
        // The owner records the countermeasures of the high risk as done; the office verifies them, so they count.
        let risks = RiskService(db)
        for countermeasure in proxies.countermeasures {
            var done = countermeasure.value
            done.status = .done
            done.evidenceIDs = [procedure.id]
            let updated = try await risks.updateCountermeasure(countermeasure.id, of: proxies.id, done, version: countermeasure.version, user: owner.actor)
            guard let recorded = updated.countermeasures.first(where: { $0.id == countermeasure.id }) else { continue }
            _ = try await risks.verifyCountermeasure(recorded.id, of: proxies.id, version: recorded.version,
                                                     note: "Checked in the hiring procedure and the model's input schema. / 採用手順書とモデルの入力仕様で確認。",
                                                     user: people.officeLead.actor)
        }
        // The gate is open: the owner moves the system to development, where the phase gate is checked again.
        let current = try await InventoryQueries(db).system(id)
        var next = current.value
        next.lifecyclePhase = .development
        _ = try await InventoryService(db).updateSystem(id, next, version: current.version, context: owner.actor)

        // Development: a draft with the fairness report on the bias question; the gaps it found raise a risk.
        let development = try await open(id, owner: owner.actor)
        _ = try await fairnessEvidence(systemID: id, assessmentID: development.record.id, questionID: "bias_test_run", owner: owner.actor)
        _ = try await assessments.saveAnswers(development.record.id, templateID: "sony-ethics-development",
                                              answers: DemoAnswers.talentMatchDevelopment.mapValues { Optional($0) },
                                              version: development.record.version, user: owner.actor)
    }

    // MARK: Kim — release, in review by the office and the reviewers

    func loadChatbot(_ people: DemoPeople) async throws {
        let owner = people.beneluxOwner
        let id = try await register(AISystemInput.Raw(
            name: "[Demo] Kim customer-service chatbot 生成AIカスタマーサポート「Kim」",
            purpose: "Answers customers' questions about orders, deliveries and returns in Dutch, German and English in the web chat, grounded in the help-centre articles, and hands over to a person on request. / ヘルプセンターの記事に基づき、注文・配送・返品に関する質問にオランダ語・ドイツ語・英語でウェブチャットで回答し、求めに応じて担当者に引き継ぎます。",
            description: Self.described("Built on another provider's general-purpose language model; piloted in the Amsterdam contact centre.",
                                        "他社の汎用言語モデルを利用。アムステルダムのコンタクトセンターで試験運用中。"),
            orgUnitID: people.units.benelux, ownerID: owner.id, lifecyclePhase: LifecyclePhase.release.rawValue,
            status: SystemStatus.active.rawValue, intendedUsers: "Customers and contact-centre staff / 顧客・コンタクトセンター担当者",
            affectedPeople: "Customers in the Netherlands, Belgium and Germany / オランダ・ベルギー・ドイツの顧客",
            jurisdictions: ["NL", "BE", "DE", "EU"], usesGenerativeAI: true),
            reason: "Piloted in the Amsterdam contact centre since 2025 before the AI ethics programme reached the subsidiary; registered at its release gate. / AI倫理プログラムが子会社に及ぶ前の2025年から試験運用中。リリースゲートで登録。",
            by: people.officeLead.actor)
        try await add(to: id, models: [
            AIModelInput(name: "Hosted large language model 外部の大規模言語モデル", modelVersion: "2025-06", type: .generative,
                         trainingData: "The provider's pre-training; chats are not used for training. / 提供元による事前学習。チャットは学習に使わない。"),
            AIModelInput(name: "Help-centre retriever ヘルプ記事検索", modelVersion: "1.3.0", type: .ranking,
                         trainingData: "Help-centre articles and anonymised search logs / ヘルプ記事と匿名化済み検索ログ"),
        ], datasets: [
            DatasetInput(name: "Help-centre articles ヘルプセンター記事", source: "Customer Care Benelux knowledge base / 社内ナレッジベース",
                         acquisitionMethod: .internalRecords),
            DatasetInput(name: "Chat transcripts チャット履歴", source: "Web chat, kept 90 days / ウェブチャット（90日保存）",
                         acquisitionMethod: .collectedFromUsers, containsPersonalData: true),
        ], owner: owner.actor)
        _ = try await enterRisk(id, RiskInput.Raw(
            title: "Hallucinated refund or delivery promises / 返金・配送に関する誤った約束（ハルシネーション）",
            description: "In the pilot the assistant twice promised refunds the policy does not give. / 試験運用中に、規程にない返金を2回約束した。",
            affectedPeople: "Customers / 顧客", ownerID: owner.id,
            rights: [HumanRight.property.rawValue, HumanRight.accessToRemedy.rawValue], scale: 2, scope: 3, irremediability: 1, likelihood: 3),
            countermeasures: [
                try measure("Answers on refunds quote and link the policy article; unsure answers go to a person / 返金の回答は規程を引用・リンクし、不確かなものは担当者へ",
                            owner: owner, due: 21, status: .inProgress, effect: .likelihood),
            ], owner: owner.actor)
        var detail = try await complete(try await open(id, owner: owner.actor), answers: DemoAnswers.chatbot, owner: owner.actor, label: "Kim")
        detail = try await submit(detail, owner: owner.actor)
        detail = try await startReview(detail, by: decider(of: detail, people: people, owner: owner.actor))
        detail = try await review(detail, .legal, "approved", people: people)
        detail = try await review(detail, .privacy, "approved_with_conditions", conditions: [
            "Delete chat transcripts after 30 days instead of 90 / チャット履歴は90日ではなく30日で削除する",
            "Show the privacy notice before the first message / 最初のメッセージの前にプライバシー通知を表示する",
        ], people: people)
        // security and quality are still reviewing: the case waits in their queues
        _ = try await review(detail, .humanRights, "approved", people: people)
    }
}
