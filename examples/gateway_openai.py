"""An agent's unchanged OpenAI code, governed by pointing base_url at Warden's LLM gateway.

Uses the official `openai` Python package (pip install openai). Environment:
WARDEN_GATEWAY_URL (e.g. http://localhost:3000/api/gateway/v1), WARDEN_GATEWAY_KEY (a gateway
key, wgk_...), WARDEN_MODEL (a model of the workspace's price table) and WARDEN_BLOCKED_MODEL
(a model a policy forbids). Prints one `RESULT {...}` line; exits 1 if an outcome is unexpected.
"""
import json
import os
import sys

import openai
from openai import OpenAI


def main() -> int:
    client = OpenAI(base_url=os.environ["WARDEN_GATEWAY_URL"], api_key=os.environ["WARDEN_GATEWAY_KEY"], max_retries=0)
    model = os.environ["WARDEN_MODEL"]
    result = {"openai_version": openai.__version__}

    result["models"] = sorted(m.id for m in client.models.list())

    reply = client.chat.completions.create(model=model, max_tokens=50, messages=[{"role": "user", "content": "hello from python"}])
    result["reply"] = reply.choices[0].message.content
    result["usage"] = {"prompt": reply.usage.prompt_tokens, "completion": reply.usage.completion_tokens}

    chunks = client.chat.completions.create(model=model, max_tokens=50, stream=True, messages=[{"role": "user", "content": "streamed hello"}])
    result["streamed"] = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)

    tools = [{"type": "function", "function": {"name": "send_email", "parameters": {"type": "object", "properties": {"to": {"type": "string"}}}}}]
    proposed = client.chat.completions.create(model=model, max_tokens=50, tools=tools, messages=[{"role": "user", "content": 'CALL send_email {"to": "x@example.com"}'}])
    result["tool_calls_left"] = len(proposed.choices[0].message.tool_calls or [])
    result["tool_reply"] = proposed.choices[0].message.content

    try:
        client.chat.completions.create(model=os.environ["WARDEN_BLOCKED_MODEL"], messages=[{"role": "user", "content": "hi"}])
        result["blocked"] = None
    except openai.PermissionDeniedError as error:
        result["blocked"] = {"status": error.status_code, "code": error.code}

    print("RESULT " + json.dumps(result))
    expected = (
        result["reply"] == "echo: hello from python"
        and result["streamed"] == "echo: streamed hello"
        and result["tool_calls_left"] == 0
        and result["blocked"] == {"status": 403, "code": "policy_violation"}
    )
    return 0 if expected else 1


if __name__ == "__main__":
    sys.exit(main())
