const { parse } = await import("node:path");

console.log(parse("/data/report.csv").name);
