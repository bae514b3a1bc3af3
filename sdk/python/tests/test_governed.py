"""Governed tools: scope check, policy decision, the call, then an audit entry with cost,
status and suggested_by (read back from the real audit trail)."""
import asyncio

from support import Reviewer, WardenTestCase, publish_policy, rule

import warden_sdk


class GovernedToolTest(WardenTestCase):
    def setUp(self):
        self.calls = []
        self.agent = self.session("worker", scopes=["read", "search", "spend"], spend_limit=5)
        self.session_id = self.agent["session_id"]

    def search_tool(self, **options):
        @self.client.governed_tool(self.session_id, tool="web.search", **options)
        def search(query, limit=5):
            self.calls.append((query, limit))
            return ["result"] * limit
        return search

    def logged(self, tool="web.search"):
        entries = self.client.get_audit_trail(session_id=self.session_id, tool=tool)["entries"]
        return [e for e in entries if "status" in (e.get("details") or {})]

    def test_runs_an_allowed_call_and_logs_cost_status_decision_and_suggester(self):
        search = self.search_tool(scope="search", cost_usd=0.02, suggested_by="planner")
        self.assertEqual(search("warden", limit=2), ["result", "result"])
        [entry] = self.logged()
        self.assertEqual((entry["action"], entry["cost_usd"], entry["suggested_by"], entry["decision"]), ("search", 0.02, "planner", "ALLOW"))
        self.assertEqual(entry["details"]["status"], "ok")
        self.assertRegex(entry["details"]["receipt_id"], r"^aud_")

    def test_raises_permission_error_without_calling_when_the_session_lacks_the_scope(self):
        search = self.search_tool(scope="admin-tools")
        with self.assertRaises(warden_sdk.PermissionError) as caught:
            search("x")
        self.assertEqual((self.calls, caught.exception.code, self.logged()), ([], "scope_denied", []))

    def test_raises_policy_blocked_with_the_reasons_and_never_calls_the_function(self):
        publish_policy(self.agent["agent_id"], rules=[rule("no-search", "BLOCK", tools=["web.*"],
                                                           reason={"code": "NO_WEB", "message": "No web access"})])
        with self.assertRaises(warden_sdk.PolicyBlocked) as caught:
            self.search_tool()("x")
        self.assertEqual((caught.exception.code, self.calls), ("NO_WEB", []))
        self.assertIn("No web access", str(caught.exception))
        self.assertIsInstance(caught.exception, PermissionError)

    def test_calls_with_the_parameters_a_constrain_rule_capped(self):
        publish_policy(self.agent["agent_id"], rules=[rule("cap", "CONSTRAIN", constraint={"cap": [{"path": "limit", "max": 3}]})])
        self.assertEqual(len(self.search_tool()("x", 50)), 3)
        self.assertEqual(self.calls, [("x", 3)])
        self.assertEqual(self.logged()[0]["decision"], "CONSTRAIN")

    def test_runs_a_call_a_log_rule_matches_and_records_the_decision(self):
        publish_policy(self.agent["agent_id"], rules=[rule("watch", "LOG")])
        self.search_tool()("x")
        self.assertEqual((len(self.calls), self.logged()[0]["decision"]), (1, "LOG"))

    def test_waits_for_a_reviewer_on_escalate_and_runs_once_approved(self):
        publish_policy(self.agent["agent_id"], rules=[rule("review", "ESCALATE")])
        Reviewer(self.agent["agent_id"], approve=True).start()
        self.search_tool(approval_timeout=60)("x")
        self.assertEqual(len(self.calls), 1)
        self.assertRegex(self.logged()[0]["details"]["approval_id"], r"^apr_")

    def test_raises_approval_denied_and_never_calls_when_the_reviewer_denies(self):
        publish_policy(self.agent["agent_id"], rules=[rule("review", "ESCALATE")])
        Reviewer(self.agent["agent_id"], approve=False).start()
        with self.assertRaises(warden_sdk.ApprovalDenied):
            self.search_tool(approval_timeout=60)("x")
        self.assertEqual(self.calls, [])

    def test_raises_approval_timeout_at_once_when_waiting_is_disabled(self):
        publish_policy(self.agent["agent_id"], rules=[rule("review", "ESCALATE")])
        with self.assertRaises(warden_sdk.ApprovalTimeout) as caught:
            self.search_tool(wait_for_approval=False)("x")
        self.assertEqual(self.client.get_approval(caught.exception.approval_id)["status"], "pending")
        self.assertEqual(self.calls, [])

    def test_logs_a_failing_call_as_an_error_and_reraises(self):
        @self.client.governed_tool(self.session_id, tool="fragile", cost_usd=lambda result: 1.0)
        def fragile():
            raise KeyError("boom")
        with self.assertRaises(KeyError):
            fragile()
        [entry] = self.logged("fragile")
        self.assertEqual((entry["details"]["status"], entry["details"]["error"], entry["cost_usd"]), ("error", "KeyError", 0))

    def test_computes_the_cost_from_the_result_and_records_a_per_call_suggester(self):
        search = self.search_tool(cost_usd=lambda results: 0.5 * len(results))
        search("x", limit=3, _suggested_by="researcher")
        self.assertEqual((self.logged()[0]["cost_usd"], self.logged()[0]["suggested_by"]), (1.5, "researcher"))

    def test_charges_a_price_to_the_budget_and_refuses_the_call_past_it(self):
        search = self.search_tool(charge=lambda params: params["limit"] * 1.0)
        search("x", limit=4)
        with self.assertRaises(warden_sdk.BudgetExceeded):
            search("y", limit=4)
        self.assertEqual((self.calls, self.client.get_session(self.session_id)["spent"]), ([("x", 4)], 4))
        self.assertRegex(self.logged()[0]["details"]["authorization_id"], r"^auth_")

    def test_waits_for_a_reviewer_when_the_charge_escalates_and_pays_with_the_approval(self):
        publish_policy(self.agent["agent_id"], payments={"escalate_above": 2})
        Reviewer(self.agent["agent_id"], approve=True).start()
        pending = []
        self.search_tool(charge=3.0, on_pending=pending.append, approval_timeout=60)("x", limit=1)
        self.assertEqual((len(self.calls), self.client.get_session(self.session_id)["spent"]), (1, 3))
        self.assertEqual(self.client.get_approval(pending[0])["status"], "approved")

    def test_governs_a_coroutine_function(self):
        @self.client.governed_tool(self.session_id, tool="async.fetch", cost_usd=0.1)
        async def fetch(url):
            return "page of " + url
        self.assertEqual(asyncio.run(fetch("https://example.com")), "page of https://example.com")
        self.assertEqual(self.logged("async.fetch")[0]["details"]["status"], "ok")
