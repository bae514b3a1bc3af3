"""The code-execution gate: evaluate_code before running a snippet, record_exec_result after."""
import hashlib

from support import REVIEWER_KEY, WardenTestCase, api, publish_policy, unique

import warden_sdk

STRICT = {"denied_modules": ["subprocess"], "denied_operations": ["process"], "runtime": {"time_limit_s": 5}}
BENIGN = "import json\nprint(json.dumps([1, 2]))\n"
SHELL_OUT = "import subprocess\nsubprocess.run(['ls'])\n"


class ExecGateTest(WardenTestCase):
    def executor(self, code_rules):
        session = self.session("executor", scopes=["execute"])
        publish_policy(session["agent_id"], code=code_rules)
        return session["session_id"]

    def test_evaluate_code_constrains_benign_code_to_the_runtime_limits_and_hashes_it(self):
        gate = self.client.evaluate_code(self.executor(STRICT), "python", BENIGN, suggested_by=unique("assistant"))
        self.assertEqual((gate["decision"], gate["runtime"], gate.pending), ("CONSTRAIN", {"time_limit_s": 5}, False))
        self.assertEqual(gate["code_sha256"], hashlib.sha256(BENIGN.encode()).hexdigest())
        self.assertIn("json", [op["target"] for op in gate["operations"] if op["kind"] == "import"])

    def test_evaluate_code_blocks_a_process_naming_its_line(self):
        gate = self.client.evaluate_code(self.executor(STRICT), "python", SHELL_OUT)
        self.assertEqual(gate["decision"], "BLOCK")
        self.assertIn(("OPERATION_DENIED", 2), [(r["code"], r.get("line")) for r in gate["reasons"]])

    def test_record_exec_result_records_once_and_refuses_a_different_report(self):
        receipt_id = self.client.evaluate_code(self.executor(STRICT), "python", BENIGN)["receipt_id"]
        first = self.client.record_exec_result(receipt_id, "ok", 12, exit_code=0)
        self.assertEqual((first["recorded"], first["status"], first["exit_code"]), (True, "ok", 0))
        self.assertEqual(self.client.record_exec_result(receipt_id, "ok", 12, exit_code=0)["entry_id"], first["entry_id"])
        with self.assertRaises(warden_sdk.ConflictError):
            self.client.record_exec_result(receipt_id, "killed", 5000, killed_by="time")

    def test_an_escalated_snippet_reports_its_result_only_once_approved(self):
        session_id = self.executor(dict(STRICT, on_violation="ESCALATE"))
        gate = self.client.evaluate_code(session_id, "python", SHELL_OUT)
        self.assertTrue(gate.pending)
        with self.assertRaises(warden_sdk.ConflictError):
            self.client.record_exec_result(gate["receipt_id"], "ok", 3, exit_code=0)
        api("POST", "/v1/approvals/%s/approve" % gate.approval_id, {"note": "reviewed"}, key=REVIEWER_KEY)
        self.assertEqual(self.client.wait_for_approval(gate.approval_id)["status"], "approved")
        self.assertTrue(self.client.record_exec_result(gate["receipt_id"], "ok", 3, exit_code=0)["recorded"])

    def test_evaluate_code_raises_validation_error_naming_the_language(self):
        with self.assertRaises(warden_sdk.ValidationError) as caught:
            self.client.evaluate_code(self.executor(STRICT), "cobol", "DISPLAY 'HI'.")
        self.assertEqual(caught.exception.field, "language")
