"""AutoGen (0.2 / AG2) adapter: governed functions on an assistant / user-proxy pair.

Mirrors `autogen.register_function(f, caller=, executor=, name=, description=)`: the caller (the
assistant that proposes tool calls) gets the schema through `caller.register_for_llm`, the
executor (the user proxy that runs them) gets the governed wrapper through
`executor.register_for_execution`. Each agent has its own Warden session: the executor's
session is the one policies judge and budgets charge, and every call records the caller as
`suggested_by`. AutoGen is not imported: any objects with those two methods work (the tests use
fakes of them, as AutoGen cannot be installed where Warden is tested).
"""
from typing import Any, Callable, Dict, Iterable, Optional

from ..governed import governed_tool


def create_pair_sessions(client: Any, *, caller_agent_id: str, executor_agent_id: str,
                         executor_scopes: Iterable[str], caller_scopes: Iterable[str] = ("read",),
                         spend_limit: Optional[float] = None, ttl: int = 3600) -> Dict[str, Dict[str, Any]]:
    """One session per agent: {"caller": session, "executor": session} (spend_limit on the executor's)."""
    return {
        "caller": client.create_session(caller_agent_id, list(caller_scopes), ttl),
        "executor": client.create_session(executor_agent_id, list(executor_scopes), ttl, spend_limit),
    }


def register_governed_function(func: Callable[..., Any], *, caller: Any, executor: Any, client: Any,
                               executor_session_id: str, caller_agent_id: str, name: Optional[str] = None,
                               description: Optional[str] = None, **governed_kwargs: Any) -> Callable[..., Any]:
    """Registers `func` governed by the executor's session; returns the governed function."""
    tool_name = name or func.__name__
    text = description or (func.__doc__ or tool_name).strip().splitlines()[0]
    governed = governed_tool(client, executor_session_id, tool=tool_name, suggested_by=caller_agent_id,
                             **governed_kwargs)(func)
    caller.register_for_llm(name=tool_name, description=text)(governed)
    executor.register_for_execution(name=tool_name)(governed)
    return governed
