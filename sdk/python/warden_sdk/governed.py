"""Governed tools: a decorator that puts Warden between an agent and any Python function.

Around each call: check the scope (refused: PermissionError, the function does not run),
evaluate the call against the policies in force (BLOCK: PolicyBlocked; ESCALATE: wait for a
reviewer, then run or raise ApprovalDenied/ApprovalTimeout; CONSTRAIN: run with the server's
capped or redacted parameters; ALLOW/LOG: run), optionally charge a price as a payment against
the session, agent and crew budgets, run, then log the action with its cost and outcome,
also when the function raised. `_suggested_by="agent"` on a call records that another agent
proposed it (the executing session's agent is the one the policies judge).
"""
import asyncio
import functools
import inspect
import json
from typing import Any, Callable, Dict, Optional, Tuple, Union

from .errors import ApprovalTimeout, PermissionError, PolicyBlocked

Price = Union[None, float, Callable[[Dict[str, Any]], float]]


def _json_safe(params: Dict[str, Any]) -> Dict[str, Any]:
    # Arguments may be arbitrary objects: the policy engine and the audit trail see their repr.
    return json.loads(json.dumps(params, default=repr))


class _Call:
    """One invocation: the function's arguments bound by name, so policies can address them."""

    def __init__(self, signature: inspect.Signature, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> None:
        self.bound = signature.bind(*args, **kwargs)
        self.bound.apply_defaults()
        self.var_keyword = next((p.name for p in signature.parameters.values() if p.kind is p.VAR_KEYWORD), None)

    def params(self) -> Dict[str, Any]:
        flat = {k: v for k, v in self.bound.arguments.items() if k != self.var_keyword}
        flat.update(self.bound.arguments.get(self.var_keyword, {}) if self.var_keyword else {})
        return _json_safe(flat)

    def constrain(self, constrained: Dict[str, Any]) -> None:
        extra = self.bound.arguments.get(self.var_keyword) if self.var_keyword else None
        for name, value in constrained.items():
            if name in self.bound.arguments and name != self.var_keyword:
                self.bound.arguments[name] = value
            elif extra is not None and name in extra:
                extra[name] = value


class Governor:
    def __init__(self, client: Any, session_id: str, tool: str, action: str, scope: Optional[str], kind: str,
                 cost_usd: Union[float, Callable[[Any], float]], suggested_by: Optional[str],
                 wait_for_approval: bool, approval_timeout: float, charge: Price,
                 on_pending: Optional[Callable[[str], None]]) -> None:
        self.client, self.session_id, self.tool, self.action = client, session_id, tool, action
        self.scope, self.kind, self.cost_usd, self.suggested_by = scope, kind, cost_usd, suggested_by
        self.wait, self.approval_timeout, self.charge = wait_for_approval, approval_timeout, charge
        self.on_pending = on_pending

    def before(self, call: _Call, suggested_by: Optional[str]) -> Dict[str, Any]:
        """Raises when the call must not run; otherwise constrains `call` and returns the audit context."""
        if self.scope:
            check = self.client.check_permission(self.session_id, self.scope)
            if not check.get("allowed"):
                raise PermissionError("Session lacks scope '%s' for tool '%s'" % (self.scope, self.tool),
                                      403, dict(check), "scope_denied")
        verdict = self.client.evaluate(self.session_id, self.kind, self.tool, self.action, call.params(), suggested_by)
        decision = verdict.get("decision")
        reasons = verdict.get("reasons") or []
        if decision == "BLOCK":
            why = "; ".join(r.get("message", r.get("code", "")) for r in reasons) or "blocked by policy"
            raise PolicyBlocked("Policy blocked %s: %s" % (self.tool, why), reasons, verdict.get("receipt_id"), dict(verdict))
        if decision == "ESCALATE":
            self._await_reviewer(verdict.approval_id)
        if decision == "CONSTRAIN" and isinstance(verdict.get("constrained_params"), dict):
            call.constrain(verdict["constrained_params"])
        context = {"decision": decision, "receipt_id": verdict.get("receipt_id")}
        if verdict.approval_id:
            context["approval_id"] = verdict.approval_id
        authorization = self._pay(call)
        if authorization:
            context["authorization_id"] = authorization
        return context

    def _await_reviewer(self, approval_id: str) -> None:
        if self.on_pending:
            self.on_pending(approval_id)
        if not self.wait:
            raise ApprovalTimeout("%s needs a reviewer's approval (%s); waiting is disabled" % (self.tool, approval_id), approval_id)
        self.client.wait_for_approval(approval_id, self.approval_timeout)

    def _pay(self, call: _Call) -> Optional[str]:
        price = self.charge(call.params()) if callable(self.charge) else self.charge
        if not price:
            return None
        description = "%s.%s" % (self.tool, self.action)
        payment = self.client.authorize_payment(self.session_id, price, description=description)  # refusals raise
        if payment.pending:
            self._await_reviewer(payment.approval_id)
            payment = self.client.authorize_payment(self.session_id, price, description=description,
                                                    approval_id=payment.approval_id)
        return payment.get("authorization_id")

    def after(self, context: Dict[str, Any], suggested_by: Optional[str], result: Any = None,
              error: Optional[BaseException] = None) -> None:
        details = dict(context, status="error" if error else "ok")
        if error is not None:
            details["error"] = type(error).__name__
        cost = self.cost_usd if not callable(self.cost_usd) else (0.0 if error else self.cost_usd(result))
        self.client.log_action(self.session_id, self.tool, self.action, float(cost), details,
                               suggested_by=suggested_by, decision=context.get("decision"))


def governed_tool(client: Any, session_id: str, tool: Optional[str] = None, scope: Optional[str] = None,
                  kind: str = "tool_call", cost_usd: Union[float, Callable[[Any], float]] = 0.0,
                  suggested_by: Optional[str] = None, wait_for_approval: bool = True,
                  approval_timeout: float = 300.0, charge: Price = None,
                  on_pending: Optional[Callable[[str], None]] = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator. `cost_usd`: logged cost, or a function of the result. `charge`: a price (or a
    function of the parameters) authorized as a payment before the call, so budgets can refuse it.
    `on_pending(approval_id)` is called when a reviewer must decide (e.g. to say where to approve)."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        governor = Governor(client, session_id, tool or func.__name__, func.__name__, scope, kind, cost_usd,
                            suggested_by, wait_for_approval, approval_timeout, charge, on_pending)
        signature = inspect.signature(func)

        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def run_async(*args: Any, _suggested_by: Optional[str] = None, **kwargs: Any) -> Any:
                by = _suggested_by or suggested_by
                call = _Call(signature, args, kwargs)
                context = await asyncio.to_thread(governor.before, call, by)
                try:
                    result = await func(*call.bound.args, **call.bound.kwargs)
                except BaseException as error:
                    await asyncio.to_thread(governor.after, context, by, None, error)
                    raise
                await asyncio.to_thread(governor.after, context, by, result)
                return result
            return run_async

        @functools.wraps(func)
        def run(*args: Any, _suggested_by: Optional[str] = None, **kwargs: Any) -> Any:
            by = _suggested_by or suggested_by
            call = _Call(signature, args, kwargs)
            context = governor.before(call, by)
            try:
                result = func(*call.bound.args, **call.bound.kwargs)
            except BaseException as error:
                governor.after(context, by, None, error)
                raise
            governor.after(context, by, result)
            return result
        return run
    return decorate
