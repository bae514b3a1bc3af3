const fs = require("fs");

const users = JSON.parse(fs.readFileSync("./data/users.json", "utf8"));
const emails = users.filter((u) => u.active).map((u) => u.email.toLowerCase());
fs.writeFileSync("./out/emails.txt", emails.join("\n") + "\n");
console.log(`${emails.length} emails`);
