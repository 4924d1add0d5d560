#!/usr/bin/env bash
# Property-based fuzzing of Rinri's JSON API with Schemathesis, driven by the served OpenAPI document.
#
# Usage:
#   scripts/api-fuzz.sh BINARY [--max-examples N] [--seed S] [--long] [--all-checks] [--checks LIST]
#                              [--workers N] [--out DIR] [--no-fixtures] [--keep] [-- ST_RUN_ARGS...]
#
#   BINARY           a built `rinri` (e.g. .build/debug/rinri; its *.resources bundle must sit next to it)
#   --max-examples N test cases per operation and phase (default 20; 200 with --long)
#   --seed S         Schemathesis seed (default 42). The server makes random ids, so a seed repeats the
#                    generated inputs, not every request of the stateful phase.
#   --long           the longer run: 200 examples, --continue-on-failure (every failing check of a case
#                    is reported, not only the first). About 6 min on a 2-core machine (20 examples: under 1 min).
#   --all-checks     run every Schemathesis check, including positive_data_acceptance and
#                    unsupported_method, which fail today by design (see CHECKS below); for triage, not gating
#   --checks LIST    comma-separated checks instead of the CI set
#   --workers N      concurrent Schemathesis workers (default 1)
#   --out DIR        where the JUnit/NDJSON reports (and, on failure, server.log) go
#                    (default $FUZZ_OUT or ./api-fuzz-report)
#   --no-fixtures    do not create the org unit, system, risk, assessment, evidence ... that give the
#                    fuzzer real ids to work on (without them most operations only ever answer 404)
#   --keep           keep the temporary directory (database, server log) even on success
#   -- ARGS          passed to `st run` as they are (e.g. -- --baseline known-failures.json)
#
# Environment: FUZZ_VENV (default /tmp/rinri-fuzz-venv), SCHEMATHESIS_VERSION (default 4.32.5),
# FUZZ_PYTHON (default python3), FUZZ_OUT, RINRI_LOG_LEVEL (passed to the server).
#
# Exit status: Schemathesis' own (0 no failure, 1 failures found, ...); 3 when the run could not be set up
# (bad arguments, no venv, the server did not start, no token).
set -euo pipefail
export CI=true

SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
FUZZ_VENV="${FUZZ_VENV:-/tmp/rinri-fuzz-venv}"
FUZZ_PYTHON="${FUZZ_PYTHON:-python3}"

# Checks that gate CI. Left out on purpose:
#   positive_data_acceptance - the document cannot state every rule (self-lockout, YAML validity, a reason
#                              for a second-line act, ...), so schema-valid bodies are rightly refused
#   unsupported_method, allow_header_conformance - Vapor answers 404 (not 405 + Allow) to an undeclared method
#   object_level_authorization - needs a second identity; max_response_time - no budget set
CI_CHECKS="not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance"
CI_CHECKS+=",response_schema_conformance,negative_data_rejection,missing_required_header,ignored_auth"
CI_CHECKS+=",use_after_free,ensure_resource_availability"

die() { echo "api-fuzz: $*" >&2; exit 3; }
log() { echo "api-fuzz: $*" >&2; }

[[ $# -ge 1 ]] || die "usage: $0 BINARY [--max-examples N] [--seed S] [--long] [--all-checks] [--checks LIST] [--workers N] [--out DIR] [--no-fixtures] [--keep] [-- ST_RUN_ARGS...]"
BIN="$1"; shift
[[ -x "$BIN" && -f "$BIN" ]] || die "$BIN is not an executable file"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

MAX_EXAMPLES="" SEED=42 LONG=0 CHECKS="$CI_CHECKS" WORKERS=1 OUT="${FUZZ_OUT:-./api-fuzz-report}" FIXTURES=1 KEEP=0
EXTRA=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --max-examples) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--max-examples needs a positive number"; MAX_EXAMPLES="$2"; shift 2 ;;
        --seed) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--seed needs a number"; SEED="$2"; shift 2 ;;
        --long) LONG=1; shift ;;
        --all-checks) CHECKS=all; shift ;;
        --checks) [[ $# -ge 2 ]] || die "--checks needs a list"; CHECKS="$2"; shift 2 ;;
        --workers) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--workers needs a positive number"; WORKERS="$2"; shift 2 ;;
        --out) [[ $# -ge 2 ]] || die "--out needs a directory"; OUT="$2"; shift 2 ;;
        --no-fixtures) FIXTURES=0; shift ;;
        --keep) KEEP=1; shift ;;
        --) shift; EXTRA=("$@"); break ;;
        *) die "unknown option $1" ;;
    esac
done
if [[ -z "$MAX_EXAMPLES" ]]; then MAX_EXAMPLES=$([[ $LONG == 1 ]] && echo 200 || echo 20); fi
[[ $LONG == 1 ]] && EXTRA=(--continue-on-failure "${EXTRA[@]}")
command -v curl >/dev/null || die "curl is needed"
command -v "$FUZZ_PYTHON" >/dev/null || die "$FUZZ_PYTHON is needed"

# --- the virtual environment --------------------------------------------------------------------
ST="$FUZZ_VENV/bin/st"
if ! "$ST" --version 2>/dev/null | grep -qF "version $SCHEMATHESIS_VERSION"; then
    log "installing schemathesis $SCHEMATHESIS_VERSION into $FUZZ_VENV"
    [[ -x "$FUZZ_VENV/bin/python" ]] || "$FUZZ_PYTHON" -m venv "$FUZZ_VENV" </dev/null || die "cannot create a venv in $FUZZ_VENV"
    "$FUZZ_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" </dev/null \
        || die "pip could not install schemathesis==$SCHEMATHESIS_VERSION"
fi
PY="$FUZZ_VENV/bin/python"
json_get() { "$PY" -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1:]: v=v[int(k)] if isinstance(v,list) else v[k]
print(v)' "$@"; }

# --- a throw-away database and server -----------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rinri-api-fuzz.XXXXXX")"
SERVER_PID=""
RC=3
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
# shellcheck disable=SC2329 # called by the EXIT trap
cleanup() {
    stop_server
    if [[ $RC != 0 && -f "$WORK/server.log" ]]; then
        # the first administrator's one-time password of this throw-away database is blanked
        mkdir -p "$OUT" && sed 's/^\([[:space:]]*password:\).*/\1 (removed)/' "$WORK/server.log" >"$OUT/server.log" \
            && log "server log kept in $OUT/server.log"
        echo "--- last lines of the server log ---" >&2; tail -n 30 "$OUT/server.log" >&2 || true
    fi
    if [[ $KEEP == 1 || ( $RC != 0 && $RC != 1 ) ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export RINRI_DATABASE_URL="sqlite:$WORK/rinri.sqlite"
export RINRI_HOSTNAME=127.0.0.1
export RINRI_ADMIN_EMAIL="api-fuzz-admin@rinri.local"
unset RINRI_PUBLIC_URL RINRI_PORT
EMAIL="api-fuzz@rinri.local"
PASSWORD="$("$PY" -c 'import secrets; print("Fz-" + secrets.token_urlsafe(24))')"
TOKEN="" USER_CREATED=0

# 1. Preferred: a user and a token from the command line, before the server runs.
help_of() { "$BIN" "$@" --help 2>&1 </dev/null || true; }
if help_of tokens create | grep -q "USAGE: rinri tokens create" && help_of users create | grep -q "USAGE: rinri users create"; then
    if "$BIN" migrate </dev/null >"$WORK/cli.log" 2>&1 \
        && printf '%s\n' "$PASSWORD" | "$BIN" users create --email "$EMAIL" --name "API fuzz" --role admin >>"$WORK/cli.log" 2>&1; then
        USER_CREATED=1
        out="$("$BIN" tokens create --email "$EMAIL" --name api-fuzz --expires-in-days 1 </dev/null 2>>"$WORK/cli.log" || true)"
        TOKEN="$(printf '%s\n' "$out" | grep -oE '[A-Za-z0-9_-]{24,}' | tail -n1 || true)"
    fi
    [[ -n "$TOKEN" ]] || log "the command line gave no token (see $WORK/cli.log); trying the API"
fi

start_server() {
    local try
    for try in 1 2 3; do
        PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        BASE="http://127.0.0.1:$PORT"
        "$BIN" serve --hostname 127.0.0.1 --port "$PORT" </dev/null >>"$WORK/server.log" 2>&1 &
        SERVER_PID=$!
        for _ in $(seq 300); do
            curl -sf -o /dev/null "$BASE/health" && return 0
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        log "the server did not come up on port $PORT (try $try)"; stop_server
    done
    return 1
}
start_server || die "the server did not start; see $WORK/server.log"
log "server $BIN on $BASE (pid $SERVER_PID), database $WORK/rinri.sqlite"

login() {  # email password -> token on stdout
    local body
    body="$("$PY" -c 'import json,sys; print(json.dumps({"email": sys.argv[1], "password": sys.argv[2]}))' "$1" "$2")"
    curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' --data-binary "$body" | json_get token 2>/dev/null
}
# 2. The user the command line created, logging in through the API.
if [[ -z "$TOKEN" && $USER_CREATED == 1 ]]; then TOKEN="$(login "$EMAIL" "$PASSWORD" || true)"; fi
# 3. The first administrator's one-time password: printed by `serve`, or in a file it names.
if [[ -z "$TOKEN" ]]; then
    sleep 1
    admin_pw="$(sed -n 's/^[[:space:]]*password:[[:space:]]*//p' "$WORK/server.log" | head -n1 | tr -d '[:space:]')"
    if [[ -z "$admin_pw" ]]; then
        for f in $(grep -i 'password' "$WORK/server.log" | grep -oE '(/|\./)[^[:space:]"'"'"']+' || true) \
                 $(find "$WORK" "$(pwd)" -maxdepth 1 -type f -iname '*password*' -newer "$WORK/rinri.sqlite" 2>/dev/null || true); do
            [[ -f "$f" ]] || continue
            admin_pw="$(sed -n 's/^[[:space:]]*password:[[:space:]]*//p' "$f" | head -n1 | tr -d '[:space:]')"
            [[ -n "$admin_pw" ]] || admin_pw="$(grep -v '^[[:space:]]*$' "$f" | head -n1 | tr -d '[:space:]')"
            [[ -n "$admin_pw" ]] && break
        done
    fi
    [[ -n "$admin_pw" ]] && TOKEN="$(login "$RINRI_ADMIN_EMAIL" "$admin_pw" || true)"
fi
[[ -n "$TOKEN" ]] || die "could not obtain an API token (command line, login or the first administrator's password); see README.md"
AUTH="Authorization: Bearer $TOKEN"
curl -sf -o /dev/null -H "$AUTH" "$BASE/api/v1/me" || die "the token was refused by GET /api/v1/me"

# --- fixtures: real ids for the fuzzer to find through the list operations -------------------------
if [[ $FIXTURES == 1 ]]; then
    api() { local m="$1" p="$2"; shift 2; curl -sf -X "$m" -H "$AUTH" -H 'content-type: application/json' "$BASE/api/v1$p" "$@"; }
    set +e   # errexit is ignored inside an `if ( ... )`, so the subshell runs on its own and is judged by its status
    ( set -e
         unit="$(api POST /org-units -d '{"name":"Fuzz unit","kind":"business_unit","country":"JP"}' | json_get id)"
         system="$(api POST /systems -d "{\"name\":\"Fuzz system\",\"purpose\":\"fuzzing\",\"org_unit_id\":\"$unit\"}" | json_get id)"
         me="$(api GET /me | json_get id)"
         api POST "/systems/$system/models" -d '{"name":"model","model_version":"1","type":"other"}' >/dev/null
         api POST "/systems/$system/datasets" -d '{"name":"dataset","acquisition_method":"other"}' >/dev/null
         api POST "/systems/$system/agents" -d "{\"name\":\"agent\",\"role\":\"triage\",\"accountable_owner_id\":\"$me\",\"autonomy_level\":\"autonomous\"}" >/dev/null
         risk="$(api POST "/systems/$system/risks" -d '{"title":"risk","scale":2,"scope":2,"irremediability":2,"likelihood":2}' | json_get id)"
         api POST "/risks/$risk/countermeasures" -d '{"title":"countermeasure"}' >/dev/null
         api POST "/systems/$system/assessments" -d '{}' >/dev/null
         printf 'sex,label,pred\nf,1,1\nf,0,1\nm,1,0\nm,0,0\n' >"$WORK/tiny.csv"
         RINRI_TOKEN="$TOKEN" "$BIN" assess fairness --data "$WORK/tiny.csv" --label label --prediction pred --sensitive sex \
             --submit --server "$BASE" --system "$system" </dev/null >/dev/null 2>>"$WORK/cli.log"
    )
    fixtures_rc=$?
    set -e
    if [[ $fixtures_rc == 0 ]]; then log "fixtures created"; else log "warning: some fixtures could not be created; fuzzing goes on"; fi
fi

# --- Schemathesis ------------------------------------------------------------------------------
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# DELETE /api/v1/tokens/{tokenID} is left out: the fuzzer finds the run's own token id in GET /tokens
# and revokes it, after which every request answers 401.
# shellcheck disable=SC2054 # the commas are in a Schemathesis value, not between elements
ST_ARGS=(run "$BASE/api/v1/openapi.json" -H "$AUTH" --checks "$CHECKS" --max-examples "$MAX_EXAMPLES" --seed "$SEED"
         --workers "$WORKERS" --no-color --generation-database none --request-timeout 30
         --exclude-path-regex '^/api/v1/tokens/\{'
         --report junit,ndjson --report-junit-path "$OUT/junit.xml" --report-ndjson-path "$OUT/events.ndjson")
log "st ${ST_ARGS[*]//"$TOKEN"/***} ${EXTRA[*]:-}"
started=$SECONDS
set +e
(cd "$WORK" && "$ST" "${ST_ARGS[@]}" "${EXTRA[@]}" </dev/null)
RC=$?
set -e
log "schemathesis exited with $RC after $((SECONDS - started)) s; reports in $OUT"
stop_server
exit "$RC"
