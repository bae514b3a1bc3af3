"""WardenClient against the real server: Haldir's methods, names, defaults and dict results."""
import os
import unittest
from unittest import mock

from support import ADMIN_KEY, BASE_URL, WardenTestCase, unique

import warden_sdk
from warden_sdk import HaldirClient, WardenClient


class ConstructionTest(unittest.TestCase):
    def test_reads_the_key_and_base_url_from_the_environment(self):
        with mock.patch.dict(os.environ, {"WARDEN_API_KEY": "wdn_x", "WARDEN_BASE_URL": "http://example.test/api/"}):
            client = WardenClient()
        self.assertEqual(client.base_url, "http://example.test/api")

    def test_defaults_to_localhost_when_no_base_url_is_set(self):
        with mock.patch.dict(os.environ, {"WARDEN_API_KEY": "wdn_x"}):
            os.environ.pop("WARDEN_BASE_URL", None)
            self.assertEqual(WardenClient().base_url, "http://localhost:3000/api")

    def test_refuses_to_start_without_an_api_key(self):
        with mock.patch.dict(os.environ, {}, clear=True):
            with self.assertRaisesRegex(ValueError, "WARDEN_API_KEY"):
                WardenClient()

    def test_refuses_a_base_url_without_a_scheme_and_a_non_positive_timeout(self):
        with self.assertRaisesRegex(ValueError, "http://"):
            WardenClient("wdn_x", "localhost:3000/api")
        with self.assertRaisesRegex(ValueError, "timeout"):
            WardenClient("wdn_x", "http://h/api", timeout=0)

    def test_never_shows_the_api_key_in_its_repr(self):
        self.assertNotIn("wdn_secret", repr(WardenClient("wdn_secret", "http://h/api")))
        self.assertNotIn("wdn_secret", repr(WardenClient("wdn_secret", "http://h/api")._transport))

    def test_is_importable_under_haldirs_names(self):
        self.assertIs(HaldirClient, WardenClient)
        self.assertIs(warden_sdk.HaldirPermissionError, warden_sdk.PermissionError)
        self.assertRegex(warden_sdk.__version__, r"^\d+\.\d+\.\d+$")


class SessionsTest(WardenTestCase):
    def test_creates_reads_checks_and_revokes_a_session_with_haldirs_positional_arguments(self):
        haldir = HaldirClient(ADMIN_KEY, BASE_URL)
        agent = unique("haldir")
        created = haldir.create_session(agent, ["read", "search"], 600, 25.0)
        self.assertEqual(created.status_code, 201)
        self.assertEqual((created["agent_id"], created["scopes"], created["spend_limit"], created["ttl"]), (agent, ["read", "search"], 25, 600))
        session_id = created["session_id"]
        self.assertTrue(haldir.get_session(session_id)["is_valid"])
        self.assertTrue(haldir.check_permission(session_id, "search")["allowed"])
        self.assertFalse(haldir.check_permission(session_id, "write")["allowed"])
        self.assertEqual(haldir.revoke_session(session_id), {"revoked": True, "session_id": session_id})
        self.assertFalse(haldir.get_session(session_id)["is_valid"])
        self.assertFalse(haldir.check_permission(session_id, "search")["allowed"])

    def test_attaches_a_session_to_a_crew_with_metadata(self):
        crew = self.client.create_crew(unique("crew"), 10)
        created = self.client.create_session(unique("member"), ["spend"], crew_id=crew["crew_id"], metadata={"run": 1})
        self.assertEqual(created["crew_id"], crew["crew_id"])


class VaultTest(WardenTestCase):
    def test_stores_lists_reads_and_deletes_a_secret(self):
        name = unique("api-token")
        self.assertEqual(self.client.store_secret(name, "s3cr3t-value")["stored"], True)
        self.assertEqual(self.client.store_secret(name, "s3cr3t-value-2", "vault")["version"], 2)
        self.assertIn(name, self.client.list_secrets()["secrets"])
        reader = self.session(scopes=["vault"])
        self.assertEqual(self.client.get_secret(name, reader["session_id"]), {"name": name, "value": "s3cr3t-value-2"})
        self.assertEqual(self.client.delete_secret(name), {"deleted": True, "name": name})
        with self.assertRaises(warden_sdk.NotFoundError):
            self.client.get_secret(name, reader["session_id"])


class PaymentsAndAuditTest(WardenTestCase):
    def test_authorizes_payments_against_the_session_budget(self):
        session_id = self.session(scopes=["spend"], spend_limit=10)["session_id"]
        paid = self.client.authorize_payment(session_id, 6, "USD", "books", recipient="shop@example.com")
        self.assertEqual((paid["authorized"], paid["amount"], paid["remaining_budget"], paid.pending), (True, 6, 4, False))
        with self.assertRaises(warden_sdk.BudgetExceeded) as refused:
            self.client.authorize_payment(session_id, 5)
        self.assertEqual(refused.exception.code, "session_budget_exceeded")
        self.assertEqual(self.client.get_session(session_id)["spent"], 6)

    def test_logs_actions_and_reads_them_back_filtered_newest_first_with_a_cursor(self):
        session = self.session(scopes=["read"])
        for i in range(3):
            logged = self.client.log_action(session["session_id"], "search", "query-%d" % i, 0.25, {"i": i})
            self.assertTrue(logged["logged"])
        page = self.client.get_audit_trail(session_id=session["session_id"], tool="search", limit=2)
        self.assertEqual([e["action"] for e in page["entries"]], ["query-2", "query-1"])
        rest = self.client.get_audit_trail(agent_id=session["agent_id"], tool="search", limit=2, cursor=page["next_cursor"])
        self.assertEqual([e["action"] for e in rest["entries"]], ["query-0"])

    def test_reads_only_flagged_entries_with_flagged_only(self):
        session_id = self.session(scopes=["read"])["session_id"]
        self.client.check_permission(session_id, "read")
        self.client.check_permission(session_id, "deploy")  # a denied check is flagged
        flagged = self.client.get_audit_trail(session_id=session_id, flagged_only=True)["entries"]
        self.assertEqual(len(flagged), 1)
        self.assertTrue(flagged[0]["flagged"])
        self.assertGreater(self.client.get_audit_trail(session_id=session_id)["count"], 1)

    def test_reports_spend_as_haldir_does_with_payments_apart(self):
        session_id = self.session(scopes=["spend"])["session_id"]
        self.client.log_action(session_id, "llm", "complete", 0.5)
        self.client.log_action(session_id, "llm", "complete", 0.25)
        self.client.log_action(session_id, "search", "query", 1.0)
        self.client.authorize_payment(session_id, 7)
        spend = self.client.get_spend(session_id=session_id)
        self.assertEqual((spend["total_usd"], spend["by_tool"]["llm"], spend["by_tool"]["search"]), (1.75, 0.75, 1.0))
        self.assertEqual(sum(spend["by_tool"].values()), spend["total_usd"])
        self.assertEqual((spend["payments_usd"], spend["payment_count"]), (7, 1))

    def test_reports_a_crews_spend(self):
        crew = self.client.create_crew(unique("crew"), 100)
        session_id = self.client.create_session(unique("member"), ["spend"], crew_id=crew["crew_id"])["session_id"]
        self.client.log_action(session_id, "scrape", "page", 2.0)
        self.client.authorize_payment(session_id, 3)
        spend = self.client.get_spend(crew_id=crew["crew_id"])
        self.assertEqual((spend["total_usd"], spend["payments_usd"]), (2.0, 3))

    def test_verifies_the_audit_chain(self):
        self.client.log_action(self.session()["session_id"], "t", "a")
        verified = self.client.verify_audit()
        self.assertTrue(verified["verified"], verified)
        self.assertGreater(verified["entries_checked"], 0)


if __name__ == "__main__":
    unittest.main()
