"""Warden's Python SDK: `WardenClient` (also `HaldirClient`), typed errors, governed tools."""
__version__ = "0.1.0"

from .client import HaldirClient, WardenClient  # noqa: E402
from .errors import (  # noqa: E402
    ApprovalDenied, ApprovalTimeout, AuthError, BudgetExceeded, ConflictError, HaldirAPIError, HaldirAuthError,
    HaldirNotFoundError, HaldirPermissionError, NotFoundError, PermissionError, PolicyBlocked, RateLimitError,
    ServerError, ValidationError, WardenConnectionError, WardenError, WardenTimeout,
)
from .results import Result  # noqa: E402

__all__ = [
    "WardenClient", "HaldirClient", "Result", "WardenError", "AuthError", "PermissionError", "BudgetExceeded",
    "PolicyBlocked", "NotFoundError", "ValidationError", "ConflictError", "RateLimitError", "ServerError",
    "WardenConnectionError", "WardenTimeout", "ApprovalDenied", "ApprovalTimeout", "HaldirAPIError",
    "HaldirAuthError", "HaldirPermissionError", "HaldirNotFoundError", "__version__",
]
