"""CrewAI adapter: governed tools for each agent of a crew, with the crew's budget attached.

Every agent gets its own session created with the crew's id, so each priced call (`charge=`) is
charged to the session, the agent and the crew in one atomic step: when the crew budget is spent,
the next priced call is refused (BudgetExceeded) while unpriced work goes on. Tools are
`crewai.tools.BaseTool` subclasses when CrewAI is installed, otherwise `GovernedTool`, a stand-in
with the same surface (name, description, args_schema, run(**kwargs) -> _run(**kwargs)). CrewAI
cannot be installed where Warden is tested, so the tests exercise the stand-in.
"""
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

from ..governed import governed_tool

try:  # optional: only used when the framework is installed
    from crewai.tools import BaseTool as _CrewAIBaseTool
except ImportError:
    _CrewAIBaseTool = None

ToolSpec = Union[Callable[..., Any], Tuple[Callable[..., Any], Dict[str, Any]]]


class GovernedTool:
    """A CrewAI-BaseTool-shaped wrapper of a governed function."""

    args_schema = None

    def __init__(self, name: str, description: str, func: Callable[..., Any]) -> None:
        self.name = name
        self.description = description
        self.func = func

    def _run(self, **kwargs: Any) -> Any:
        return self.func(**kwargs)

    def run(self, **kwargs: Any) -> Any:
        return self._run(**kwargs)

    def __repr__(self) -> str:
        return "GovernedTool(name=%r)" % self.name


def _as_tool(name: str, description: str, func: Callable[..., Any]) -> Any:
    if _CrewAIBaseTool is None:
        return GovernedTool(name, description, func)
    tool_class = type("Governed_" + name, (_CrewAIBaseTool,), {
        "__annotations__": {"name": str, "description": str},
        "name": name, "description": description,
        "_run": lambda self, **kwargs: func(**kwargs),
    })
    return tool_class()


class CrewTools(dict):
    """{agent_id: [tools]}, with `.sessions` {agent_id: session_id}."""

    def __init__(self, tools: Dict[str, List[Any]], sessions: Dict[str, str]) -> None:
        super().__init__(tools)
        self.sessions = sessions


def governed_crew_tools(client: Any, crew_id: str, agents: Dict[str, Iterable[ToolSpec]],
                        scopes: Iterable[str] = ("read", "spend"), spend_limit: Optional[float] = None,
                        ttl: int = 3600, **governed_kwargs: Any) -> CrewTools:
    """`agents`: {agent_id: [func or (func, governed_tool options)]}; options override `governed_kwargs`."""
    tools: Dict[str, List[Any]] = {}
    sessions: Dict[str, str] = {}
    for agent_id, specs in agents.items():
        session = client.create_session(agent_id, list(scopes), ttl, spend_limit, crew_id=crew_id)
        sessions[agent_id] = session["session_id"]
        tools[agent_id] = []
        for spec in specs:
            func, options = spec if isinstance(spec, tuple) else (spec, {})
            name = options.get("tool") or func.__name__
            description = (func.__doc__ or name).strip().splitlines()[0]
            merged = dict(governed_kwargs, **options)
            merged["tool"] = name
            governed = governed_tool(client, session["session_id"], **merged)(func)
            tools[agent_id].append(_as_tool(name, description, governed))
    return CrewTools(tools, sessions)
