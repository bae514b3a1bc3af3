"""Adapters with fakes of the frameworks' interfaces, against the real server."""
import inspect
from unittest import mock

from support import WardenTestCase, unique
from framework_fakes import FakeAutoGenAgent, FakeCrewAIBaseTool

import warden_sdk
from warden_sdk.adapters.autogen import create_pair_sessions, register_governed_function
import warden_sdk.adapters.crewai as crewai_adapter
from warden_sdk.adapters.crewai import GovernedTool, governed_crew_tools


class AutoGenAdapterTest(WardenTestCase):
    def test_registers_the_schema_on_the_assistant_and_the_governed_call_on_the_proxy(self):
        assistant, proxy = FakeAutoGenAgent("assistant"), FakeAutoGenAgent("user_proxy")
        assistant_id, proxy_id = unique("assistant"), unique("proxy")
        sessions = create_pair_sessions(self.client, caller_agent_id=assistant_id, executor_agent_id=proxy_id,
                                        executor_scopes=["read", "files"])
        self.assertNotEqual(sessions["caller"]["session_id"], sessions["executor"]["session_id"])

        def read_file(path: str, max_bytes: int = 100) -> str:
            """Read a file from the workspace."""
            return "contents of %s" % path

        register_governed_function(read_file, caller=assistant, executor=proxy, client=self.client,
                                   executor_session_id=sessions["executor"]["session_id"], caller_agent_id=assistant_id,
                                   scope="files", cost_usd=0.01)
        self.assertEqual(assistant.llm_tools["read_file"]["description"], "Read a file from the workspace.")
        self.assertEqual(list(inspect.signature(assistant.llm_tools["read_file"]["function"]).parameters), ["path", "max_bytes"])
        self.assertEqual(proxy.execute_function("read_file", {"path": "notes.txt"}), "contents of notes.txt")

        [entry] = [e for e in self.client.get_audit_trail(agent_id=proxy_id, tool="read_file")["entries"] if e["details"].get("status")]
        self.assertEqual((entry["session_id"], entry["suggested_by"], entry["cost_usd"]),
                         (sessions["executor"]["session_id"], assistant_id, 0.01))

    def test_the_executors_session_governs_so_its_missing_scope_refuses_the_call(self):
        assistant, proxy = FakeAutoGenAgent("assistant"), FakeAutoGenAgent("user_proxy")
        sessions = create_pair_sessions(self.client, caller_agent_id=unique("assistant"), executor_agent_id=unique("proxy"),
                                        executor_scopes=["read"], caller_scopes=["read", "files"])
        register_governed_function(lambda path: path, caller=assistant, executor=proxy, client=self.client, name="read_file",
                                   description="Read a file", executor_session_id=sessions["executor"]["session_id"],
                                   caller_agent_id=sessions["caller"]["agent_id"], scope="files")
        with self.assertRaises(warden_sdk.PermissionError):
            proxy.execute_function("read_file", {"path": "x"})


class CrewAIAdapterTest(WardenTestCase):
    def test_gives_each_agent_its_own_session_on_the_crew_budget_and_one_agent_hitting_it_leaves_others_working(self):
        crew = self.client.create_crew(unique("crew"), 10)
        done = []

        def buy_dataset(name: str) -> str:
            """Buy a dataset for the research."""
            done.append(("buy", name))
            return "bought " + name

        def summarize(text: str) -> str:
            """Summarize a text."""
            done.append(("summarize", text))
            return text[:10]

        buyer, writer = unique("buyer"), unique("writer")
        tools = governed_crew_tools(self.client, crew["crew_id"], agents={
            buyer: [(buy_dataset, {"charge": 6.0})],
            writer: [summarize, (buy_dataset, {"charge": 3.0, "tool": "buy_small_dataset"})],
        })
        self.assertEqual(set(tools.sessions), {buyer, writer})
        for session_id in tools.sessions.values():
            self.assertEqual(self.client.get_session(session_id)["is_valid"], True)
        [buy] = tools[buyer]
        summarize_tool, buy_small = tools[writer]
        self.assertIsInstance(buy, GovernedTool)
        self.assertEqual((buy.name, buy.description, buy_small.name), ("buy_dataset", "Buy a dataset for the research.", "buy_small_dataset"))

        self.assertEqual(buy.run(name="papers"), "bought papers")
        self.assertEqual(buy_small.run(name="tweets"), "bought tweets")
        with self.assertRaises(warden_sdk.BudgetExceeded) as caught:
            buy.run(name="patents")
        self.assertEqual(caught.exception.code, "crew_budget_exceeded")
        self.assertEqual(summarize_tool.run(text="a long research text"), "a long res")

        self.assertEqual(done, [("buy", "papers"), ("buy", "tweets"), ("summarize", "a long research text")])
        self.assertEqual(self.client.get_spend(crew_id=crew["crew_id"])["payments_usd"], 9)


class CrewAIBaseToolTest(WardenTestCase):
    def test_builds_subclasses_of_crewais_base_tool_when_crewai_is_installed(self):
        def lookup(term: str) -> str:
            """Look a term up."""
            return "definition of " + term

        reader = unique("reader")
        with mock.patch.object(crewai_adapter, "_CrewAIBaseTool", FakeCrewAIBaseTool):
            tools = governed_crew_tools(self.client, self.client.create_crew(unique("crew"))["crew_id"], agents={reader: [lookup]})
        [tool] = tools[reader]
        self.assertIsInstance(tool, FakeCrewAIBaseTool)
        self.assertEqual((tool.name, tool.description, tool.run(term="crew")), ("lookup", "Look a term up.", "definition of crew"))
