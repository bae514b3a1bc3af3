import { readFile, unlink } from "fs/promises";

const raw = await readFile("data/in.csv", "utf8");
console.log(raw.split("\n").length);
await unlink("/tmp/app.lock");
