#!/usr/bin/env python3
"""A small OpenID Connect provider for Rinri's tests, built on Authlib and Flask.

It serves the authorization code flow (PKCE S256 required) for one confidential client,
signs ID tokens with RS256 or ES256 and publishes both an RSA and an EC P-256 public key.
Users come from a JSON file. Everything is kept in memory and lost when it stops.
See README.md beside this file for the options and how CI starts it.

The OAuth 2.0 / OpenID Connect protocol work (request validation, client authentication,
PKCE checks, token responses, ID token claims and signing, UserInfo) is done by Authlib;
this file supplies the storage, the login page and the wiring.
"""

from __future__ import annotations

import os

# Plain HTTP on the loopback interface: Authlib refuses non-TLS URLs without this.
os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"

import argparse
import html
import json
import logging
import secrets
import signal
import stat
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, TokenMixin, grants
from authlib.oauth2.rfc6749.util import list_to_scope, scope_to_list
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, OpenIDCode, UserInfo, UserInfoEndpoint
from authlib.oidc.discovery import OpenIDProviderMetadata
from flask import Flask, Response, jsonify, request
from joserfc.jwk import ECKey, RSAKey
from werkzeug.serving import WSGIRequestHandler, make_server

log = logging.getLogger("oidc-provider")

SUPPORTED_SCOPES = ["openid", "profile", "email", "groups"]
TOKEN_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
CLAIMS = [
    "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
    "name", "preferred_username", "email", "email_verified", "groups",
]


# --------------------------------------------------------------------------- models


@dataclass(frozen=True)
class User:
    username: str
    password: str
    email: str
    name: str
    groups: list[str]
    sub: str


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    # Read by Authlib's UserInfo endpoint (no signed UserInfo is registered).
    client_metadata: dict = field(default_factory=dict)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        # OpenID Connect makes redirect_uri mandatory in the authorization request.
        return None

    def get_allowed_scope(self, scope):
        if not scope:
            return ""
        return list_to_scope([s for s in scope_to_list(scope) if s in SUPPORTED_SCOPES])

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(self.client_secret.encode(), client_secret.encode())

    def check_endpoint_auth_method(self, method, endpoint):
        if endpoint == "token":
            return method in TOKEN_AUTH_METHODS
        return True

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class AuthCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    username: str
    nonce: str | None
    code_challenge: str
    code_challenge_method: str
    auth_time: int
    expires_at: float

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time


@dataclass
class Token(TokenMixin):
    access_token: str
    client: Client
    user: User
    scope: str
    issued_at: float
    expires_in: int
    revoked: bool = False

    def check_client(self, client):
        return client.client_id == self.client.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return self.expires_in

    def is_expired(self):
        return time.time() >= self.issued_at + self.expires_in

    def is_revoked(self):
        return self.revoked

    def get_user(self):
        return self.user

    def get_client(self):
        return self.client


class Store:
    """In-memory state, guarded by one lock (the server answers requests in threads)."""

    def __init__(self, users: dict[str, User], client: Client, code_lifetime: int):
        self.users = users
        self.client = client
        self.code_lifetime = code_lifetime
        self.lock = threading.Lock()
        self.codes: dict[str, AuthCode] = {}
        # code -> (time it was redeemed, access tokens issued with it)
        self.redeemed: dict[str, tuple[float, list[str]]] = {}
        self.tokens: dict[str, Token] = {}
        self.nonces: set[tuple[str, str]] = set()

    def add_code(self, item: AuthCode) -> None:
        with self.lock:
            self.codes[item.code] = item
            if item.nonce:
                self.nonces.add((item.client_id, item.nonce))

    def redeem_code(self, code: str, client: Client) -> AuthCode | None:
        """Take a code out of the store: each code is accepted at most once, whether the
        token request that presents it succeeds or not. Presenting a redeemed code again
        revokes the access tokens issued with it (RFC 6749 section 4.1.2)."""
        now = time.time()
        with self.lock:
            for old in [c for c, (t, _) in self.redeemed.items() if now - t > 3600]:
                del self.redeemed[old]
            item = self.codes.pop(code, None)
            if item is None:
                if code in self.redeemed:
                    issued = self.redeemed[code][1]
                    for access_token in issued:
                        if access_token in self.tokens:
                            self.tokens[access_token].revoked = True
                    log.warning("authorization code presented twice; revoked %d token(s)", len(issued))
                return None
            self.redeemed[code] = (now, [])
        if item.client_id != client.client_id:
            log.warning("authorization code presented by another client")
            return None
        if now >= item.expires_at:
            log.warning("authorization code expired")
            return None
        return item

    def add_token(self, token: Token, code: str | None) -> None:
        with self.lock:
            self.tokens[token.access_token] = token
            if code and code in self.redeemed:
                self.redeemed[code][1].append(token.access_token)

    def nonce_used(self, client_id: str, nonce: str) -> bool:
        with self.lock:
            return (client_id, nonce) in self.nonces


# --------------------------------------------------------------------------- keys


class KeyStore:
    """One RSA (2048) and one EC P-256 signing key, generated at start or kept in a folder."""

    def __init__(self, keys_dir: Path | None):
        self.rsa = self._load_or_generate(keys_dir, "rsa", lambda: RSAKey.generate_key(2048))
        self.ec = self._load_or_generate(keys_dir, "ec", lambda: ECKey.generate_key("P-256"))

    @staticmethod
    def _load_or_generate(keys_dir, name, generate):
        path = keys_dir / f"{name}.jwk.json" if keys_dir else None
        if path and path.exists():
            data = json.loads(path.read_text())
            key = (RSAKey if name == "rsa" else ECKey).import_key(data)
            log.info("loaded %s key %s from %s", name, key.kid, path)
            return key
        key = generate()
        key.ensure_kid()  # RFC 7638 thumbprint
        if path:
            keys_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
            with os.fdopen(fd, "w") as f:
                json.dump(key.as_dict(private=True), f)
            log.info("generated %s key %s, saved to %s", name, key.kid, path)
        else:
            log.info("generated %s key %s", name, key.kid)
        return key

    def for_alg(self, alg: str):
        return self.rsa if alg == "RS256" else self.ec

    def public_jwks(self) -> dict:
        return {
            "keys": [
                self.rsa.as_dict(private=False, use="sig", alg="RS256"),
                self.ec.as_dict(private=False, use="sig", alg="ES256"),
            ]
        }


# --------------------------------------------------------------------------- Authlib wiring


def user_claims(user: User) -> UserInfo:
    """The claims of a user, in the ID token and at the UserInfo endpoint alike.
    (A test provider: every claim is given whatever the scope beyond `openid`.)"""
    return UserInfo(
        sub=user.sub,
        name=user.name,
        preferred_username=user.username,
        email=user.email,
        email_verified=True,
        groups=list(user.groups),
    )


class S256CodeChallenge(CodeChallenge):
    """PKCE with S256 only, and required for every client (confidential ones too)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE (S256) is required.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)


def build_server(app: Flask, cfg: argparse.Namespace, store: Store, keys: KeyStore) -> AuthorizationServer:
    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS

        def save_authorization_code(self, code, req):
            payload = req.payload.data
            store.add_code(
                AuthCode(
                    code=code,
                    client_id=req.client.client_id,
                    redirect_uri=req.payload.redirect_uri,
                    scope=req.scope,
                    username=req.user.username,
                    nonce=payload.get("nonce"),
                    code_challenge=payload["code_challenge"],
                    code_challenge_method=payload["code_challenge_method"],
                    auth_time=int(getattr(req.user, "auth_time", time.time())),
                    expires_at=time.time() + store.code_lifetime,
                )
            )

        def query_authorization_code(self, code, client):
            return store.redeem_code(code, client)

        def delete_authorization_code(self, authorization_code):
            pass  # already taken out of the store by query_authorization_code

        def authenticate_user(self, authorization_code):
            return store.users.get(authorization_code.username)

    class IDToken(OpenIDCode):
        def exists_nonce(self, nonce, req):
            return store.nonce_used(req.payload.client_id, nonce)

        def get_client_algorithm(self, client):
            return cfg.alg

        def get_encode_header(self, client):
            return {"alg": cfg.alg, "kid": keys.for_alg(cfg.alg).kid}

        def resolve_client_private_key(self, client):
            return keys.for_alg(cfg.alg)

        def get_client_claims(self, client):
            now = int(time.time())
            return {
                "iss": cfg.issuer,
                "aud": client.get_client_id(),
                "iat": now,
                "exp": now + cfg.id_token_lifetime,
            }

        def generate_user_info(self, user, scope):
            return user_claims(user)

    class TokenValidator(BearerTokenValidator):
        def authenticate_token(self, token_string):
            return store.tokens.get(token_string)

    class UserInfoEP(UserInfoEndpoint):
        def get_issuer(self):
            return cfg.issuer

        def generate_user_info(self, user, scope):
            return user_claims(user)

        def resolve_private_key(self):
            return keys.for_alg(cfg.alg)

    def query_client(client_id):
        return store.client if client_id == store.client.client_id else None

    def save_token(token, req):
        code = req.authorization_code.code if req.authorization_code else None
        store.add_token(
            Token(
                access_token=token["access_token"],
                client=req.client,
                user=req.user,
                scope=token.get("scope", ""),
                issued_at=time.time(),
                expires_in=int(token["expires_in"]),
            ),
            code,
        )

    app.config["OAUTH2_TOKEN_EXPIRES_IN"] = {"authorization_code": cfg.access_token_lifetime}
    server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
    server.register_grant(CodeGrant, [S256CodeChallenge(required=True), IDToken(require_nonce=False)])
    protector = ResourceProtector()
    protector.register_token_validator(TokenValidator())
    server.register_endpoint(UserInfoEP(resource_protector=protector))
    return server


# --------------------------------------------------------------------------- web app

LOGIN_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in - test OpenID provider</title></head>
<body>
<h1>Sign in</h1>
<p>Test OpenID Connect provider. Client: <code>{client_id}</code></p>
{error}
<form method="post" action="{action}">
  <p><label for="username">Username</label><br>
     <input id="username" name="username" type="text" autocomplete="username" value="{username}" autofocus></p>
  <p><label for="password">Password</label><br>
     <input id="password" name="password" type="password" autocomplete="current-password"></p>
  <p><button id="login" type="submit">Sign in</button></p>
</form>
</body>
</html>
"""


def login_page(action: str, client_id: str, username: str = "", error: str | None = None) -> Response:
    body = LOGIN_PAGE.format(
        action=html.escape(action, quote=True),
        client_id=html.escape(client_id),
        username=html.escape(username, quote=True),
        error=f'<p id="error" role="alert">{html.escape(error)}</p>' if error else "",
    )
    resp = Response(body, status=200, mimetype="text/html")
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


@dataclass(frozen=True)
class LoggedInUser:
    """The user behind one successful login, with the time of that login."""

    user: User
    auth_time: int

    def __getattr__(self, name):
        return getattr(self.user, name)


def discovery_document(cfg: argparse.Namespace) -> dict:
    base = cfg.issuer.rstrip("/")
    return {
        "issuer": cfg.issuer,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/jwks",
        "scopes_supported": SUPPORTED_SCOPES,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        # The --alg in use first. OpenID Connect Discovery requires RS256 in this list, and
        # both keys are published, so the other algorithm is listed too.
        "id_token_signing_alg_values_supported": [cfg.alg] + [a for a in ("RS256", "ES256") if a != cfg.alg],
        "token_endpoint_auth_methods_supported": TOKEN_AUTH_METHODS,
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": CLAIMS,
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
        "request_uri_parameter_supported": False,
    }


def create_app(cfg: argparse.Namespace, users: dict[str, User], keys: KeyStore) -> Flask:
    app = Flask(__name__)
    client = Client(cfg.client_id, cfg.client_secret, list(cfg.redirect_uri))
    store = Store(users, client, cfg.code_lifetime)
    server = build_server(app, cfg, store, keys)
    metadata = OpenIDProviderMetadata(discovery_document(cfg))
    metadata.validate()
    prefix = urlsplit(cfg.issuer).path.rstrip("/")

    @app.get(f"{prefix}/.well-known/openid-configuration")
    def discovery():
        return jsonify(dict(metadata))

    @app.get(f"{prefix}/jwks")
    def jwks():
        return jsonify(keys.public_jwks())

    @app.route(f"{prefix}/authorize", methods=["GET", "POST"])
    def authorize():
        # No login session is kept: every authorization request shows the form (so a
        # prompt=none request gets login_required).
        end_user = None
        error = None
        username = ""
        if request.method == "POST":
            username = request.form.get("username", "")
            candidate = users.get(username)
            password = request.form.get("password", "")
            if candidate and secrets.compare_digest(candidate.password.encode(), password.encode()):
                end_user = LoggedInUser(candidate, int(time.time()))
                log.info("user %s signed in", username)
            else:
                error = "Wrong username or password."
                log.info("failed sign-in for %r", username)
        try:
            grant = server.get_consent_grant(end_user=end_user)
        except OAuth2Error as err:
            log.info("authorization request refused: %s %s", err.error, err.description)
            return server.handle_error_response(request, err)
        if end_user is None:
            return login_page(request.full_path, client.client_id, username, error)
        return server.create_authorization_response(grant_user=end_user, grant=grant)

    @app.post(f"{prefix}/token")
    def token():
        return server.create_token_response()

    @app.route(f"{prefix}/userinfo", methods=["GET", "POST"])
    def userinfo():
        return server.create_endpoint_response("userinfo")

    return app


# --------------------------------------------------------------------------- start-up


def load_users(path: Path) -> dict[str, User]:
    data = json.loads(path.read_text())
    if not isinstance(data, list) or not data:
        raise ValueError(f"{path}: expected a non-empty JSON list of users")
    users: dict[str, User] = {}
    for i, entry in enumerate(data):
        missing = [k for k in ("username", "password", "email") if not entry.get(k)]
        if missing:
            raise ValueError(f"{path}: user {i} lacks {', '.join(missing)}")
        groups = entry.get("groups", [])
        if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
            raise ValueError(f"{path}: user {i}: groups must be a list of strings")
        user = User(
            username=entry["username"],
            password=entry["password"],
            email=entry["email"],
            name=entry.get("name") or entry["username"],
            groups=groups,
            sub=str(entry.get("sub") or entry["username"]),
        )
        if user.username in users:
            raise ValueError(f"{path}: username {user.username!r} given twice")
        users[user.username] = user
    return users


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Small OpenID Connect provider (Authlib) for tests.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=9400, help="port (default 9400; 0 picks a free one)")
    p.add_argument("--issuer", help="issuer URL (default http://127.0.0.1:PORT)")
    p.add_argument("--client-id", default="rinri", help="client id (default rinri)")
    p.add_argument("--client-secret", default="rinri-secret", help="client secret (default rinri-secret)")
    p.add_argument("--redirect-uri", action="append", required=True,
                   help="allowed redirect URI (exact match); may be given several times")
    p.add_argument("--users", type=Path, required=True, help="JSON list of users")
    p.add_argument("--alg", choices=["RS256", "ES256"], default="RS256",
                   help="ID token signing algorithm (default RS256)")
    p.add_argument("--id-token-lifetime", type=int, default=300, help="seconds (default 300)")
    p.add_argument("--access-token-lifetime", type=int, default=3600, help="seconds (default 3600)")
    p.add_argument("--code-lifetime", type=int, default=60, help="authorization code lifetime, seconds (default 60)")
    p.add_argument("--keys-dir", type=Path, help="keep the signing keys here (created if missing)")
    return p.parse_args(argv)


class RequestLog(WSGIRequestHandler):
    """One plain line per request on our logger (Werkzeug's own adds terminal colours)."""

    def log_request(self, code="-", size="-"):
        log.info("%s %s -> %s", self.command, getattr(self, "path", "?"), code)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    cfg = parse_args(argv)
    users = load_users(cfg.users)
    keys = KeyStore(cfg.keys_dir)
    # Bind first, so that --port 0 gives the real port for the default issuer.
    placeholder = Flask("placeholder")
    httpd = make_server(cfg.host, cfg.port, placeholder, threaded=True, request_handler=RequestLog)
    port = httpd.server_port
    if not cfg.issuer:
        cfg.issuer = f"http://127.0.0.1:{port}"
    httpd.app = create_app(cfg, users, keys)
    log.info("issuer %s, client %s, alg %s, %d user(s), redirect URIs %s",
             cfg.issuer, cfg.client_id, cfg.alg, len(users), ", ".join(cfg.redirect_uri))

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    print(f"oidc provider ready on http://{cfg.host}:{port}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
