"""Typed exceptions raised by the Warden client.

Every error is a WardenError, which is also HaldirAPIError, so code written against Haldir's
client keeps catching what it caught. Messages come from the server's `error` field (which never
holds secret values) or are written here; the API key and secret values are never included.
"""
import builtins
from typing import Any, Dict, List, Optional


class WardenError(Exception):
    """Base class: `status_code` (0 when no response), parsed `body`, server `code`, `request_id`."""

    def __init__(self, message: str, status_code: int = 0, body: Optional[Dict[str, Any]] = None,
                 code: Optional[str] = None, request_id: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.body = body or {}
        self.code = code
        self.request_id = request_id

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return "%s(%r, status_code=%r, code=%r, request_id=%r)" % (
            type(self).__name__, self.message, self.status_code, self.code, self.request_id)


class AuthError(WardenError):
    """401: missing, unknown, revoked or expired API key, or a dead session."""


class PermissionError(WardenError, builtins.PermissionError):  # noqa: A001 - Haldir's name
    """403: a scope, budget or policy says no. Also catchable as the builtin PermissionError."""


class BudgetExceeded(PermissionError):
    """403 from a payment a session, agent or crew budget refused (code `*_budget_exceeded`)."""


class PolicyBlocked(PermissionError):
    """A policy's BLOCK decision on a governed call: `reasons` [{code, message, rule_id}], `receipt_id`."""

    def __init__(self, message: str, reasons: List[Dict[str, Any]], receipt_id: Optional[str] = None,
                 body: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message, 0, body, reasons[0].get("code") if reasons else None)
        self.reasons = reasons
        self.receipt_id = receipt_id


class NotFoundError(WardenError):
    """404: unknown resource (or one of another workspace)."""


class ValidationError(WardenError):
    """400/422: invalid input; `field` and `reason` name what the server refused."""

    @property
    def field(self) -> Optional[str]:
        return self.body.get("field")

    @property
    def reason(self) -> Optional[str]:
        return self.body.get("reason")


class ConflictError(WardenError):
    """409: e.g. an approval already decided, consumed or still pending, a name taken."""


class RateLimitError(PermissionError):
    """429, or a policy's RATE_LIMIT_EXCEEDED refusal (a 403: Haldir code catching 403s catches it);
    `retry_after` seconds when the server said (60 for a policy's requests-per-minute)."""

    def __init__(self, message: str, status_code: int = 0, body: Optional[Dict[str, Any]] = None,
                 code: Optional[str] = None, request_id: Optional[str] = None,
                 retry_after: Optional[float] = None) -> None:
        super().__init__(message, status_code, body, code, request_id)
        self.retry_after = retry_after


class ServerError(WardenError):
    """5xx after the retries were spent."""


class WardenConnectionError(WardenError, builtins.ConnectionError):
    """The server could not be reached (after the retries)."""


class WardenTimeout(WardenConnectionError, builtins.TimeoutError):
    """No answer within the client's timeout (after the retries)."""


class ApprovalDenied(WardenError):
    """A reviewer denied the approval request (or it expired, which counts as denied)."""

    def __init__(self, message: str, approval_id: str, status: str, body: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message, 0, body, status)
        self.approval_id = approval_id
        self.status = status


class ApprovalTimeout(WardenError):
    """No decision on the approval request within the time the caller was willing to wait."""

    def __init__(self, message: str, approval_id: str) -> None:
        super().__init__(message, 0, None, "approval_timeout")
        self.approval_id = approval_id


# Haldir's names, for code migrating from its client.
HaldirAPIError = WardenError
HaldirAuthError = AuthError
HaldirPermissionError = PermissionError
HaldirNotFoundError = NotFoundError


def _retry_after(headers: Any) -> Optional[float]:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: rare enough that backoff alone is fine


def error_from_response(status: int, body: Dict[str, Any], headers: Any) -> WardenError:
    """Maps one error response to its exception type."""
    code = body.get("code") if isinstance(body.get("code"), str) else None
    message = body.get("error") or body.get("reason") or "HTTP %d" % status
    request_id = headers.get("X-Request-ID") if headers is not None else None
    args = (message, status, body, code, request_id)
    if status == 429 or code == "RATE_LIMIT_EXCEEDED":
        return RateLimitError(*args, retry_after=_retry_after(headers))
    if status == 401:
        return AuthError(*args)
    if status == 403:
        return BudgetExceeded(*args) if code and code.endswith("budget_exceeded") else PermissionError(*args)
    if status == 404:
        return NotFoundError(*args)
    if status in (400, 422):
        return ValidationError(*args)
    if status == 409:
        return ConflictError(*args)
    if status >= 500:
        return ServerError(*args)
    return WardenError(*args)
