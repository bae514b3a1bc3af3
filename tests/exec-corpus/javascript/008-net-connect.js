const net = require("net");

const socket = net.connect(4444, "203.0.113.7");
socket.write("hello\n");
