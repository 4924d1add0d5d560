#!/usr/bin/env bash
# Start the test OpenID Connect provider in the background and print its PID.
#
#   start.sh VENV_DIR PORT USERS_JSON REDIRECT_URI CLIENT_ID CLIENT_SECRET [provider.py options...]
#
# - makes VENV_DIR (python3 -m venv) when missing and installs requirements.txt into it
#   (again only when requirements.txt has changed);
# - starts provider.py on 127.0.0.1:PORT with the given users, redirect URI and client; any
#   further arguments go to provider.py as they are (e.g. --alg ES256, --redirect-uri URI2,
#   --issuer URL, --id-token-lifetime 60, --keys-dir DIR);
# - waits until the discovery document answers (60 s at most) and prints the PID, alone, on
#   stdout. Everything else goes to stderr; the provider's own output goes to the log file
#   $OIDC_LOG (default VENV_DIR/provider-PORT.log).
# - Run again with the same arguments while that provider is up: prints the same PID. With
#   other arguments: stops the provider it started before on that port and starts a new one.
#
# Stop it with: kill PID
set -euo pipefail

if [ "$#" -lt 6 ]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

VENV=$1 PORT=$2 USERS=$3 REDIRECT=$4 CLIENT_ID=$5 CLIENT_SECRET=$6
shift 6
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf 'oidc: %s\n' "$*" >&2; }

case $PORT in '' | *[!0-9]*) say "PORT must be a number, got '$PORT'"; exit 2 ;; esac
[ -r "$USERS" ] || { say "cannot read users file $USERS"; exit 2; }
USERS=$(cd "$(dirname "$USERS")" && pwd)/$(basename "$USERS")

# 1. The virtual environment.
if [ ! -x "$VENV/bin/python" ]; then
  say "creating virtual environment $VENV"
  python3 -m venv "$VENV" >&2
fi
VENV=$(cd "$VENV" && pwd)
PY=$VENV/bin/python
want=$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)
have=$(cat "$VENV/.oidc-requirements.sha256" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  say "installing requirements into $VENV"
  "$PY" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt" >&2
  printf '%s\n' "$want" > "$VENV/.oidc-requirements.sha256"
fi

# 2. The issuer (for the discovery URL to wait on): --issuer among the extra options, or the default.
ISSUER=http://127.0.0.1:$PORT
prev=
for a in "$@"; do
  case $a in --issuer=*) ISSUER=${a#--issuer=} ;; esac
  [ "$prev" = --issuer ] && ISSUER=$a
  prev=$a
done
DISCOVERY=http://127.0.0.1:$PORT$("$PY" -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.rstrip("/"))' "$ISSUER")/.well-known/openid-configuration

CMD=("$PY" "$HERE/provider.py" --port "$PORT" --users "$USERS" --redirect-uri "$REDIRECT"
  --client-id "$CLIENT_ID" --client-secret "$CLIENT_SECRET" "$@")
PIDFILE=$VENV/provider-$PORT.pid
ARGSFILE=$VENV/provider-$PORT.args
LOG=${OIDC_LOG:-$VENV/provider-$PORT.log}
args_now=$(printf '%s\0' "${CMD[@]}" | sha256sum | cut -d' ' -f1)

# Waits for the discovery document; fails early when the process has gone.
wait_ready() { # PID TIMEOUT
  "$PY" - "$DISCOVERY" "$1" "$2" "$ISSUER" <<'EOF'
import json, os, sys, time, urllib.request
url, pid, timeout, issuer = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
deadline = time.monotonic() + timeout
while True:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200 and json.load(r).get("issuer") == issuer:
                sys.exit(0)
    except (OSError, ValueError):
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        print(f"oidc: provider (pid {pid}) exited before answering {url}", file=sys.stderr)
        sys.exit(1)
    if time.monotonic() > deadline:
        print(f"oidc: no answer from {url} after {timeout:.0f} s", file=sys.stderr)
        sys.exit(1)
    time.sleep(0.2)
EOF
}

# 3. Already running (started by this script with the same arguments)?
if [ -f "$PIDFILE" ]; then
  old=$(cat "$PIDFILE")
  if kill -0 "$old" 2>/dev/null && [ "$(cat "$ARGSFILE" 2>/dev/null)" = "$args_now" ] \
    && wait_ready "$old" 2 2>/dev/null; then
    say "provider already running (pid $old), discovery at $DISCOVERY"
    echo "$old"
    exit 0
  fi
  if kill -0 "$old" 2>/dev/null && grep -q "provider.py" "/proc/$old/cmdline" 2>/dev/null; then
    say "stopping the provider started before on port $PORT (pid $old)"
    kill "$old" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$PIDFILE" "$ARGSFILE"
fi

# 4. Start it, detached from this script's stdin/stdout, and wait for discovery.
mkdir -p "$(dirname "$LOG")"
say "starting provider on 127.0.0.1:$PORT (log $LOG)"
"${CMD[@]}" </dev/null >>"$LOG" 2>&1 &
pid=$!
if ! wait_ready "$pid" 60; then
  say "provider log (last lines):"
  tail -n 30 "$LOG" >&2 || true
  kill "$pid" 2>/dev/null || true
  exit 1
fi
printf '%s\n' "$pid" > "$PIDFILE"
printf '%s\n' "$args_now" > "$ARGSFILE"
say "ready: $(grep -a 'oidc provider ready on' "$LOG" | tail -n 1), issuer $ISSUER"
echo "$pid"
