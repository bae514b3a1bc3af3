"""list_executions and get_execution: the code runs the gate evaluated, read back with filters."""
from support import LIMITED_KEY, BASE_URL, WardenTestCase, publish_policy, unique

import warden_sdk
from warden_sdk import WardenClient

BENIGN = "import json\nprint(json.dumps([1]))\n"


class ExecutionsTest(WardenTestCase):
    def evaluated_pair(self):
        """Two runs of one executor, the first suggested by another agent and reported ok."""
        session = self.session("executor", scopes=["execute"])
        publish_policy(session["agent_id"], code={"runtime": {"time_limit_s": 5}})
        suggester = unique("assistant")
        first = self.client.evaluate_code(session["session_id"], "python", BENIGN, suggested_by=suggester)["receipt_id"]
        self.client.record_exec_result(first, "ok", 40, exit_code=0)
        second = self.client.evaluate_code(session["session_id"], "python", "print(2)\n")["receipt_id"]
        return session["agent_id"], suggester, first, second

    def test_list_executions_pages_newest_first_and_filters_by_suggester_and_result(self):
        agent_id, suggester, first, second = self.evaluated_pair()
        page = self.client.list_executions(agent_id, limit=1)
        self.assertEqual([e["receipt_id"] for e in page["executions"]], [second])
        rest = self.client.list_executions(agent_id, limit=1, cursor=page["next_cursor"])
        self.assertEqual([e["receipt_id"] for e in rest["executions"]], [first])
        self.assertEqual([e["receipt_id"] for e in self.client.list_executions(suggested_by=suggester)["executions"]], [first])
        self.assertEqual([e["receipt_id"] for e in self.client.list_executions(agent_id, result="pending")["executions"]], [second])

    def test_get_execution_returns_the_code_its_operations_and_result(self):
        agent_id, suggester, first, _ = self.evaluated_pair()
        run = self.client.get_execution(first)
        self.assertEqual((run["code"], run["agent_id"], run["suggested_by"], run["decision"]), (BENIGN, agent_id, suggester, "CONSTRAIN"))
        self.assertEqual((run["result"]["status"], run["result"]["exit_code"]), ("ok", 0))
        self.assertIn(("import", "json"), [(op["kind"], op["target"]) for op in run["operations"]])

    def test_a_key_holding_only_audit_read_reads_executions(self):
        agent_id, _, first, _ = self.evaluated_pair()
        auditor = WardenClient(LIMITED_KEY, BASE_URL)
        self.assertEqual(auditor.get_execution(first)["receipt_id"], first)
        self.assertEqual(auditor.list_executions(agent_id)["count"], 2)

    def test_list_executions_raises_validation_error_naming_the_field(self):
        with self.assertRaises(warden_sdk.ValidationError) as caught:
            self.client.list_executions(decision="MAYBE")
        self.assertEqual(caught.exception.field, "decision")

    def test_get_execution_raises_not_found_for_an_unknown_receipt(self):
        with self.assertRaises(warden_sdk.NotFoundError):
            self.client.get_execution("aud_01JD0000000000000000000000")
