import FluentKit
import Foundation
import RinriCore

/// The Japanese units' systems: FaceGate (operation, approved by the office), the visual inspection
/// (planning, submitted), the retired demand forecaster, and ProcureBot (planning, rejected by the committee).
extension DemoLoader {
    /// The first paragraph of every demo system's description.
    static let demoNote = "Demo data / デモデータ — a sample loaded by `rinri demo`, not a real system. / `rinri demo` が読み込んだサンプルで、実在のシステムではありません。"

    static func described(_ english: String, _ japanese: String) -> String { demoNote + "\n\n" + english + "\n" + japanese }

    /// Registers a system as its form would (checked by ``AISystemInput/validate(_:)``); past planning only the office does, with a reason.
    func register(_ raw: AISystemInput.Raw, reason: String? = nil, by actor: Actor) async throws -> String {
        try await InventoryService(db).createSystem(try AISystemInput.validate(raw), phaseReason: reason, context: actor).id
    }

    /// Adds the system's models, datasets and agents, as its owner.
    func add(to systemID: String, models: [AIModelInput] = [], datasets: [DatasetInput] = [], agents: [AIAgentInput] = [],
             owner: Actor) async throws {
        let inventory = InventoryService(db)
        for model in models { _ = try await inventory.createModel(model, in: systemID, context: owner) }
        for dataset in datasets { _ = try await inventory.createDataset(dataset, in: systemID, context: owner) }
        for agent in agents { _ = try await inventory.createAgent(agent, in: systemID, context: owner) }
    }

    // MARK: FaceGate — operation, approved by the governance office

    func loadFaceGate(_ people: DemoPeople) async throws {
        let owner = people.imagingOwner
        let id = try await register(AISystemInput.Raw(
            name: "[Demo] FaceGate walk-through entry 顔認証入館ゲート",
            purpose: "Opens the entrance gates of the Osaka office and the Munich and Amsterdam sites for enrolled employees by face identification (1:N), without a badge. / 登録済みの従業員を顔照合（1:N）で識別し、大阪オフィスとミュンヘン・アムステルダム拠点の入館ゲートを社員証なしで開けます。",
            description: Self.described(
                "Developed by Imaging Solutions, sold to customers and used at the group's own sites. Employees who decline enrolment, and visitors, use the badge lane.",
                "映像ソリューション事業部が開発し、顧客に販売するとともにグループ拠点で利用しています。登録を希望しない従業員と来訪者はカードレーンを使います。"),
            orgUnitID: people.units.imaging, ownerID: owner.id, lifecyclePhase: LifecyclePhase.operation.rawValue,
            status: SystemStatus.active.rawValue, intendedUsers: "Facility security teams / 各拠点の施設警備チーム",
            affectedPeople: "Employees, contractors and visitors passing the gates / ゲートを通過する従業員・委託先・来訪者",
            jurisdictions: ["JP", "DE", "NL", "EU"], usesBiometricData: true),
            reason: "In use at the Osaka office since 2024 and at the European sites since 2025; registered as an existing system when the AI ethics programme started. / 2024年から大阪オフィス、2025年から欧州拠点で稼働中。AI倫理プログラムの開始時に既存システムとして登録。",
            by: people.officeLead.actor)
        try await add(to: id, models: [
            AIModelInput(name: "FaceGate face detector 顔検出", modelVersion: "1.4.0", type: .detection,
                         trainingData: "Licensed face-detection dataset; no images of employees. / ライセンス取得済みの顔検出データセット。従業員の画像は含まない。"),
            AIModelInput(name: "FaceGate identification embedding 顔照合", modelVersion: "3.2.0", type: .other,
                         trainingData: "Licensed, consented face dataset from 42 countries; fine-tuned on consenting employees' enrolment images. / 42か国の同意取得済みライセンス顔データで学習し、同意した従業員の登録画像で微調整。"),
        ], datasets: [
            DatasetInput(name: "Employee enrolment images 従業員登録画像", source: "Enrolment kiosks at each site, consent recorded per person / 各拠点の登録端末。本人ごとに同意を記録",
                         acquisitionMethod: .collectedFromUsers, containsPersonalData: true, containsBiometricData: true),
            DatasetInput(name: "Demographic accuracy test set 属性別精度評価セット", source: "12,000 images balanced by age, sex and skin tone, licensed from a test-data vendor / 年齢・性別・肌の色で均衡させた12,000枚。評価データ事業者から購入",
                         acquisitionMethod: .purchased, containsPersonalData: true, containsBiometricData: true),
        ], owner: owner.actor)
        _ = try await enterRisk(id, RiskInput.Raw(
            title: "False non-matches for darker skin tones and face masks / 肌の色・マスク着用時の本人拒否",
            description: "Field logs show more rejections at the Amsterdam gate in winter light and for people wearing masks. / アムステルダムの冬季の照明下とマスク着用時に拒否が多いことがログで確認された。",
            affectedPeople: "Employees and visitors / 従業員・来訪者", ownerID: owner.id,
            rights: [HumanRight.nonDiscrimination.rawValue, HumanRight.humanDignity.rawValue], scale: 2, scope: 3, irremediability: 1, likelihood: 3),
            countermeasures: [
                try measure("Keep a badge lane open at every gate as a fallback / 全ゲートにカード認証レーンを併設", owner: owner, due: nil,
                            status: .done, effect: .scale),
                try measure("Test accuracy per demographic group in the real lighting every quarter / 実環境の照明で属性別精度を四半期ごとに測定",
                            owner: owner, due: 90, status: .inProgress, effect: .likelihood),
            ], owner: owner.actor)
        var detail = try await complete(try await open(id, owner: owner.actor), answers: DemoAnswers.faceGate, owner: owner.actor, label: "FaceGate")
        let seen = detail.evidence["bio_demographic_accuracy"]?.map(\.id) ?? []
        detail = try await submit(detail, owner: owner.actor)
        let deciding = decider(of: detail, people: people, owner: owner.actor)
        detail = try await startReview(detail, by: deciding)
        detail = try await approveRemainingReviews(detail, people: people)
        detail = try await vote(detail, [(people.chair, .approve, "Operated as approved at planning."), (people.member(0), .approve, ""),
                                         (people.member(1), .approve, "")])
        _ = try await decide(detail, .approve, rationale: """
            Accuracy per demographic group is within the agreed limits, a badge lane remains at every gate and enrolment is voluntary. Approved for continued operation; the quarterly accuracy test stays in the risk register.
            属性別の精度は合意した範囲内であり、全ゲートにカードレーンが残り、登録は任意である。運用継続を承認する。四半期ごとの精度テストはリスク台帳で管理する。
            """, evidenceSeen: seen, by: deciding)
    }

    // MARK: The retired forecaster — registered for the record

    func loadForecaster(_ people: DemoPeople) async throws {
        let owner = people.imagingOwner
        let id = try await register(AISystemInput.Raw(
            name: "[Demo] Lens demand forecaster (retired) レンズ需要予測（提供終了）",
            purpose: "Forecast monthly demand for interchangeable lenses from orders and dealer stock. / 受注と販売店在庫から交換レンズの月次需要を予測していました。",
            description: Self.described("Replaced in 2025 by the planning team's new tool; kept in the inventory as a record of past AI use.",
                                        "2025年に企画部門の新ツールへ置き換え。過去のAI利用の記録として台帳に残しています。"),
            orgUnitID: people.units.imaging, ownerID: owner.id, lifecyclePhase: LifecyclePhase.retired.rawValue,
            status: SystemStatus.withdrawn.rawValue, intendedUsers: "Demand planners / 需要計画担当者",
            affectedPeople: "None directly / 直接影響を受ける人はいない", jurisdictions: ["JP"]),
            reason: "Retired before the AI ethics programme started; registered so that the inventory lists every AI system the unit has used. / AI倫理プログラム開始前に提供終了。事業部が使ったAIシステムをすべて台帳に載せるため登録。",
            by: people.officeLead.actor)
        try await add(to: id, models: [AIModelInput(name: "Demand forecaster 需要予測モデル", modelVersion: "1.8.2", type: .regression,
                                                    trainingData: "Orders and dealer stock 2016–2024 / 2016〜2024年の受注と販売店在庫")],
                      owner: owner.actor)
    }

    // MARK: Lens-module inspection — planning, submitted to the office

    func loadVisualInspection(_ people: DemoPeople) async throws {
        let owner = people.imagingOwner
        let id = try await register(AISystemInput.Raw(
            name: "[Demo] Lens-module visual inspection レンズモジュール外観検査AI",
            purpose: "Inspects lens modules on the assembly line from camera images and rejects scratched or misaligned ones. / 組立ラインでレンズモジュールをカメラ画像で検査し、傷や位置ずれのあるものを排出します。",
            description: Self.described("Planned for the Osaka line in 2027; replaces the manual inspection step.", "2027年に大阪のラインへ導入予定。目視検査の工程を置き換えます。"),
            orgUnitID: people.units.imaging, ownerID: owner.id, intendedUsers: "Line operators / ライン作業者",
            affectedPeople: "Line operators and customers / ライン作業者と顧客", jurisdictions: ["JP"]),
            by: owner.actor)
        try await add(to: id, models: [AIModelInput(name: "Defect detector 欠陥検出", modelVersion: "0.9.0", type: .detection,
                                                    trainingData: "Line camera images labelled by inspectors / 検査員がラベル付けしたライン画像")],
                      datasets: [DatasetInput(name: "Line camera images ライン撮影画像", source: "Osaka assembly line 3 / 大阪組立ライン3",
                                              acquisitionMethod: .internalRecords)],
                      owner: owner.actor)
        let detail = try await complete(try await open(id, owner: owner.actor), answers: DemoAnswers.lensInspection, owner: owner.actor,
                                        label: "LensInspect")
        // submitted: it waits in the office's queue for someone to start its review
        _ = try await submit(detail, owner: owner.actor)
    }

    // MARK: ProcureBot — planning, rejected by the committee

    func loadProcureBot(_ people: DemoPeople) async throws {
        let owner = people.procurementOwner
        let id = try await register(AISystemInput.Raw(
            name: "[Demo] ProcureBot purchasing agent 購買エージェント「ProcureBot」",
            purpose: "An AI agent that compares supplier quotes, negotiates with suppliers' sales agents and places purchase orders in the ERP system. / 見積を比較し、取引先の営業エージェントと交渉し、ERPで発注するAIエージェント。",
            description: Self.described("Pilot planned for office and laboratory supplies; orders up to ¥5,000,000 without approval in the first design.",
                                        "事務用品・研究用品で試行予定。当初の設計では500万円まで承認なしで発注します。"),
            orgUnitID: people.units.procurement, ownerID: owner.id, intendedUsers: "Buyers in Corporate Procurement / 調達本部の購買担当者",
            affectedPeople: "Suppliers' sales staff / 取引先の営業担当者", jurisdictions: ["JP"],
            usesGenerativeAI: true, usesAutonomousAgents: true),
            by: owner.actor)
        try await add(to: id, models: [AIModelInput(name: "Hosted large language model 外部の大規模言語モデル", modelVersion: "2025-09", type: .generative,
                                                    trainingData: "The provider's pre-training; no company data is used for training. / 提供元による事前学習。社内データは学習に使わない。")],
                      datasets: [DatasetInput(name: "Supplier master and purchase history 取引先マスタ・購買履歴", source: "ERP / 基幹システム",
                                              acquisitionMethod: .internalRecords, containsPersonalData: true)],
                      agents: [
                        AIAgentInput(name: "ProcureBot", role: "Compares quotes, negotiates with suppliers' sales agents and places orders. / 見積比較、取引先エージェントとの交渉、発注。",
                                     accountableOwnerID: owner.id, autonomyLevel: .autonomous,
                                     tools: ["ERP purchase-order API 発注API", "Supplier portal e-mail 取引先ポータルのメール", "Corporate card payments 法人カード決済"]),
                        AIAgentInput(name: "QuoteReader 見積読取", role: "Reads quotes from the supplier inbox and extracts prices. / 受信した見積から価格を抽出。",
                                     accountableOwnerID: owner.id, autonomyLevel: .suggestOnly, tools: ["Supplier inbox, read only 受信箱（読み取りのみ）"]),
                      ], owner: owner.actor)
        var detail = try await complete(try await open(id, owner: owner.actor), answers: DemoAnswers.procureBot, owner: owner.actor, label: "ProcureBot")
        detail = try await submit(detail, owner: owner.actor)
        let deciding = decider(of: detail, people: people, owner: owner.actor)
        detail = try await startReview(detail, by: deciding)
        // the security reviewer refuses, and finds prompt injection untested (which raises a risk of its own)
        detail = try await review(detail, .security, "not_approved", conditions: [
            "Require a person's approval for every order above ¥300,000 and remove card payments / 30万円を超える発注はすべて人の承認を必須とし、カード決済を外す",
            "Test prompt injection through supplier e-mails before any pilot / 試行前に取引先メール経由のプロンプトインジェクションを検証する",
        ], answers: ["sc_prompt_injection": DemoAnswer.no], people: people)
        detail = try await review(detail, .legal, "approved_with_conditions", conditions: [
            "Write the agent's negotiating authority into the supplier framework agreements / エージェントの交渉権限を取引基本契約に明記する",
        ], people: people)
        detail = try await review(detail, .humanRights, "approved_with_conditions", conditions: [
            "Name a buyer answerable for each negotiation the agent conducts / エージェントが行う交渉ごとに責任を負う購買担当者を指名する",
        ], people: people)
        detail = try await approveRemainingReviews(detail, people: people)
        detail = try await vote(detail, [
            (people.chair, .reject, "Spending without approval and no one answerable for agent-to-agent deals. / 承認なしの支出と、エージェント間取引の責任者不在。"),
            (people.member(0), .reject, "Security review not approved. / セキュリティレビューが不承認。"),
            (people.member(1), .reject, ""),
            (people.member(2), .approveWithConditions, "Acceptable with a ¥300,000 limit. / 30万円の上限があれば受け入れ可能。"),
        ])
        _ = try await decide(detail, .reject, rationale: """
            The agent could commit up to ¥5,000,000 and pay by card without a person's approval, and nobody is answerable when it negotiates with suppliers' agents. Rework the design with approval limits, no card payments and a named buyer per negotiation, and resubmit.
            エージェントは人の承認なしに500万円まで発注しカードで支払うことができ、取引先エージェントとの交渉に責任を負う者がいない。承認上限の設定、カード決済の廃止、交渉ごとの責任者の指名を行ったうえで再提出すること。
            """, by: deciding)
    }
}
