import Foundation
import RinriCore

/// Signing in and out, the language, one's own account and tokens, and the users an administrator manages.
enum AccountRoute: SiteRoute, Hashable {
    case home
    case login(next: String?)
    case logout
    case language
    case account
    case accountPassword
    case accountTokens
    case accountTokenRevoke(TokenID)
    case accountLogoutEverywhere
    case users
    case userEdit(UserID)
    case userResetPassword(UserID)
    case oidcStart(next: String?)
    case oidcCallback
    case apiLogin
    case apiMe
    case apiTokens
    case apiToken(TokenID)
    case apiUsers
    case apiUser(UserID)

    var path: String {
        switch self {
        case .home: return "/"
        case .login(let next):
            guard let next, RoutePath.isLocal(next) else { return "/login" }
            return "/login?next=" + RoutePath.encode(next)
        case .logout: return "/logout"
        case .language: return "/language"
        case .account: return "/account"
        case .accountPassword: return "/account/password"
        case .accountTokens: return "/account/tokens"
        case .accountTokenRevoke(let id): return "/account/tokens/\(id)/revoke"
        case .accountLogoutEverywhere: return "/account/logout-everywhere"
        case .users: return "/users"
        case .userEdit(let id): return "/users/\(id)/edit"
        case .userResetPassword(let id): return "/users/\(id)/reset-password"
        case .oidcStart(let next):
            guard let next, RoutePath.isLocal(next) else { return "/auth/oidc/start" }
            return "/auth/oidc/start?next=" + RoutePath.encode(next)
        case .oidcCallback: return "/auth/oidc/callback"
        case .apiLogin: return "/api/v1/auth/login"
        case .apiMe: return "/api/v1/me"
        case .apiTokens: return "/api/v1/tokens"
        case .apiToken(let id): return "/api/v1/tokens/\(id)"
        case .apiUsers: return "/api/v1/users"
        case .apiUser(let id): return "/api/v1/users/\(id)"
        }
    }

    static let all: [AccountRoute] = [
        .home, .login(next: nil), .logout, .language, .account, .accountPassword, .accountTokens, .accountTokenRevoke(.parameter), .accountLogoutEverywhere,
        .users, .userEdit(.parameter), .userResetPassword(.parameter),
        .oidcStart(next: nil), .oidcCallback, .apiLogin, .apiMe, .apiTokens, .apiToken(.parameter), .apiUsers, .apiUser(.parameter),
    ]
}
