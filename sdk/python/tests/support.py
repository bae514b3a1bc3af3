"""Shared fixtures of the SDK's tests: the server's address and keys from the environment, unique
agent names, and policies published through the real API (the tests never mock Warden)."""
import json
import os
import threading
import time
import unittest
import urllib.request
import uuid
from typing import Any, Dict, Optional

from warden_sdk import WardenClient

BASE_URL = os.environ.get("WARDEN_BASE_URL", "")
ADMIN_KEY = os.environ.get("WARDEN_API_KEY", "")
REVIEWER_KEY = os.environ.get("WARDEN_REVIEWER_KEY", "")
LIMITED_KEY = os.environ.get("WARDEN_LIMITED_KEY", "")  # holds audit:read only

if not (BASE_URL and ADMIN_KEY and REVIEWER_KEY and LIMITED_KEY):
    raise RuntimeError("Set WARDEN_BASE_URL, WARDEN_API_KEY, WARDEN_REVIEWER_KEY and WARDEN_LIMITED_KEY")


def admin(**kwargs: Any) -> WardenClient:
    return WardenClient(ADMIN_KEY, BASE_URL, **kwargs)


def reviewer() -> WardenClient:
    return WardenClient(REVIEWER_KEY, BASE_URL)


def unique(prefix: str) -> str:
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


def api(method: str, path: str, body: Optional[Dict[str, Any]] = None, key: str = ADMIN_KEY) -> Dict[str, Any]:
    """A raw call for what the SDK does not wrap (reviewers' decisions): fails the test on an error."""
    request = urllib.request.Request(BASE_URL + path, method=method, data=json.dumps(body or {}).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read().decode())


def publish_policy(agent_id: str, **document: Any) -> str:
    """Publishes a policy that applies to `agent_id` only, so tests sharing a workspace stay apart."""
    body = dict({"name": unique("policy"), "default": "ALLOW", "target": {"kind": "agent", "agent_id": agent_id}}, **document)
    return admin().create_policy(body)["policy_id"]


def rule(rule_id: str, effect: str, **extra: Any) -> Dict[str, Any]:
    return dict({"id": rule_id, "kinds": ["tool_call"], "effect": effect}, **extra)


class Reviewer(threading.Thread):
    """Decides the first pending request of an agent once it appears, as a person would."""

    def __init__(self, agent_id: str, approve: bool) -> None:
        super().__init__(daemon=True)
        self.agent_id, self.approve = agent_id, approve

    def run(self) -> None:
        for _ in range(600):
            mine = [r for r in api("GET", "/v1/approvals/pending", key=REVIEWER_KEY)["requests"] if r.get("agent_id") == self.agent_id]
            if mine:
                verb = "approve" if self.approve else "deny"
                api("POST", "/v1/approvals/%s/%s" % (mine[0]["request_id"], verb), {"note": "test"}, key=REVIEWER_KEY)
                return
            time.sleep(0.1)


class WardenTestCase(unittest.TestCase):
    client: WardenClient

    @classmethod
    def setUpClass(cls) -> None:
        cls.client = admin()

    def session(self, prefix: str = "agent", scopes: Any = ("read",), **kwargs: Any) -> Dict[str, Any]:
        return self.client.create_session(unique(prefix), list(scopes), **kwargs)
