"""A CrewAI-style research crew of three agents sharing one crew budget.

The analyst buys a dataset, the writer a citation check; together they spend the whole budget,
so the analyst's second purchase is refused, while the scout's searches and the writer's
summary (which cost nothing) go on. Uses crewai.tools.BaseTool when CrewAI is installed and
the SDK's stand-in tool otherwise.

    WARDEN_BASE_URL=http://localhost:3000/api WARDEN_API_KEY=<admin key> python3 examples/research_crew.py
"""
import json
import sys
import uuid

from warden_sdk import BudgetExceeded, WardenClient
from warden_sdk.adapters.crewai import governed_crew_tools

BUDGET = 10.0


def search_web(query: str) -> str:
    """Search the web for sources."""
    return "3 sources about %s" % query


def buy_dataset(name: str) -> str:
    """Buy a dataset for the analysis."""
    return "dataset %s" % name


def check_citations(draft: str) -> str:
    """Have the citations of a draft checked."""
    return "citations of %r checked" % draft


def summarize(notes: str) -> str:
    """Write the summary."""
    return "Summary: " + notes


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)
    warden = WardenClient()
    run = uuid.uuid4().hex[:8]
    scout, analyst, writer = ("%s-%s" % (role, run) for role in ("scout", "analyst", "writer"))
    crew = warden.create_crew("research-crew-" + run, BUDGET)
    print("Crew %s with a budget of $%.2f" % (crew["crew_id"], BUDGET))
    tools = governed_crew_tools(warden, crew["crew_id"], agents={
        scout: [(search_web, {"cost_usd": 0.0})],
        analyst: [(buy_dataset, {"charge": 6.0})],
        writer: [(check_citations, {"charge": 4.0}), summarize],
    })
    search, = tools[scout]
    buy, = tools[analyst]
    check, write = tools[writer]

    refused = []
    print(analyst, "->", buy.run(name="patents-2025"))
    print(writer, "->", check.run(draft="first draft"))
    try:
        buy.run(name="patents-2024")
    except BudgetExceeded as refusal:
        refused.append(analyst)
        print(analyst, "refused:", refusal)
    print(scout, "->", search.run(query="agent governance"))
    print(writer, "->", write.run(notes="governance keeps agents on budget"))

    spent = warden.get_spend(crew_id=crew["crew_id"])
    summary = {"crew_id": crew["crew_id"], "budget": BUDGET, "spent": spent["payments_usd"],
               "refused": refused, "sessions": tools.sessions}
    print("RESULT " + json.dumps(summary))
    return 0 if refused == [analyst] and spent["payments_usd"] == BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
