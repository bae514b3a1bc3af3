"""Retries: connection errors, 5xx and 429 are retried with exponential backoff (jitter) under
one Idempotency-Key per call, so a retried write acts once; other 4xx are never retried."""
import socket
import unittest
import urllib.parse
from unittest import mock

from support import ADMIN_KEY, BASE_URL, WardenTestCase, unique
from flaky_proxy import FlakyProxy

import warden_sdk
from warden_sdk import WardenClient

ORIGIN = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(BASE_URL))
API_PATH = urllib.parse.urlsplit(BASE_URL).path


class RetriesTest(WardenTestCase):
    def through(self, proxy: FlakyProxy, **kwargs) -> WardenClient:
        self.addCleanup(proxy.close)
        return WardenClient(ADMIN_KEY, proxy.url + API_PATH, **kwargs)

    def test_retries_a_write_whose_answer_was_lost_under_one_idempotency_key_so_it_pays_once(self):
        session_id = self.session(scopes=["spend"], spend_limit=100)["session_id"]
        proxy = FlakyProxy(ORIGIN, failures=2, status=503, forward_failures=True)
        paid = self.through(proxy).authorize_payment(session_id, 10)
        self.assertTrue(paid["authorized"])
        keys = {seen["Idempotency-Key"] for seen in proxy.seen}
        self.assertEqual((len(proxy.seen), len(keys)), (3, 1))
        self.assertEqual(self.client.get_session(session_id)["spent"], 10)

    def test_uses_a_new_idempotency_key_for_each_call(self):
        proxy = FlakyProxy(ORIGIN, failures=0)
        client = self.through(proxy)
        session_id = self.session()["session_id"]
        client.log_action(session_id, "t", "same")
        client.log_action(session_id, "t", "same")
        self.assertEqual(len({seen["Idempotency-Key"] for seen in proxy.seen}), 2)
        self.assertEqual(self.client.get_audit_trail(session_id=session_id, tool="t")["count"], 2)

    def test_backs_off_exponentially_with_jitter_between_attempts(self):
        proxy = FlakyProxy(ORIGIN, failures=3, status=502)
        with mock.patch("warden_sdk._transport.time.sleep") as sleep, \
                mock.patch("warden_sdk._transport.random.uniform", side_effect=lambda low, high: high) as jitter:
            self.assertIn("secrets", self.through(proxy).list_secrets())
        self.assertEqual([c.args for c in jitter.call_args_list], [(0, 0.25), (0, 0.5), (0, 1.0)])
        self.assertEqual([c.args[0] for c in sleep.call_args_list], [0.25, 0.5, 1.0])

    def test_raises_server_error_with_the_status_once_the_retries_are_spent(self):
        proxy = FlakyProxy(ORIGIN, failures=10, status=500)
        with mock.patch("warden_sdk._transport.time.sleep"):
            with self.assertRaises(warden_sdk.ServerError) as caught:
                self.through(proxy, max_retries=2).list_secrets()
        self.assertEqual((caught.exception.status_code, len(proxy.seen)), (500, 3))

    def test_honours_retry_after_on_429(self):
        proxy = FlakyProxy(ORIGIN, failures=1, status=429, headers={"Retry-After": "2"})
        with mock.patch("warden_sdk._transport.time.sleep") as sleep:
            self.through(proxy).list_secrets()
        self.assertEqual([c.args[0] for c in sleep.call_args_list], [2.0])

    def test_raises_rate_limit_error_with_retry_after_when_429_persists(self):
        proxy = FlakyProxy(ORIGIN, failures=10, status=429, headers={"Retry-After": "7"})
        with mock.patch("warden_sdk._transport.time.sleep"):
            with self.assertRaises(warden_sdk.RateLimitError) as caught:
                self.through(proxy, max_retries=1).list_secrets()
        self.assertEqual(caught.exception.retry_after, 7.0)

    def test_retries_a_dropped_connection(self):
        proxy = FlakyProxy(ORIGIN, failures=2, status=None)
        with mock.patch("warden_sdk._transport.time.sleep"):
            self.assertIn("count", self.through(proxy).list_secrets())
        self.assertEqual(len(proxy.seen), 3)

    def test_never_retries_a_client_error(self):
        proxy = FlakyProxy(ORIGIN, failures=5, status=400)
        with self.assertRaises(warden_sdk.ValidationError):
            self.through(proxy).list_secrets()
        self.assertEqual(len(proxy.seen), 1)


class UnreachableServerTest(unittest.TestCase):
    def test_raises_connection_error_when_nothing_listens(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]  # free once closed: nothing listens there
        with mock.patch("warden_sdk._transport.time.sleep") as sleep:
            with self.assertRaises(warden_sdk.WardenConnectionError) as caught:
                WardenClient("wdn_key_never_shown", "http://127.0.0.1:%d/api" % port, max_retries=2).list_secrets()
        self.assertEqual(sleep.call_count, 2)
        self.assertIsInstance(caught.exception, ConnectionError)
        self.assertNotIn("wdn_key_never_shown", str(caught.exception))

    def test_raises_timeout_when_the_server_never_answers(self):
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen(8)  # accepts connections, never answers
            client = WardenClient("wdn_x", "http://127.0.0.1:%d/api" % silent.getsockname()[1], timeout=0.2, max_retries=1)
            with mock.patch("warden_sdk._transport.time.sleep"):
                with self.assertRaises(warden_sdk.WardenTimeout) as caught:
                    client.get_session(unique("ses"))
        self.assertIsInstance(caught.exception, TimeoutError)


if __name__ == "__main__":
    unittest.main()
