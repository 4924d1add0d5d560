import FluentKit
import Foundation
import RinriCore

/// One logged-in browser. The primary key is the SHA-256 of the cookie's secret.
final class WebSessionModel: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "csrf") var csrf: String
    @OptionalField(key: "flash") var flash: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "via") var via: String?

    init() {}

    var session: WebSession {
        WebSession(id: id!, userID: $user.id.uuidString, csrf: csrf, flash: flash, createdAt: createdAt, lastSeenAt: lastSeenAt)
    }
}

/// A logged-in browser as the web layer sees it.
public struct WebSession: Sendable, Equatable {
    /// The SHA-256 of the cookie's secret (never the secret itself).
    public var id: String
    public var userID: String
    /// The token every form of this session carries.
    public var csrf: String
    /// A message to show once on the next page.
    public var flash: String?
    public var createdAt: Date
    public var lastSeenAt: Date
}
