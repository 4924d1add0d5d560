#!/usr/bin/env python3
"""Makes the SQLite database an earlier Rinri release leaves behind, for the upgrade test.

Runs the given `rinri` binary (built from the release to preserve) against a new SQLite file:
creates people with `rinri users create` and `rinri tokens create`, starts `rinri serve`, and
walks a governance case through the JSON API the way people would — a system with a model and
evidence, a planning assessment answered, submitted, reviewed, voted on and approved with a
blocking condition, risks raised by the answers with countermeasures marked done, the condition
closed, the system moved to development — plus a second system left in draft. It then stops the
server and leaves the file. The upgrade test (Tests/RinriApplicationTests) migrates a copy of the
file with the current code and checks the audit chain and the data.

Usage: scripts/make-upgrade-fixture.py --rinri PATH/TO/old/rinri --output Tests/Fixtures/rinri-0.1.0.sqlite

Only the standard library is needed, plus PyYAML to read the check-sheet templates the server
sends (installed on the development machines; `pip install pyyaml` otherwise).
"""
import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

import yaml

PASSWORD = "fixture password 1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Rinri:
    def __init__(self, binary, database, port):
        self.binary = binary
        self.env = dict(os.environ, RINRI_DATABASE_URL=f"sqlite:{database}", RINRI_PORT=str(port), RINRI_LOG_LEVEL="warning")
        self.base = f"http://127.0.0.1:{port}/api/v1"
        self.server = None

    def cli(self, *args, stdin=None):
        done = subprocess.run([self.binary, *args], env=self.env, input=stdin, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"rinri {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def person(self, email, name, *roles):
        self.cli("users", "create", "--email", email, "--name", name, *[x for r in roles for x in ("--role", r)], stdin=PASSWORD + "\n")
        out = self.cli("tokens", "create", "--email", email, "--name", "fixture")
        token = next(word for line in out.splitlines() for word in line.split() if word.startswith("rinri_"))
        return token

    def start(self):
        self.server = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base.replace("/api/v1", "/health"), timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        sys.exit("the server did not start")

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=30)

    def call(self, token, method, path, body=None, expect=(200, 201, 204), raw=False):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"authorization": f"Bearer {token}", "content-type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        if status not in expect:
            sys.exit(f"{method} {path} answered {status}: {text}")
        if raw:
            return text
        return json.loads(text) if text else None


def candidates(question):
    kind = question["answer"]
    if kind == "yes_no_na":
        return ["yes", "no", "na"]
    if kind == "single_choice":
        return [o["id"] for o in question["options"]]
    if kind == "multiple_choice":
        return [[o["id"]] for o in question["options"]]
    if kind == "number":
        return [1]
    if kind == "date":
        return ["2026-11-30"]
    return ["Answered for the upgrade fixture."]


def raises(question, value):
    """Whether a risk of the question holds for `value`; only `answer == 'x'` is read, anything else counts as not holding."""
    for risk in question.get("risks", []):
        when = risk["when"].strip()
        if when.startswith("answer == '") and when.endswith("'") and when[len("answer == '"):-1] == value:
            return True
    return False


def default_answer(question):
    """The first answer that raises no risk: the fixture's risks are the ones the case below chooses."""
    options = candidates(question)
    return next((v for v in options if not raises(question, v)), options[0])


def complete(r, token, assessment, system, answers):
    """Answers every applying question of the owner's sheets and attaches the evidence they need."""
    templates = {}
    for _ in range(60):
        detail = r.call(token, "GET", f"/assessments/{assessment}")
        pending = [s for s in detail["sheets"] if s["unanswered"] or s["missing_evidence"]]
        if not pending:
            return detail
        sheet = pending[0]
        tid = sheet["template_id"]
        if tid not in templates:
            text = r.call(token, "GET", f"/check-sheets/{tid}?version={sheet['template_version']}", raw=True)
            templates[tid] = {q["id"]: q for s in yaml.safe_load(text)["sections"] for q in s["questions"]}
        if sheet["unanswered"]:
            batch = {q: answers.get(q, default_answer(templates[tid][q])) for q in sheet["unanswered"]}
            r.call(token, "PUT", f"/assessments/{assessment}/sheets/{tid}", {"version": detail["version"], "answers": batch})
        for question in sheet["missing_evidence"]:
            r.call(token, "POST", f"/systems/{system}/evidence", {
                "kind": "document", "title": f"Evidence for {question}", "assessment_id": assessment, "question_id": question,
                "report": {"summary": f"Minutes of the review of {question}.", "url": f"https://intranet.example.com/{question}"}})
    sys.exit("the assessment did not become complete")


def version(r, token, assessment):
    return r.call(token, "GET", f"/assessments/{assessment}")["version"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rinri", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    if os.path.exists(args.output):
        os.remove(args.output)
    r = Rinri(os.path.abspath(args.rinri), os.path.abspath(args.output), free_port())

    office = r.person("office@example.com", "Office", "governance_office")
    owner = r.person("owner@example.com", "Owner", "project_owner")
    chair = r.person("chair@example.com", "Chair", "committee_chair")
    m1 = r.person("m1@example.com", "Member One", "committee_member")
    m2 = r.person("m2@example.com", "Member Two", "committee_member")
    reviewer = r.person("reviewer@example.com", "Reviewer", *[f"reviewer:{d}" for d in ("legal", "privacy", "security", "human_rights", "quality")])
    r.start()
    try:
        ids = {who: r.call(t, "GET", "/me")["id"] for who, t in (("owner", owner), ("chair", chair), ("m1", m1), ("m2", m2))}
        for who, role in (("chair", "chair"), ("m1", "member"), ("m2", "member")):
            r.call(office, "PUT", f"/governance/bodies/ai-ethics-committee/members/{ids[who]}", {"role": role})
        unit = r.call(office, "POST", "/org-units", {"name": "Imaging", "kind": "business_unit", "country": "JP"})["id"]
        system = r.call(owner, "POST", "/systems", {
            "name": "FaceGen Concierge", "purpose": "Recognise returning guests and write personalised greetings", "org_unit_id": unit,
            "owner_id": ids["owner"], "jurisdictions": ["EU", "DE"], "uses_biometric_data": True, "uses_generative_ai": True,
            "affected_people": "Hotel guests"})["id"]
        r.call(owner, "POST", f"/systems/{system}/models", {"name": "greeter", "model_version": "1.0.0", "type": "generative"})
        r.call(owner, "POST", f"/systems/{system}/evidence", {"kind": "document", "title": "Loose note", "report": {"summary": "Kick-off minutes"}})

        planning = r.call(owner, "POST", f"/systems/{system}/assessments", {})["id"]
        complete(r, owner, planning, system, {
            "scope_ai_system": "yes", "scope_eu_link": "placed_in_eu", "scope_exclusion": "no", "roles": ["provider"], "annex1_product": "no",
            "annex3_any": "yes", "art6_3_profiling": "yes", "bio_function": "identification", "bio_human_verification": "no"})
        submitted = r.call(owner, "POST", f"/assessments/{planning}/transitions", {"transition": "submit", "version": version(r, owner, planning)})
        print(f"planning case routed to {submitted['route']} at {submitted['case_level']}")
        r.call(chair, "POST", f"/assessments/{planning}/transitions", {"transition": "start_review", "version": version(r, chair, planning)})
        for review in r.call(reviewer, "GET", f"/assessments/{planning}")["reviews"]:
            r.call(reviewer, "PUT", f"/assessments/{planning}/sheets/{review['template_id']}",
                   {"version": version(r, reviewer, planning), "answers": {"review_conclusion": "approved"}})
        for voter in (chair, m1, m2):
            r.call(voter, "POST", f"/assessments/{planning}/votes", {"vote": "approve_with_conditions", "comment": "Human check first"})
        evidence = [e["id"] for e in r.call(owner, "GET", f"/systems/{system}/evidence")]
        decided = r.call(chair, "POST", f"/assessments/{planning}/decision", {
            "outcome": "approve_with_conditions", "rationale": "Acceptable once staff confirm each identification.",
            "evidence_seen": evidence[:1], "version": version(r, chair, planning),
            "conditions": [{"title": "Add a human check before any identification is acted on", "owner_id": ids["owner"],
                            "due_date": "2027-01-31", "blocking": True}]})
        action = decided["actions"][0]
        r.call(owner, "POST", f"/actions/{action['id']}/close", {"note": "Staff verification step added", "version": action["version"]})
        for risk in r.call(owner, "GET", f"/systems/{system}/risks"):
            for measure in risk["countermeasures"]:
                r.call(owner, "PUT", f"/risks/{risk['id']}/countermeasures/{measure['id']}",
                       {"title": measure["title"], "status": "done", "effect": "likelihood", "version": measure["version"]})
        moved = r.call(owner, "GET", f"/systems/{system}")
        moved["lifecycle_phase"] = "development"
        r.call(owner, "PUT", f"/systems/{system}", moved)

        # a second system, its assessment left in draft with a risk entered by hand
        second = r.call(owner, "POST", "/systems", {"name": "Shelf planner", "purpose": "Suggests shelf layouts", "org_unit_id": unit,
                                                     "owner_id": ids["owner"], "jurisdictions": ["JP"]})["id"]
        r.call(owner, "POST", f"/systems/{second}/assessments", {})
        r.call(owner, "POST", f"/systems/{second}/risks", {"title": "Staff over-rely on the plan", "rights": ["labour_rights"],
                                                           "scale": 4, "scope": 1, "irremediability": 3, "likelihood": 1})
        verify = r.call(office, "GET", "/audit/verify")
        print(f"audit chain: {verify}")
    finally:
        r.stop()
    # fold the write-ahead log into the file and compact it, so the one file is the whole database
    with sqlite3.connect(args.output) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
    with sqlite3.connect(args.output) as db:
        db.execute("VACUUM")
    for suffix in ("-wal", "-shm"):
        if os.path.exists(args.output + suffix):
            os.remove(args.output + suffix)
    print(f"wrote {args.output} ({os.path.getsize(args.output)} bytes)")


if __name__ == "__main__":
    main()
