import { spawn } from "node:child_process";

const child = spawn("python3", ["train.py", "--epochs", "3"], { stdio: "inherit" });
child.on("exit", (code) => console.log("exit", code));
