const db = openDatabase();
db.exec("select 1");
const worker = pool.spawn();
const reader = { readFileSync: () => "" };
reader.readFileSync("x");
console.log(worker.id);
