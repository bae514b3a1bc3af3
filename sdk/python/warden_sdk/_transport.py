"""HTTP for the client: JSON in and out, Idempotency-Key on POSTs, retries with backoff.

Every call the client makes is safe to repeat: GET and DELETE are idempotent and every POST
carries an Idempotency-Key that stays the same across the retries of one call, so the server
replays the first answer instead of acting twice. Retried: connection errors, timeouts, 5xx,
429 (honouring Retry-After) and 409 idempotency_in_progress (the first attempt still running).
"""
import http.client
import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Dict, Optional, Tuple

from . import __version__
from .errors import WardenConnectionError, WardenTimeout, error_from_response

Response = Tuple[int, Dict[str, Any], Any]


class Transport:
    def __init__(self, api_key: str, base_url: str, timeout: float, max_retries: int,
                 backoff: float = 0.25, max_backoff: float = 8.0) -> None:
        self._api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff

    def __repr__(self) -> str:  # the key stays out of reprs and tracebacks' locals dumps
        return "Transport(base_url=%r)" % self.base_url

    def request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None,
                query: Optional[Dict[str, Any]] = None, headers: Optional[Dict[str, str]] = None,
                timeout: Optional[float] = None) -> Response:
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        sent = {"Authorization": "Bearer " + self._api_key, "Accept": "application/json",
                "User-Agent": "warden-sdk-python/" + __version__}
        sent.update(headers or {})
        data = None
        if method == "POST":
            sent["Idempotency-Key"] = str(uuid.uuid4())  # one key for all attempts of this call
            data = json.dumps(body if body is not None else {}).encode()
            sent["Content-Type"] = "application/json"
        attempt = 0
        while True:
            try:
                status, parsed, response_headers = self._send(method, url, data, sent, timeout or self.timeout)
            except (urllib.error.URLError, http.client.HTTPException, socket.timeout, OSError) as error:
                if attempt >= self.max_retries:
                    raise _connection_error(error, method, path) from None
                self._sleep(attempt, None)
                attempt += 1
                continue
            if status < 400:
                return status, parsed, response_headers
            failure = error_from_response(status, parsed, response_headers)
            if attempt >= self.max_retries or not _is_retryable(status, failure.code):
                raise failure
            self._sleep(attempt, getattr(failure, "retry_after", None))
            attempt += 1

    def _send(self, method: str, url: str, data: Optional[bytes], headers: Dict[str, str], timeout: float) -> Response:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, _parse(response.read()), response.headers
        except urllib.error.HTTPError as error:
            with error:
                return error.code, _parse(error.read()), error.headers

    def _sleep(self, attempt: int, retry_after: Optional[float]) -> None:
        if retry_after is not None:
            time.sleep(min(retry_after, 60.0))
            return
        # Exponential backoff with full jitter, so clients that failed together do not retry together.
        time.sleep(random.uniform(0, min(self.max_backoff, self.backoff * (2 ** attempt))))


def _is_retryable(status: int, code: Optional[str]) -> bool:
    return status >= 500 or status == 429 or (status == 409 and code == "idempotency_in_progress")


def _parse(raw: bytes) -> Dict[str, Any]:
    if not raw:
        return {}
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {"error": "The server answered with a body that is not JSON"}
    return parsed if isinstance(parsed, dict) else {"value": parsed}


def _connection_error(error: BaseException, method: str, path: str) -> WardenConnectionError:
    reason = getattr(error, "reason", error)
    route = "%s %s" % (method, path.split("?")[0])
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return WardenTimeout("Warden did not answer %s in time" % route)
    return WardenConnectionError("Could not reach Warden for %s: %s" % (route, reason))
