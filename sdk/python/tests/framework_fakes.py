"""Small fakes of the frameworks' tool interfaces (AutoGen and CrewAI cannot be installed where
Warden is tested: PyPI is unreachable). They reproduce only what the adapters touch."""
from typing import Any, Callable, Dict


class FakeAutoGenAgent:
    """AutoGen 0.2 / AG2 ConversableAgent: register_for_llm(name=, description=) and
    register_for_execution(name=) return decorators; the executor runs tool calls by name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.llm_tools: Dict[str, Dict[str, Any]] = {}
        self.function_map: Dict[str, Callable[..., Any]] = {}

    def register_for_llm(self, *, name: str = None, description: str = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.llm_tools[name or func.__name__] = {"description": description, "function": func}
            return func
        return decorator

    def register_for_execution(self, name: str = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.function_map[name or func.__name__] = func
            return func
        return decorator

    def execute_function(self, name: str, arguments: Dict[str, Any]) -> Any:
        """What the user proxy does with the assistant's tool call."""
        return self.function_map[name](**arguments)


class FakeCrewAIBaseTool:
    """crewai.tools.BaseTool as the adapter uses it: class-level name and description, and
    run(**kwargs) delegating to the subclass's _run(**kwargs)."""

    name: str
    description: str

    def run(self, *args: Any, **kwargs: Any) -> Any:
        return self._run(*args, **kwargs)
