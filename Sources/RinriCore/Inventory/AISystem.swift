import Foundation

/// The editable fields of an AI system in the inventory.
public struct AISystemInput: Sendable, Equatable {
    public var name: String
    public var purpose: String
    public var description: String
    public var orgUnitID: String
    public var ownerID: String?
    public var lifecyclePhase: LifecyclePhase
    public var status: SystemStatus
    public var intendedUsers: String
    public var affectedPeople: String
    /// ISO 3166-1 alpha-2 codes and `EU`, upper case, without duplicates.
    public var jurisdictions: [String]
    public var usesBiometricData: Bool
    public var usesGenerativeAI: Bool
    public var usesAutonomousAgents: Bool

    public init(name: String, purpose: String, description: String = "", orgUnitID: String, ownerID: String? = nil,
                lifecyclePhase: LifecyclePhase = .planning, status: SystemStatus = .registered,
                intendedUsers: String = "", affectedPeople: String = "", jurisdictions: [String] = [],
                usesBiometricData: Bool = false, usesGenerativeAI: Bool = false, usesAutonomousAgents: Bool = false) {
        self.name = name
        self.purpose = purpose
        self.description = description
        self.orgUnitID = orgUnitID
        self.ownerID = ownerID
        self.lifecyclePhase = lifecyclePhase
        self.status = status
        self.intendedUsers = intendedUsers
        self.affectedPeople = affectedPeople
        self.jurisdictions = jurisdictions
        self.usesBiometricData = usesBiometricData
        self.usesGenerativeAI = usesGenerativeAI
        self.usesAutonomousAgents = usesAutonomousAgents
    }

    /// Raw values as they arrive from a form, the API or the CLI.
    public struct Raw: Sendable {
        public var name: String?
        public var purpose: String?
        public var description: String?
        public var orgUnitID: String?
        public var ownerID: String?
        public var lifecyclePhase: String?
        public var status: String?
        public var intendedUsers: String?
        public var affectedPeople: String?
        public var jurisdictions: [String]?
        public var usesBiometricData: Bool?
        public var usesGenerativeAI: Bool?
        public var usesAutonomousAgents: Bool?

        public init(name: String? = nil, purpose: String? = nil, description: String? = nil, orgUnitID: String? = nil,
                    ownerID: String? = nil, lifecyclePhase: String? = nil, status: String? = nil,
                    intendedUsers: String? = nil, affectedPeople: String? = nil, jurisdictions: [String]? = nil,
                    usesBiometricData: Bool? = nil, usesGenerativeAI: Bool? = nil, usesAutonomousAgents: Bool? = nil) {
            self.name = name
            self.purpose = purpose
            self.description = description
            self.orgUnitID = orgUnitID
            self.ownerID = ownerID
            self.lifecyclePhase = lifecyclePhase
            self.status = status
            self.intendedUsers = intendedUsers
            self.affectedPeople = affectedPeople
            self.jurisdictions = jurisdictions
            self.usesBiometricData = usesBiometricData
            self.usesGenerativeAI = usesGenerativeAI
            self.usesAutonomousAgents = usesAutonomousAgents
        }
    }

    /// Validates raw input and returns the normalised system.
    ///
    /// - Throws: ``RinriError`` (`invalid`) listing every bad field.
    public static func validate(_ raw: Raw) throws -> AISystemInput {
        var v = Validator()
        let name = v.text(raw.name, field: "name", max: 160)
        let purpose = v.text(raw.purpose, field: "purpose", max: 2_000)
        let description = v.text(raw.description, field: "description", required: false, max: 20_000)
        let unit = v.text(raw.orgUnitID, field: "org_unit_id", max: 64)
        let owner = raw.ownerID.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let phase = v.choice(raw.lifecyclePhase, field: "lifecycle_phase", as: LifecyclePhase.self, default: .planning)
        let status = v.choice(raw.status, field: "status", as: SystemStatus.self, default: .registered)
        let users = v.text(raw.intendedUsers, field: "intended_users", required: false, max: 2_000)
        let affected = v.text(raw.affectedPeople, field: "affected_people", required: false, max: 2_000)
        let codes = v.list(raw.jurisdictions?.map { $0.uppercased() }, field: "jurisdictions", maxItems: 60, maxLength: 2)
        for code in codes where !Jurisdictions.isValid(code) {
            v.add("jurisdictions", "invalid_jurisdiction",
                  "jurisdiction \"\(code)\" is neither an ISO 3166-1 alpha-2 code (JP, US, DE…) nor EU")
        }
        try v.check()
        return AISystemInput(name: name, purpose: purpose, description: description, orgUnitID: unit, ownerID: owner,
                             lifecyclePhase: phase!, status: status!, intendedUsers: users, affectedPeople: affected,
                             jurisdictions: codes, usesBiometricData: raw.usesBiometricData ?? false,
                             usesGenerativeAI: raw.usesGenerativeAI ?? false,
                             usesAutonomousAgents: raw.usesAutonomousAgents ?? false)
    }
}
