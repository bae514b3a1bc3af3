const express = require("express");
const path = require("path");
const fs = require("fs");

const app = express();
app.get("/report/:name", (req, res) => {
  const file = path.join(__dirname, "out", req.params.name);
  res.send(fs.readFileSync(file, "utf8"));
});
app.listen(Number(process.env.PORT || 3000));
