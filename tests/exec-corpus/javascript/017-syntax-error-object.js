const config = { retries: 3, ;
fetch("https://x.io/ping");
