"""What the client's methods return: the parsed JSON as a dict, plus a few attributes.

Haldir code reads results as dicts (`result["authorized"]`), so results stay dicts; Warden code
can also ask `result.pending` and `result.approval_id` when a policy escalated the call
(202 pending_approval from a payment, ESCALATE from evaluate).
"""
from typing import Any, Dict, Optional


class Result(dict):
    def __init__(self, body: Dict[str, Any], status_code: int = 200, request_id: Optional[str] = None) -> None:
        super().__init__(body)
        self.status_code = status_code
        self.request_id = request_id

    @property
    def pending(self) -> bool:
        """True when the call waits for a reviewer: wait_for_approval(result.approval_id), then retry."""
        return self.status_code == 202 or self.get("status") == "pending_approval" or self.get("decision") == "ESCALATE"

    @property
    def approval_id(self) -> Optional[str]:
        return self.get("approval_id")
