#!/usr/bin/env python3
"""Walk the OpenID Connect code flow against the test provider, as a client would.

Two ways to run it (with the provider's virtual environment, which has requests and joserfc):

    # against a provider that is already running
    selftest.py --issuer http://127.0.0.1:9400 --users users.json --username alice \\
                --client-id rinri --client-secret rinri-secret --redirect-uri URI [--expect-alg ES256]

    # start provider.py twice (RS256, then ES256) on free ports, test both, stop them
    selftest.py --spawn

Checks: discovery document, JWKS (one RSA and one EC P-256 key, distinct kids), the login form,
authorization code with PKCE S256 + state + nonce, token exchange (client_secret_basic and
client_secret_post), ID token signature against the JWKS (joserfc, and again with plain
`cryptography`), iss/aud/exp/iat/nonce/at_hash and the user's claims, UserInfo, and the refusals:
code used twice (and the tokens of that code revoked), wrong code_verifier, missing or plain
PKCE, unknown redirect URI, wrong password, wrong client secret, prompt=none.

Exit 0 when every check passes, 1 otherwise; the last line is `oidc-selftest: N passed, M failed`.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

HERE = Path(__file__).resolve().parent
TIMEOUT = 10


class Failed(Exception):
    pass


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, label: str, fn):
        try:
            detail = fn()
        except Failed as e:
            self.failed += 1
            print(f"FAIL {label}: {e}", flush=True)
            return None
        except Exception as e:  # an unexpected error is a failure of that check
            self.failed += 1
            print(f"FAIL {label}: {type(e).__name__}: {e}", flush=True)
            return None
        self.passed += 1
        print(f"ok   {label}" + (f" ({detail})" if isinstance(detail, str) and detail else ""), flush=True)
        return detail


def expect(cond, message):
    if not cond:
        raise Failed(message)


def b64url_decode(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class FormParser(HTMLParser):
    """Collects the first form of a page: its action, its inputs and the id of its button."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.method = None
        self.inputs: dict[str, str] = {}
        self.ids: set[str] = set()
        self.buttons: list[str] = []
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "form" and self.action is None:
            self.in_form = True
            self.action = a.get("action", "")
            self.method = (a.get("method") or "get").lower()
        elif self.in_form and tag == "input" and a.get("name"):
            self.inputs[a["name"]] = a.get("value") or ""
        elif self.in_form and tag == "button":
            self.buttons.append(a.get("id", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


class Flow:
    def __init__(self, args, user: dict):
        self.args = args
        self.user = user
        self.http = requests.Session()
        self.meta: dict = {}
        self.jwks: dict = {}

    # -- helpers

    def authorize_params(self, **extra):
        verifier = secrets.token_urlsafe(48)
        params = {
            "response_type": "code",
            "client_id": self.args.client_id,
            "redirect_uri": self.args.redirect_uri,
            "scope": "openid profile email groups",
            "state": secrets.token_urlsafe(12),
            "nonce": secrets.token_urlsafe(12),
            "code_challenge": b64url(hashlib.sha256(verifier.encode()).digest()),
            "code_challenge_method": "S256",
        }
        params.update(extra)
        return params, verifier

    def open_login(self, params):
        r = self.http.get(self.meta["authorization_endpoint"], params=params, allow_redirects=False, timeout=TIMEOUT)
        expect(r.status_code == 200, f"authorization endpoint answered {r.status_code}: {r.text[:200]}")
        form = FormParser()
        form.feed(r.text)
        expect(form.action is not None and form.method == "post", "no POST form on the login page")
        expect({"username", "password"} <= set(form.inputs), f"form fields {sorted(form.inputs)}")
        expect({"username", "password", "login"} <= form.ids and "login" in form.buttons,
               "ids username/password/login missing")
        return r, form

    def login(self, params, password=None):
        page, form = self.open_login(params)
        data = dict(form.inputs)
        data.update(username=self.user["username"], password=password or self.user["password"])
        return self.http.post(urljoin(page.url, form.action), data=data, allow_redirects=False, timeout=TIMEOUT)

    def callback_params(self, r):
        expect(r.status_code in (302, 303), f"expected a redirect, got {r.status_code}: {r.text[:200]}")
        location = r.headers["Location"]
        expect(location.split("?")[0] == self.args.redirect_uri, f"redirected to {location}")
        return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}

    def get_code(self, params):
        q = self.callback_params(self.login(params))
        expect("code" in q, f"no code in redirect: {q}")
        expect(q.get("state") == params["state"], "state not echoed")
        return q["code"]

    def token(self, code, verifier, auth="basic", secret=None):
        data = {"grant_type": "authorization_code", "code": code,
                "redirect_uri": self.args.redirect_uri, "code_verifier": verifier}
        secret = self.args.client_secret if secret is None else secret
        kwargs = {}
        if auth == "basic":
            kwargs["auth"] = (self.args.client_id, secret)
        else:
            data.update(client_id=self.args.client_id, client_secret=secret)
        return self.http.post(self.meta["token_endpoint"], data=data, timeout=TIMEOUT, **kwargs)

    def userinfo(self, access_token):
        return self.http.get(self.meta["userinfo_endpoint"],
                             headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT)

    # -- checks

    def discovery(self):
        url = self.args.issuer.rstrip("/") + "/.well-known/openid-configuration"
        r = self.http.get(url, timeout=TIMEOUT)
        expect(r.status_code == 200, f"discovery answered {r.status_code}")
        m = r.json()
        self.meta = m
        expect(m.get("issuer") == self.args.issuer, f"issuer {m.get('issuer')!r}")
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
                    "subject_types_supported", "id_token_signing_alg_values_supported",
                    "scopes_supported", "claims_supported"):
            expect(m.get(key), f"{key} missing")
        expect(m["response_types_supported"] == ["code"], "response_types_supported")
        expect(m["code_challenge_methods_supported"] == ["S256"], "code_challenge_methods_supported")
        expect(set(m["token_endpoint_auth_methods_supported"]) == {"client_secret_basic", "client_secret_post"},
               "token_endpoint_auth_methods_supported")
        expect("openid" in m["scopes_supported"], "openid scope")
        expect({"email", "email_verified", "name", "groups", "nonce"} <= set(m["claims_supported"]), "claims_supported")
        algs = m["id_token_signing_alg_values_supported"]
        if self.args.expect_alg:
            expect(self.args.expect_alg in algs, f"{self.args.expect_alg} not in {algs}")
        self.alg = self.args.expect_alg or algs[0]
        return f"alg {self.alg}"

    def keys(self):
        r = self.http.get(self.meta["jwks_uri"], timeout=TIMEOUT)
        expect(r.status_code == 200, f"jwks answered {r.status_code}")
        self.jwks = r.json()
        keys = self.jwks["keys"]
        rsa_keys = [k for k in keys if k.get("kty") == "RSA"]
        ec_keys = [k for k in keys if k.get("kty") == "EC" and k.get("crv") == "P-256"]
        expect(len(rsa_keys) == 1 and len(ec_keys) == 1, f"want one RSA and one EC P-256 key, got {keys}")
        kids = [k.get("kid") for k in keys]
        expect(all(kids) and len(set(kids)) == len(kids), f"kids not distinct: {kids}")
        expect(not any(p in k for k in keys for p in ("d", "p", "q")), "private key material published")
        return f"kids {', '.join(kids)}"

    def verify_signature_raw(self, id_token, jwk):
        """Signature check with `cryptography` alone (independent of joserfc, which Authlib signs with)."""
        h, p, s = id_token.split(".")
        signed, sig = f"{h}.{p}".encode(), b64url_decode(s)
        as_int = lambda v: int.from_bytes(b64url_decode(v), "big")  # noqa: E731
        if jwk["kty"] == "RSA":
            pub = rsa.RSAPublicNumbers(as_int(jwk["e"]), as_int(jwk["n"])).public_key()
            pub.verify(sig, signed, padding.PKCS1v15(), hashes.SHA256())
        else:
            expect(len(sig) == 64, f"ES256 signature of {len(sig)} bytes")
            pub = ec.EllipticCurvePublicNumbers(as_int(jwk["x"]), as_int(jwk["y"]), ec.SECP256R1()).public_key()
            r_, s_ = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
            pub.verify(encode_dss_signature(r_, s_), signed, ec.ECDSA(hashes.SHA256()))

    def check_id_token(self, tok, nonce):
        id_token = tok["id_token"]
        header = json.loads(b64url_decode(id_token.split(".")[0]))
        expect(header.get("alg") == self.alg, f"header alg {header.get('alg')}, want {self.alg}")
        kty = "RSA" if self.alg == "RS256" else "EC"
        jwk = next((k for k in self.jwks["keys"] if k.get("kid") == header.get("kid")), None)
        expect(jwk is not None, f"kid {header.get('kid')!r} not in JWKS")
        expect(jwk["kty"] == kty, f"kid names a {jwk['kty']} key for {self.alg}")

        decoded = jwt.decode(id_token, KeySet.import_key_set(self.jwks), algorithms=[self.alg])
        claims = decoded.claims
        registry = jwt.JWTClaimsRegistry(
            leeway=5,
            iss={"essential": True, "value": self.args.issuer},
            aud={"essential": True, "value": self.args.client_id},
            sub={"essential": True, "value": self.user.get("sub") or self.user["username"]},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        registry.validate(claims)
        self.verify_signature_raw(id_token, jwk)

        # A token with one changed claim must not verify.
        h, p, s = id_token.split(".")
        forged = dict(claims, email="mallory@example.test")
        forged_token = f"{h}.{b64url(json.dumps(forged).encode())}.{s}"
        try:
            jwt.decode(forged_token, KeySet.import_key_set(self.jwks), algorithms=[self.alg])
            raise Failed("joserfc accepted a forged token")
        except JoseError:
            pass
        try:
            self.verify_signature_raw(forged_token, jwk)
            raise Failed("cryptography accepted a forged token")
        except InvalidSignature:
            pass

        now = time.time()
        expect(claims["aud"] == self.args.client_id, f"aud {claims['aud']!r}")
        expect(claims["exp"] > now and abs(claims["iat"] - now) < 60, "exp/iat")
        if self.args.expect_id_token_lifetime:
            expect(claims["exp"] - claims["iat"] == self.args.expect_id_token_lifetime,
                   f"lifetime {claims['exp'] - claims['iat']}")
        expect(claims.get("email") == self.user["email"], f"email {claims.get('email')!r}")
        expect(claims.get("email_verified") is True, "email_verified")
        expect(claims.get("name") == (self.user.get("name") or self.user["username"]), f"name {claims.get('name')!r}")
        expect(claims.get("groups") == self.user.get("groups", []), f"groups {claims.get('groups')!r}")
        at_hash = b64url(hashlib.sha256(tok["access_token"].encode()).digest()[:16])
        expect(claims.get("at_hash") == at_hash, "at_hash")
        return f"{self.alg} kid {header['kid'][:8]}…, sub {claims['sub']}, groups {claims['groups']}"

    def full_flow(self, auth):
        params, verifier = self.authorize_params()
        code = self.get_code(params)
        r = self.token(code, verifier, auth=auth)
        expect(r.status_code == 200, f"token endpoint answered {r.status_code}: {r.text}")
        expect("no-store" in r.headers.get("Cache-Control", ""), "token response is cacheable")
        tok = r.json()
        expect(tok.get("token_type", "").lower() == "bearer" and tok.get("access_token") and tok.get("id_token"),
               f"token response {tok}")
        return code, verifier, tok, params["nonce"]

    def run(self, res: Results, label: str):
        res.check(f"{label} discovery", self.discovery)
        if not self.meta:
            return
        res.check(f"{label} jwks", self.keys)

        state = {}

        def basic():
            state["code"], state["verifier"], state["tok"], nonce = self.full_flow("basic")
            return self.check_id_token(state["tok"], nonce)

        res.check(f"{label} code flow (PKCE S256, client_secret_basic) + ID token", basic)

        def userinfo():
            expect("tok" in state, "no token from the previous step")
            r = self.userinfo(state["tok"]["access_token"])
            expect(r.status_code == 200, f"userinfo answered {r.status_code}")
            info = r.json()
            expect(info.get("sub") == (self.user.get("sub") or self.user["username"]), f"sub {info.get('sub')}")
            expect(info.get("email") == self.user["email"] and info.get("groups") == self.user.get("groups", []),
                   f"userinfo {info}")
            r = self.http.get(self.meta["userinfo_endpoint"], timeout=TIMEOUT)
            expect(r.status_code == 401, f"userinfo without token answered {r.status_code}")

        res.check(f"{label} userinfo", userinfo)

        def replay():
            expect("code" in state, "no code from the previous step")
            r = self.token(state["code"], state["verifier"])
            expect(r.status_code == 400 and r.json().get("error") == "invalid_grant",
                   f"second use answered {r.status_code} {r.text}")
            r = self.userinfo(state["tok"]["access_token"])
            expect(r.status_code == 401, f"token of a replayed code still works ({r.status_code})")

        res.check(f"{label} code used twice is refused, its token revoked", replay)

        def post_auth():
            _, _, tok, nonce = self.full_flow("post")
            return self.check_id_token(tok, nonce)

        res.check(f"{label} code flow with client_secret_post", post_auth)

        def wrong_verifier():
            params, verifier = self.authorize_params()
            code = self.get_code(params)
            r = self.token(code, secrets.token_urlsafe(48))
            expect(r.status_code == 400 and r.json().get("error") == "invalid_grant",
                   f"wrong verifier answered {r.status_code} {r.text}")
            r = self.token(code, verifier)
            expect(r.status_code == 400, f"code still usable after a failed exchange ({r.status_code})")

        res.check(f"{label} wrong code_verifier is refused", wrong_verifier)

        def no_verifier():
            params, _ = self.authorize_params()
            code = self.get_code(params)
            data = {"grant_type": "authorization_code", "code": code, "redirect_uri": self.args.redirect_uri}
            r = self.http.post(self.meta["token_endpoint"], data=data, timeout=TIMEOUT,
                               auth=(self.args.client_id, self.args.client_secret))
            expect(r.status_code == 400, f"missing verifier answered {r.status_code} {r.text}")

        res.check(f"{label} missing code_verifier is refused", no_verifier)

        def wrong_secret():
            params, verifier = self.authorize_params()
            code = self.get_code(params)
            r = self.token(code, verifier, secret="not-the-secret")
            expect(r.status_code == 401 and r.json().get("error") == "invalid_client",
                   f"wrong secret answered {r.status_code} {r.text}")

        res.check(f"{label} wrong client secret is refused", wrong_secret)

        def pkce_required():
            for extra, what in (({"code_challenge": None, "code_challenge_method": None}, "no PKCE"),
                                ({"code_challenge_method": "plain"}, "plain PKCE")):
                params, _ = self.authorize_params()
                params.update(extra)
                params = {k: v for k, v in params.items() if v is not None}
                r = self.http.get(self.meta["authorization_endpoint"], params=params,
                                  allow_redirects=False, timeout=TIMEOUT)
                q = self.callback_params(r)
                expect(q.get("error") == "invalid_request" and q.get("state") == params["state"],
                       f"{what}: {q}")

        res.check(f"{label} authorization without S256 PKCE is refused", pkce_required)

        def bad_redirect():
            params, _ = self.authorize_params(redirect_uri="http://127.0.0.1:1/evil")
            r = self.http.get(self.meta["authorization_endpoint"], params=params,
                              allow_redirects=False, timeout=TIMEOUT)
            expect(r.status_code == 400 and "Location" not in r.headers, f"answered {r.status_code}")

        res.check(f"{label} unregistered redirect_uri is refused without redirect", bad_redirect)

        def bad_password():
            params, _ = self.authorize_params()
            r = self.login(params, password="wrong-" + secrets.token_hex(4))
            expect(r.status_code == 200 and 'id="error"' in r.text, f"answered {r.status_code}")

        res.check(f"{label} wrong password shows the form again", bad_password)

        def prompt_none():
            params, _ = self.authorize_params(prompt="none")
            r = self.http.get(self.meta["authorization_endpoint"], params=params,
                              allow_redirects=False, timeout=TIMEOUT)
            q = self.callback_params(r)
            expect(q.get("error") == "login_required" and q.get("state") == params["state"], f"{q}")

        res.check(f"{label} prompt=none gives login_required", prompt_none)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn_and_test(res: Results) -> None:
    users = [
        {"username": "alice", "password": "alice-pw", "email": "alice@example.test",
         "name": "Alice Example", "groups": ["rinri-admins", "staff"], "sub": "u-alice"},
        {"username": "bob", "password": "bob-pw", "email": "bob@example.test", "name": "Bob", "groups": []},
    ]
    published: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="oidc-selftest-") as tmp:
        users_file = Path(tmp) / "users.json"
        users_file.write_text(json.dumps(users))
        for alg in ("RS256", "ES256"):
            port = free_port()
            redirect = "http://127.0.0.1:8080/auth/oidc/callback"
            log_path = Path(tmp) / f"provider-{alg}.log"
            cmd = [sys.executable, str(HERE / "provider.py"), "--port", str(port), "--users", str(users_file),
                   "--client-id", "rinri-ci", "--client-secret", "s3cret-" + alg, "--redirect-uri", redirect,
                   "--redirect-uri", "http://localhost:8080/auth/oidc/callback", "--alg", alg,
                   "--keys-dir", str(Path(tmp) / "keys")]
            with open(log_path, "w") as log_file:
                proc = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            try:
                issuer = f"http://127.0.0.1:{port}"
                deadline = time.time() + 60
                while True:
                    try:
                        if requests.get(issuer + "/.well-known/openid-configuration", timeout=2).ok:
                            break
                    except requests.RequestException:
                        pass
                    if proc.poll() is not None or time.time() > deadline:
                        print(log_path.read_text(), file=sys.stderr)
                        raise SystemExit(f"provider ({alg}) did not start")
                    time.sleep(0.2)
                print(f"-- provider {alg} on {issuer} (pid {proc.pid})", flush=True)
                for user in users:
                    args = argparse.Namespace(issuer=issuer, client_id="rinri-ci", client_secret="s3cret-" + alg,
                                              redirect_uri=redirect, expect_alg=alg, expect_id_token_lifetime=300)
                    flow = Flow(args, user)
                    flow.run(res, f"[{alg} {user['username']}]")
                    published[alg] = sorted(k.get("kid", "") for k in flow.jwks.get("keys", []))
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        # The second provider loaded the keys that the first one saved.
        def keys_reused():
            files = sorted((Path(tmp) / "keys").iterdir())
            expect([f.name for f in files] == ["ec.jwk.json", "rsa.jwk.json"], f"keys dir holds {files}")
            expect(all(f.stat().st_mode & 0o077 == 0 for f in files), "key files readable by others")
            expect(published.get("RS256") and published.get("RS256") == published.get("ES256"),
                   f"kids differ between runs: {published}")

        res.check("keys kept in --keys-dir are reused by the next start", keys_reused)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--spawn", action="store_true", help="start providers (RS256, ES256) and test them")
    p.add_argument("--issuer", help="issuer URL of a running provider")
    p.add_argument("--users", type=Path, help="the provider's users file")
    p.add_argument("--username", help="user to sign in as (default: the first in --users)")
    p.add_argument("--client-id", default="rinri")
    p.add_argument("--client-secret", default="rinri-secret")
    p.add_argument("--redirect-uri", help="a redirect URI registered with the provider")
    p.add_argument("--expect-alg", choices=["RS256", "ES256"])
    p.add_argument("--expect-id-token-lifetime", type=int)
    args = p.parse_args()

    res = Results()
    if args.spawn:
        spawn_and_test(res)
    else:
        if not (args.issuer and args.users and args.redirect_uri):
            p.error("give --spawn, or --issuer, --users and --redirect-uri")
        users = json.loads(args.users.read_text())
        user = next((u for u in users if u["username"] == args.username), None) if args.username else users[0]
        if user is None:
            p.error(f"no user {args.username!r} in {args.users}")
        Flow(args, user).run(res, f"[{args.username or user['username']}]")
    print(f"oidc-selftest: {res.passed} passed, {res.failed} failed", flush=True)
    return 0 if res.failed == 0 and res.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
