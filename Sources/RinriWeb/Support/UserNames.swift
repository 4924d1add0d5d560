import RinriCore

/// People's names by user id, whatever case the id was stored in (ids reach records through the
/// API in lower case and through Rinri in upper case).
struct UserNames {
    private let names: [String: String]

    init(_ users: [UserAccount]) {
        names = Dictionary(users.map { ($0.id.uppercased(), $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(_ id: String?) -> String? { id.flatMap { names[$0.uppercased()] } }
}
