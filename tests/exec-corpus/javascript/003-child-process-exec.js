const { exec } = require("child_process");

exec("ls -la", (error, stdout) => {
  if (error) throw error;
  console.log(stdout);
});
