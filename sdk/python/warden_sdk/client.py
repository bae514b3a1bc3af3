"""WardenClient: Haldir's client API (same method names, parameters, order and defaults) on
Warden's routes, plus approvals, policy evaluation and governed tools."""
import math
import os
import time
import urllib.parse
from typing import Any, Callable, Dict, List, Optional, Union

from ._transport import Transport
from .errors import ApprovalDenied, ApprovalTimeout
from .results import Result

DEFAULT_BASE_URL = "http://localhost:3000/api"
_MAX_WAIT_PER_POLL = 30  # the server holds GET /approvals/:id?wait= at most this long


def _segment(value: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("an id or name must be a non-empty string")
    return urllib.parse.quote(value, safe="")


def _drop_none(values: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


class WardenClient:
    """Client of Warden's agent API (`<base_url>/v1/...`, `Authorization: Bearer <api_key>`).

    api_key defaults to $WARDEN_API_KEY, base_url to $WARDEN_BASE_URL or http://localhost:3000/api.
    """

    def __init__(self, api_key: Optional[str] = None, base_url: Optional[str] = None,
                 timeout: float = 30.0, max_retries: int = 3) -> None:
        api_key = api_key or os.environ.get("WARDEN_API_KEY")
        if not api_key:
            raise ValueError("No API key: pass api_key= or set WARDEN_API_KEY")
        base_url = base_url or os.environ.get("WARDEN_BASE_URL") or DEFAULT_BASE_URL
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://, e.g. http://localhost:3000/api")
        if timeout <= 0 or max_retries < 0:
            raise ValueError("timeout must be positive and max_retries at least 0")
        self._transport = Transport(api_key, base_url, float(timeout), int(max_retries))
        self.base_url = self._transport.base_url

    def __repr__(self) -> str:
        return "WardenClient(base_url=%r)" % self.base_url

    def _call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None,
              query: Optional[Dict[str, Any]] = None, headers: Optional[Dict[str, str]] = None,
              timeout: Optional[float] = None) -> Result:
        status, parsed, response_headers = self._transport.request(method, "/v1" + path, body, query, headers, timeout)
        return Result(parsed, status, response_headers.get("X-Request-ID"))

    # Sessions
    def create_session(self, agent_id: str, scopes: Optional[List[str]] = None, ttl: int = 3600,
                       spend_limit: Optional[float] = None, *, crew_id: Optional[str] = None,
                       metadata: Optional[Dict[str, Any]] = None) -> Result:
        return self._call("POST", "/sessions", _drop_none({"agent_id": agent_id, "scopes": scopes, "ttl": ttl,
                                                          "spend_limit": spend_limit, "crew_id": crew_id, "metadata": metadata}))

    def get_session(self, session_id: str) -> Result:
        return self._call("GET", "/sessions/" + _segment(session_id))

    def revoke_session(self, session_id: str) -> Result:
        return self._call("DELETE", "/sessions/" + _segment(session_id))

    def check_permission(self, session_id: str, scope: str) -> Result:
        return self._call("POST", "/sessions/%s/check" % _segment(session_id), {"scope": scope})

    # Vault
    def store_secret(self, name: str, value: str, scope_required: str = "read") -> Result:
        return self._call("POST", "/secrets", {"name": name, "value": value, "scope_required": scope_required})

    def get_secret(self, name: str, session_id: Optional[str] = None, *, approval_id: Optional[str] = None) -> Result:
        headers = {"X-Session-ID": session_id} if session_id else None
        return self._call("GET", "/secrets/" + _segment(name), query={"approval_id": approval_id}, headers=headers)

    def delete_secret(self, name: str) -> Result:
        return self._call("DELETE", "/secrets/" + _segment(name))

    def list_secrets(self) -> Result:
        return self._call("GET", "/secrets")

    # Payments
    def authorize_payment(self, session_id: str, amount: float, currency: str = "USD", description: str = "", *,
                          recipient: Optional[str] = None, approval_id: Optional[str] = None) -> Result:
        """200 authorized; a policy's ESCALATE returns a Result with `.pending` and `.approval_id`."""
        return self._call("POST", "/payments/authorize", _drop_none({
            "session_id": session_id, "amount": amount, "currency": currency, "description": description,
            "recipient": recipient, "approval_id": approval_id}))

    # Audit
    def log_action(self, session_id: str, tool: str = "", action: str = "", cost_usd: float = 0.0,
                   details: Optional[Dict[str, Any]] = None, *, suggested_by: Optional[str] = None,
                   decision: Optional[str] = None) -> Result:
        return self._call("POST", "/audit", _drop_none({"session_id": session_id, "tool": tool, "action": action,
                                                       "cost_usd": cost_usd, "details": details,
                                                       "suggested_by": suggested_by, "decision": decision}))

    def get_audit_trail(self, session_id: Optional[str] = None, agent_id: Optional[str] = None,
                        tool: Optional[str] = None, flagged_only: bool = False, limit: int = 100, *,
                        cursor: Optional[str] = None) -> Result:
        """Newest first; pass the answer's `next_cursor` as cursor= for the next page."""
        return self._call("GET", "/audit", query={"session_id": session_id or None, "agent_id": agent_id or None,
                                                   "tool": tool or None, "flagged": "true" if flagged_only else None,
                                                   "limit": limit, "cursor": cursor})

    def get_spend(self, session_id: Optional[str] = None, agent_id: Optional[str] = None, *,
                  crew_id: Optional[str] = None) -> Result:
        """total_usd/by_tool: logged action costs (as Haldir); payments_usd/payment_count: authorized payments."""
        return self._call("GET", "/audit/spend", query={"session_id": session_id or None,
                                                        "agent_id": agent_id or None, "crew_id": crew_id})

    def verify_audit(self) -> Result:
        return self._call("GET", "/audit/verify")

    def list_executions(self, agent_id: Optional[str] = None, suggested_by: Optional[str] = None, *,
                        decision: Optional[str] = None, language: Optional[str] = None, result: Optional[str] = None,
                        since: Optional[str] = None, until: Optional[str] = None, limit: int = 25,
                        cursor: Optional[str] = None) -> Result:
        """Code runs the gate evaluated, newest first: {count, executions, next_cursor}. result: pending,
        reported, ok, error or killed; since/until: ISO 8601 instants. Needs audit:read."""
        return self._call("GET", "/exec", query={"agent_id": agent_id, "suggested_by": suggested_by, "decision": decision,
                                                  "language": language, "result": result, "from": since, "to": until,
                                                  "limit": limit, "cursor": cursor})

    def get_execution(self, receipt_id: str) -> Result:
        """One code run with its code, operations, reasons, runtime, policy versions, approval and result."""
        return self._call("GET", "/exec/" + _segment(receipt_id))

    # Approvals and policies
    def request_approval(self, session_id: str, tool: str, action: str, reason: str = "",
                         amount: Optional[float] = None, details: Optional[Dict[str, Any]] = None,
                         ttl: int = 3600) -> Result:
        return self._call("POST", "/approvals/request", _drop_none({
            "session_id": session_id, "tool": tool, "action": action, "reason": reason or "%s %s" % (tool, action),
            "amount": amount, "details": details, "ttl": ttl}))

    def get_approval(self, request_id: str) -> Result:
        return self._call("GET", "/approvals/" + _segment(request_id))

    def wait_for_approval(self, request_id: str, timeout: float = 300.0) -> Result:
        """Holds until a reviewer decides: returns the approved request, raises ApprovalDenied
        (denied or expired) or ApprovalTimeout (no decision within `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            wait = max(0, min(_MAX_WAIT_PER_POLL, int(math.ceil(remaining))))
            request = self._call("GET", "/approvals/" + _segment(request_id), query={"wait": wait},
                                 timeout=self._transport.timeout + wait)
            status = request.get("status")
            if status == "approved":
                return request
            if status in ("denied", "expired"):
                raise ApprovalDenied("Approval request %s was %s" % (request_id, status), request_id, status, dict(request))
            if deadline - time.monotonic() <= 0:
                raise ApprovalTimeout("No decision on approval request %s within %gs" % (request_id, timeout), request_id)

    def evaluate(self, session_id: str, kind: str, tool: str, action: str = "", params: Optional[Dict[str, Any]] = None,
                 suggested_by: Optional[str] = None, conversation: Optional[Dict[str, Any]] = None) -> Result:
        """{decision: ALLOW|LOG|CONSTRAIN|ESCALATE|BLOCK, reasons, constrained_params?, receipt_id, approval_id?}."""
        return self._call("POST", "/evaluate", _drop_none({
            "session_id": session_id, "kind": kind, "tool": tool, "action": action or tool or kind,
            "params": params or {}, "suggested_by": suggested_by, "conversation": conversation}))

    # The code-execution gate
    def evaluate_code(self, session_id: str, language: str, code: str, suggested_by: Optional[str] = None,
                      conversation_id: Optional[str] = None, context: Optional[Dict[str, Any]] = None) -> Result:
        """Before running code: {receipt_id, decision, reasons (with line), operations, parsed, code_sha256,
        runtime? (the sandbox limits), approval_id? (ESCALATE), policy_versions}. Run the code only for
        ALLOW, LOG or CONSTRAIN, within `runtime`; for ESCALATE wait_for_approval(result.approval_id) first."""
        return self._call("POST", "/exec/evaluate", _drop_none({
            "session_id": session_id, "language": language, "code": code, "suggested_by": suggested_by,
            "conversation_id": conversation_id, "context": context}))

    def record_exec_result(self, receipt_id: str, status: str, duration_ms: int, exit_code: Optional[int] = None,
                           killed_by: Optional[str] = None, output_sha256: Optional[str] = None) -> Result:
        """How the run of an evaluated snippet ended (status ok, error or killed), recorded once."""
        return self._call("POST", "/exec/%s/result" % _segment(receipt_id), _drop_none({
            "status": status, "duration_ms": duration_ms, "exit_code": exit_code, "killed_by": killed_by,
            "output_sha256": output_sha256}))

    # Administration the examples and adapters need (an admin key's scopes)
    def create_crew(self, name: str, budget: Optional[float] = None, budget_window: str = "run", *,
                    agent_ids: Optional[List[str]] = None, description: Optional[str] = None) -> Result:
        """A crew whose `budget` every member's payments share (window `run`, `day` or `month`)."""
        return self._call("POST", "/crews", _drop_none({"name": name, "budget": budget, "budget_window": budget_window,
                                                       "agent_ids": agent_ids, "description": description}))

    def create_policy(self, document: Dict[str, Any], publish: bool = True) -> Result:
        """Creates a policy (name, target, default, rules, payments) and, unless publish=False, puts it in force."""
        created = self._call("POST", "/policies", document)
        if publish:
            self._call("POST", "/policies/%s/publish" % _segment(created["policy_id"]), {})
        return created

    def governed_tool(self, session_id: str, tool: Optional[str] = None, scope: Optional[str] = None,
                      kind: str = "tool_call", cost_usd: Union[float, Callable[[Any], float]] = 0.0,
                      suggested_by: Optional[str] = None, wait_for_approval: bool = True,
                      approval_timeout: float = 300.0, *, charge: Union[None, float, Callable[[Dict[str, Any]], float]] = None,
                      on_pending: Optional[Callable[[str], None]] = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator that governs a function: see warden_sdk.governed.governed_tool."""
        from .governed import governed_tool
        return governed_tool(self, session_id, tool=tool, scope=scope, kind=kind, cost_usd=cost_usd,
                             suggested_by=suggested_by, wait_for_approval=wait_for_approval,
                             approval_timeout=approval_timeout, charge=charge, on_pending=on_pending)


HaldirClient = WardenClient
