import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const input = path.join("data", "sales.csv");
const text = await readFile(input, "utf8");
const rows = text.trim().split("\n").slice(1).map((line) => line.split(","));
const total = rows.reduce((sum, [, , amount]) => sum + Number(amount), 0);
await writeFile("out/total.json", JSON.stringify({ total }, null, 2));
