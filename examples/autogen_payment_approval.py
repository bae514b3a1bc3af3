"""An AutoGen assistant / user-proxy pair where a payment above a threshold waits for a reviewer.

The assistant proposes tool calls; the user proxy executes them under its own Warden session.
A policy escalates payments over $100: the small invoice is paid at once, the large one prints
its approval id and the dashboard's approvals page, waits until a reviewer approves it there (or
over the API), and then goes through. AutoGen agents need an LLM to converse, so this example
drives the pair with a minimal stand-in exposing AutoGen's register_for_llm /
register_for_execution; real `autogen.ConversableAgent`s plug into the same adapter call.

    WARDEN_BASE_URL=http://localhost:3000/api WARDEN_API_KEY=<admin key> WARDEN_WORKSPACE=<slug> \\
        python3 examples/autogen_payment_approval.py
"""
import json
import os
import sys
import uuid

from warden_sdk import WardenClient
from warden_sdk.adapters.autogen import create_pair_sessions, register_governed_function

THRESHOLD = 100
INVOICES = [(40.0, "office-supplies@example.com"), (250.0, "gpu-cloud@example.com")]


class StandInAgent:
    """The part of autogen.ConversableAgent the adapter uses, plus executing a proposed call."""

    def __init__(self, name):
        self.name, self.schemas, self.functions = name, {}, {}

    def register_for_llm(self, *, name=None, description=None):
        def register(func):
            self.schemas[name] = description
            return func
        return register

    def register_for_execution(self, name=None):
        def register(func):
            self.functions[name] = func
            return func
        return register

    def execute(self, call):
        return self.functions[call["name"]](**call["arguments"])


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # the approval id must show while we wait
    warden = WardenClient()
    run = uuid.uuid4().hex[:8]
    assistant, proxy = StandInAgent("assistant-" + run), StandInAgent("user-proxy-" + run)
    sessions = create_pair_sessions(warden, caller_agent_id=assistant.name, executor_agent_id=proxy.name,
                                    executor_scopes=["read", "spend"], spend_limit=1000)
    warden.create_policy({"name": "escalate-payments-" + run, "default": "ALLOW",
                          "target": {"kind": "agent", "agent_id": proxy.name},
                          "payments": {"escalate_above": THRESHOLD}})
    approvals_page = "%s/w/%s/approvals" % (warden.base_url.rsplit("/api", 1)[0], os.environ.get("WARDEN_WORKSPACE", "<workspace>"))
    pending = []

    def announce(approval_id):
        pending.append(approval_id)
        print("APPROVAL %s waits for a reviewer: approve it at %s" % (approval_id, approvals_page))

    def pay_invoice(amount: float, recipient: str) -> str:
        """Pay a supplier's invoice."""
        return "paid $%.2f to %s" % (amount, recipient)

    register_governed_function(pay_invoice, caller=assistant, executor=proxy, client=warden,
                               executor_session_id=sessions["executor"]["session_id"], caller_agent_id=assistant.name,
                               charge=lambda params: params["amount"], on_pending=announce,
                               approval_timeout=float(os.environ.get("WARDEN_APPROVAL_TIMEOUT", "900")))
    for amount, recipient in INVOICES:
        proposed = {"name": "pay_invoice", "arguments": {"amount": amount, "recipient": recipient}}
        print("%s proposes %s" % (assistant.name, json.dumps(proposed)))
        print("%s -> %s" % (proxy.name, proxy.execute(proposed)))

    session = warden.get_session(sessions["executor"]["session_id"])
    print("RESULT " + json.dumps({"session_id": session["session_id"], "approval_id": pending[0] if pending else None,
                                  "spent": session["spent"], "paid": [amount for amount, _ in INVOICES]}))
    return 0 if len(pending) == 1 and session["spent"] == sum(amount for amount, _ in INVOICES) else 1


if __name__ == "__main__":
    sys.exit(main())
