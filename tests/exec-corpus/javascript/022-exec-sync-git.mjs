import { execSync } from "node:child_process";
import { writeFile } from "node:fs/promises";

const log = execSync("git log --oneline -20").toString();
await writeFile("out/changelog.txt", log);
