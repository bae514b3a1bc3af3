const fs = require("node:fs");

fs.createReadStream("data/big.log").pipe(fs.createWriteStream("out/big.copy.log"));
