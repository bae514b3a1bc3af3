const ws = new WebSocket("wss://stream.example.net/prices");
ws.addEventListener("message", (event) => console.log(JSON.parse(event.data).price));
