import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// `/api/v1/users`: the user directory, and accounts created and edited by administrators.
struct UsersAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, AccountRoute.apiUsers, access: .permission(.readUsers), use: users)
        app.on(.POST, AccountRoute.apiUsers, access: .permission(.manageUsers), use: createUser)
        app.on(.PUT, AccountRoute.apiUser(.parameter), access: .permission(.manageUsers), use: updateUser)
    }

    func updateUser(_ req: Request) async throws -> API.UserDTO {
        let body = try req.content.decode(API.UpdateUserDTO.self)
        let target = try await req.reads.users.account(id: req.id("userID"))
        let grants = try (body.roles ?? target.grants.map(\.description)).map(RoleGrant.parse)
        let isActive = body.isActive ?? target.isActive
        return API.UserDTO(try await req.writes.users.update(userID: target.id, name: body.name ?? target.name, grants: grants,
                                                             isActive: isActive, context: req.actor))
    }

    func users(_ req: Request) async throws -> API.PageDTO<API.UserDTO> {
        API.PageDTO(try await req.reads.users.page(try req.listing(sort: UserSort.email)).map(API.UserDTO.init))
    }

    func createUser(_ req: Request) async throws -> Response {
        let body = try req.content.decode(API.CreateUserDTO.self)
        let password = body.password ?? ""
        if let problem = PasswordGenerator.problem(with: password) {
            throw RinriError.invalid(field: "password", code: "weak_password", message: problem)
        }
        let grants = try (body.roles ?? []).map(RoleGrant.parse)
        let hash = try await req.hashPassword(password)
        // The administrator knows this password: it is a one-time password its holder replaces at first login.
        let user = try await req.writes.users.create(email: body.email ?? "", name: body.name ?? "", passwordHash: hash,
                                                     grants: grants, mustChangePassword: true, context: req.actor)
        return try await API.UserDTO(user).encodeResponse(status: .created, for: req)
    }
}
