const https = require("https");

const req = https.request({ hostname: "internal.corp", path: "/v1/jobs", method: "POST" }, (res) => {
  res.on("data", (chunk) => process.stdout.write(chunk));
});
req.end(JSON.stringify({ job: 1 }));
