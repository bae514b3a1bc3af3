"""Approvals: request, read, wait for a reviewer's decision; a payment a policy escalates
answers 202 as a pending result and authorizes once with its approval id."""
from support import REVIEWER_KEY, Reviewer, WardenTestCase, api, publish_policy, unique

import warden_sdk


class ApprovalsTest(WardenTestCase):
    def test_requests_an_approval_and_reads_it_back(self):
        session = self.session()
        requested = self.client.request_approval(session["session_id"], "deploy", "prod", "ship v2", amount=12.5,
                                                 details={"commit": "abc"}, ttl=600)
        self.assertEqual((requested.status_code, requested["status"]), (201, "pending"))
        read = self.client.get_approval(requested["request_id"])
        self.assertEqual((read["status"], read["tool"], read["action"], read["amount"], read["reason"]),
                         ("pending", "deploy", "prod", 12.5, "ship v2"))

    def test_wait_for_approval_returns_once_a_reviewer_approves(self):
        session = self.session()
        request_id = self.client.request_approval(session["session_id"], "deploy", "prod", "ship")["request_id"]
        reviewer = Reviewer(session["agent_id"], approve=True)
        reviewer.start()
        decided = self.client.wait_for_approval(request_id, timeout=60)
        self.assertEqual((decided["status"], decided["request_id"]), ("approved", request_id))

    def test_wait_for_approval_raises_approval_denied_when_the_reviewer_denies(self):
        session = self.session()
        request_id = self.client.request_approval(session["session_id"], "deploy", "prod", "ship")["request_id"]
        Reviewer(session["agent_id"], approve=False).start()
        with self.assertRaises(warden_sdk.ApprovalDenied) as caught:
            self.client.wait_for_approval(request_id, timeout=60)
        self.assertEqual((caught.exception.approval_id, caught.exception.status), (request_id, "denied"))

    def test_wait_for_approval_raises_approval_timeout_without_a_decision(self):
        request_id = self.client.request_approval(self.session()["session_id"], "deploy", "prod", "ship")["request_id"]
        with self.assertRaises(warden_sdk.ApprovalTimeout) as caught:
            self.client.wait_for_approval(request_id, timeout=1)
        self.assertEqual(caught.exception.approval_id, request_id)
        self.assertEqual(self.client.get_approval(request_id)["status"], "pending")

    def test_an_escalated_payment_is_pending_then_authorizes_once_with_its_approval_id(self):
        session = self.session("buyer", scopes=["spend"])
        publish_policy(session["agent_id"], payments={"escalate_above": 50})
        pending = self.client.authorize_payment(session["session_id"], 80, "USD", "GPU hours", recipient="cloud@example.com")
        self.assertEqual((pending.status_code, pending.pending, pending["authorized"]), (202, True, False))
        self.assertRegex(pending.approval_id, r"^apr_")
        api("POST", "/v1/approvals/%s/approve" % pending.approval_id, {"note": "ok"}, key=REVIEWER_KEY)
        self.assertEqual(self.client.wait_for_approval(pending.approval_id)["status"], "approved")
        paid = self.client.authorize_payment(session["session_id"], 80, "USD", "GPU hours", recipient="cloud@example.com",
                                             approval_id=pending.approval_id)
        self.assertEqual((paid["authorized"], paid.pending, paid["amount"]), (True, False, 80))
        with self.assertRaises(warden_sdk.ConflictError):
            self.client.authorize_payment(session["session_id"], 80, "USD", "GPU hours", recipient="cloud@example.com",
                                          approval_id=pending.approval_id)
        self.assertEqual(self.client.get_session(session["session_id"])["spent"], 80)

    def test_an_escalated_secret_read_is_pending_then_reads_with_its_approval_id(self):
        session = self.session("reader")
        name = unique("escalated-secret")
        self.client.store_secret(name, "value-behind-review")
        publish_policy(session["agent_id"], rules=[{"id": "review-reads", "kinds": ["secret_read"], "effect": "ESCALATE"}])
        pending = self.client.get_secret(name, session["session_id"])
        self.assertEqual((pending.status_code, pending.pending, "value" in pending), (202, True, False))
        api("POST", "/v1/approvals/%s/approve" % pending.approval_id, {"note": "ok"}, key=REVIEWER_KEY)
        read = self.client.get_secret(name, session["session_id"], approval_id=pending.approval_id)
        self.assertEqual(read["value"], "value-behind-review")

    def test_evaluate_reports_an_escalation_as_pending_with_its_approval_id(self):
        session = self.session("ops")
        publish_policy(session["agent_id"], rules=[{"id": "review", "kinds": ["tool_call"], "tools": ["shell"], "effect": "ESCALATE"}])
        verdict = self.client.evaluate(session["session_id"], "tool_call", "shell", "run", {"cmd": "ls"})
        self.assertEqual((verdict["decision"], verdict.pending), ("ESCALATE", True))
        self.assertEqual(self.client.get_approval(verdict.approval_id)["status"], "pending")
