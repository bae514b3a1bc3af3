"""Each error the server can answer arrives as its own exception type, keeping status, code,
request id and body, and never carrying the API key or a secret's value."""
import builtins

from support import BASE_URL, LIMITED_KEY, WardenTestCase, publish_policy, unique

import warden_sdk
from warden_sdk import WardenClient


class ErrorTypesTest(WardenTestCase):
    def test_raises_auth_error_for_an_unknown_key_without_repeating_the_key(self):
        client = WardenClient("wdn_not_a_real_key_123", BASE_URL)
        with self.assertRaises(warden_sdk.HaldirAuthError) as caught:
            client.list_secrets()
        error = caught.exception
        self.assertIsInstance(error, warden_sdk.AuthError)
        self.assertEqual((error.status_code, error.code), (401, "unauthorized"))
        self.assertRegex(error.request_id, r"^req_")
        self.assertNotIn("wdn_not_a_real_key_123", str(error) + repr(error) + str(error.body))

    def test_raises_permission_error_when_the_key_lacks_the_scope(self):
        with self.assertRaises(warden_sdk.PermissionError) as caught:
            WardenClient(LIMITED_KEY, BASE_URL).create_session(unique("agent"))
        self.assertEqual(caught.exception.code, "insufficient_scope")
        self.assertEqual(caught.exception.body["required"], "sessions:write")

    def test_permission_error_is_also_the_builtin_permission_error_and_haldirs(self):
        with self.assertRaises(builtins.PermissionError):
            WardenClient(LIMITED_KEY, BASE_URL).list_secrets()
        with self.assertRaises(warden_sdk.HaldirPermissionError):
            WardenClient(LIMITED_KEY, BASE_URL).list_secrets()

    def test_raises_permission_error_when_the_session_lacks_the_secrets_scope_and_hides_the_value(self):
        name = unique("db-password")
        self.client.store_secret(name, "hunter2-value", "db")
        with self.assertRaises(warden_sdk.PermissionError) as caught:
            self.client.get_secret(name, self.session(scopes=["read"])["session_id"])
        self.assertIn("Session lacks 'db' scope", str(caught.exception))
        self.assertNotIn("hunter2-value", str(caught.exception) + repr(caught.exception) + str(caught.exception.body))

    def test_raises_not_found_for_an_unknown_session(self):
        with self.assertRaises(warden_sdk.HaldirNotFoundError) as caught:
            self.client.get_session("ses_does_not_exist")
        self.assertEqual(caught.exception.status_code, 404)

    def test_raises_validation_error_naming_the_field_and_reason(self):
        with self.assertRaises(warden_sdk.ValidationError) as caught:
            self.client.authorize_payment(self.session(scopes=["spend"])["session_id"], -5)
        self.assertEqual((caught.exception.status_code, caught.exception.field), (400, "amount"))
        self.assertTrue(caught.exception.reason)

    def test_refuses_an_empty_id_before_sending_anything(self):
        with self.assertRaisesRegex(ValueError, "non-empty"):
            self.client.get_session("")

    def test_raises_conflict_error_for_a_payment_whose_approval_is_still_pending(self):
        session = self.session("buyer", scopes=["spend"])
        publish_policy(session["agent_id"], payments={"escalate_above": 5})
        pending = self.client.authorize_payment(session["session_id"], 9)
        with self.assertRaises(warden_sdk.ConflictError) as caught:
            self.client.authorize_payment(session["session_id"], 9, approval_id=pending.approval_id)
        self.assertEqual((caught.exception.status_code, caught.exception.code), (409, "approval_pending"))

    def test_raises_rate_limit_error_when_a_policy_limits_payments_per_minute(self):
        session = self.session("buyer", scopes=["spend"])
        publish_policy(session["agent_id"], payments={"max_requests_per_minute": 1})
        self.client.authorize_payment(session["session_id"], 1)
        with self.assertRaises(warden_sdk.RateLimitError) as caught:
            self.client.authorize_payment(session["session_id"], 1)
        self.assertEqual((caught.exception.status_code, caught.exception.code), (403, "RATE_LIMIT_EXCEEDED"))
        self.assertEqual(caught.exception.retry_after, 60)
        self.assertIsInstance(caught.exception, warden_sdk.HaldirPermissionError)

    def test_raises_permission_error_with_the_policys_reason_code_for_a_blocked_payment(self):
        session = self.session("buyer", scopes=["spend"])
        publish_policy(session["agent_id"], payments={"max_single": 50})
        with self.assertRaises(warden_sdk.PermissionError) as caught:
            self.client.authorize_payment(session["session_id"], 60)
        self.assertEqual(caught.exception.code, "EXCEEDS_SINGLE_LIMIT")
        self.assertFalse(caught.exception.body["authorized"])
