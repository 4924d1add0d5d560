import Foundation

/// A model used by an AI system.
public struct AIModelInput: Sendable, Equatable {
    public var name: String
    /// The model's own version label, e.g. `2.3.0` (not the record's edit version).
    public var modelVersion: String
    public var type: ModelType
    /// What the model was trained on, in prose.
    public var trainingData: String

    public init(name: String, modelVersion: String, type: ModelType, trainingData: String = "") {
        self.name = name
        self.modelVersion = modelVersion
        self.type = type
        self.trainingData = trainingData
    }

    /// Validates raw input. - Throws: ``RinriError`` (`invalid`).
    public static func validate(name: String?, modelVersion: String?, type: String?, trainingData: String?) throws -> AIModelInput {
        var v = Validator()
        let name = v.text(name, field: "name", max: 160)
        let version = v.text(modelVersion, field: "model_version", max: 64)
        let type = v.choice(type, field: "type", as: ModelType.self)
        let training = v.text(trainingData, field: "training_data", required: false, max: 10_000)
        try v.check()
        return AIModelInput(name: name, modelVersion: version, type: type!, trainingData: training)
    }
}

/// A dataset used to build or run an AI system.
public struct DatasetInput: Sendable, Equatable {
    public var name: String
    public var source: String
    public var acquisitionMethod: AcquisitionMethod
    public var containsPersonalData: Bool
    /// Special-category data (GDPR Art 9; 要配慮個人情報 under APPI).
    public var containsSensitiveData: Bool
    public var containsBiometricData: Bool
    public var containsChildrenData: Bool

    public init(name: String, source: String, acquisitionMethod: AcquisitionMethod,
                containsPersonalData: Bool = false, containsSensitiveData: Bool = false,
                containsBiometricData: Bool = false, containsChildrenData: Bool = false) {
        self.name = name
        self.source = source
        self.acquisitionMethod = acquisitionMethod
        self.containsPersonalData = containsPersonalData
        self.containsSensitiveData = containsSensitiveData
        self.containsBiometricData = containsBiometricData
        self.containsChildrenData = containsChildrenData
    }

    /// Validates raw input; sensitive, biometric or children's data imply personal data.
    ///
    /// - Throws: ``RinriError`` (`invalid`).
    public static func validate(name: String?, source: String?, acquisitionMethod: String?,
                                flags: (personal: Bool?, sensitive: Bool?, biometric: Bool?, children: Bool?)) throws -> DatasetInput {
        var v = Validator()
        let name = v.text(name, field: "name", max: 160)
        let source = v.text(source, field: "source", required: false, max: 2_000)
        let method = v.choice(acquisitionMethod, field: "acquisition_method", as: AcquisitionMethod.self)
        let sensitive = flags.sensitive ?? false, biometric = flags.biometric ?? false, children = flags.children ?? false
        if flags.personal == false && (sensitive || biometric || children) {
            v.add("contains_personal_data", "inconsistent",
                  "sensitive, biometric or children's data is personal data: contains_personal_data cannot be false")
        }
        try v.check()
        return DatasetInput(name: name, source: source, acquisitionMethod: method!,
                            containsPersonalData: (flags.personal ?? false) || sensitive || biometric || children,
                            containsSensitiveData: sensitive, containsBiometricData: biometric,
                            containsChildrenData: children)
    }
}

/// An AI agent that acts inside an AI system, with the person accountable for it.
public struct AIAgentInput: Sendable, Equatable {
    public var name: String
    /// What the agent does, in prose.
    public var role: String
    /// The user accountable for the agent's actions (the NEC advisory council's point).
    public var accountableOwnerID: String
    public var autonomyLevel: AutonomyLevel
    /// The tools or APIs the agent may call.
    public var tools: [String]

    public init(name: String, role: String, accountableOwnerID: String, autonomyLevel: AutonomyLevel, tools: [String] = []) {
        self.name = name
        self.role = role
        self.accountableOwnerID = accountableOwnerID
        self.autonomyLevel = autonomyLevel
        self.tools = tools
    }

    /// Validates raw input. - Throws: ``RinriError`` (`invalid`).
    public static func validate(name: String?, role: String?, accountableOwnerID: String?,
                                autonomyLevel: String?, tools: [String]?) throws -> AIAgentInput {
        var v = Validator()
        let name = v.text(name, field: "name", max: 160)
        let role = v.text(role, field: "role", max: 2_000)
        let owner = v.text(accountableOwnerID, field: "accountable_owner_id", max: 64)
        let level = v.choice(autonomyLevel, field: "autonomy_level", as: AutonomyLevel.self)
        let tools = v.list(tools, field: "tools", maxItems: 100, maxLength: 200)
        try v.check()
        return AIAgentInput(name: name, role: role, accountableOwnerID: owner, autonomyLevel: level!, tools: tools)
    }
}
