"""A local HTTP proxy in front of the real server that fails the first requests on purpose
(a status, or a dropped connection) and records the headers it saw, to test the retries."""
import http.server
import threading
import urllib.error
import urllib.request
from typing import Dict, List, Optional


class FlakyProxy:
    def __init__(self, target: str, failures: int, status: Optional[int] = 503,
                 headers: Optional[Dict[str, str]] = None, forward_failures: bool = False) -> None:
        """`status` None: close the connection without answering instead of failing with a status.
        `forward_failures`: the server does receive the failed requests; only its answer is lost."""
        self.target, self.failures, self.status, self.extra_headers = target.rstrip("/"), failures, status, headers or {}
        self.forward_failures = forward_failures
        self.seen: List[Dict[str, str]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output quiet
                pass

            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                proxy.seen.append({"method": self.command, "path": self.path, **dict(self.headers)})
                if len(proxy.seen) <= proxy.failures:
                    if proxy.forward_failures:
                        self.forward(body)
                    if proxy.status is None:
                        self.close_connection = True
                        return
                    self.send_response(proxy.status)
                    for name, value in proxy.extra_headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": "injected failure", "code": "injected"}')
                    return
                status, payload = self.forward(body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def forward(self, body: Optional[bytes]):
                forwarded = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                request = urllib.request.Request(proxy.target + self.path, data=body, headers=forwarded, method=self.command)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        return response.status, response.read()
                except urllib.error.HTTPError as error:
                    with error:
                        return error.code, error.read()

            do_GET = do_POST = do_DELETE = handle_one

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
