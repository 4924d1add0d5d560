import Foundation
import RinriCore

/// Signing in, personal tokens and the user directory: this feature's part of the OpenAPI description.
enum AccountOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(method: "post", path: "/api/v1/auth/login", summary: "Exchange e-mail and password for an API token (30 days)", tag: "auth", request: "LoginRequest", response: "LoginResponse", isPublic: true),
            .init(method: "get", path: "/api/v1/me", summary: "The caller's account", tag: "auth", response: "User"),
            .init(method: "get", path: "/api/v1/tokens", summary: "The caller's personal API tokens", tag: "auth", response: "TokenList"),
            .init(method: "post", path: "/api/v1/tokens", summary: "Create a personal API token (the secret is returned once)", tag: "auth", request: "CreateToken", response: "CreatedToken", status: 201),
            .init(method: "delete", path: "/api/v1/tokens/{tokenID}", summary: "Revoke one of the caller's tokens", tag: "auth", status: 204),
            .init(method: "get", path: "/api/v1/users", summary: "List users and their roles", tag: "users", response: "UserList", sortColumns: UserSort.allCases.map(\.rawValue)),
            .init(method: "post", path: "/api/v1/users", summary: "Create a user", tag: "users", request: "CreateUser", response: "User", status: 201),
            .init(method: "put", path: "/api/v1/users/{userID}", summary: "Change a user's name, roles or active state (absent fields stay)", tag: "users", request: "UpdateUser", response: "User"),
        ]
    }

    static var schemas: [String: Any] {

        return [
            "LoginRequest": object(["email": string, "password": string], required: ["email", "password"]),
            "LoginResponse": object(["token": string, "expires_at": dateTime, "user": ["$ref": "#/components/schemas/User"]],
                                    required: ["token", "expires_at", "user"]),
            "User": object(["id": string, "email": string, "name": string, "language": nullableString, "is_active": boolean,
                            "roles": ["type": "array", "items": ["type": "string",
                                      "description": "role, reviewer:domain or role@org_unit_id"]]]),
            "UserList": page("User"),
            "UpdateUser": object(["name": string, "roles": strings, "is_active": boolean]),
            "CreateUser": object(["email": string, "name": string, "password": string, "roles": strings],
                                 required: ["email", "name", "password", "roles"]),
            "Token": object(["id": string, "name": string, "prefix": string, "created_at": dateTime,
                             "expires_at": ["type": ["string", "null"], "format": "date-time"],
                             "last_used_at": ["type": ["string", "null"], "format": "date-time"],
                             "revoked_at": ["type": ["string", "null"], "format": "date-time"]]),
            "TokenList": list("Token"),
            "CreateToken": object(["name": string, "expires_in_days": integer], required: ["name"]),
            "CreatedToken": object(["token": string, "info": ["$ref": "#/components/schemas/Token"]]),
        ]
    }
}
