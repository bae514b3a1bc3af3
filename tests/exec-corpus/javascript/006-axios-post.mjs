import axios from "axios";

await axios.post("https://hooks.example.com/notify", { status: "done" });
