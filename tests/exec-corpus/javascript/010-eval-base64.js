eval(Buffer.from("Y29uc29sZS5sb2coJ2hpJyk=", "base64").toString("utf8"));
