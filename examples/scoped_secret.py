"""A secret read gated by scope: a session without the secret's scope is refused (403), one with
it reads the value. The value is never printed: only its length.

    WARDEN_BASE_URL=http://localhost:3000/api WARDEN_API_KEY=<admin key> python3 examples/scoped_secret.py
"""
import json
import secrets
import sys
import uuid

from warden_sdk import PermissionError as WardenPermissionError
from warden_sdk import WardenClient


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)
    warden = WardenClient()
    run = uuid.uuid4().hex[:8]
    name = "billing-api-key-" + run
    warden.store_secret(name, "sk_" + secrets.token_urlsafe(24), scope_required="billing")
    print("Stored secret %s, readable with the 'billing' scope" % name)

    intruder = warden.create_session("scraper-" + run, ["read"])
    refused = False
    try:
        warden.get_secret(name, intruder["session_id"])
    except WardenPermissionError as refusal:
        refused = refusal.status_code == 403
        print("%s refused (%d): %s" % (intruder["agent_id"], refusal.status_code, refusal))

    biller = warden.create_session("biller-" + run, ["read", "billing"])
    value = warden.get_secret(name, biller["session_id"])["value"]
    print("%s read %s: %d characters (value not shown)" % (biller["agent_id"], name, len(value)))

    print("RESULT " + json.dumps({"secret": name, "refused_session": intruder["session_id"],
                                  "reader_session": biller["session_id"], "value_length": len(value)}))
    return 0 if refused and value else 1


if __name__ == "__main__":
    sys.exit(main())
