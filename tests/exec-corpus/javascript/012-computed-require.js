const name = "child_" + "process";
const cp = require(name);
cp.execSync("id");
