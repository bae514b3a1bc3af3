import socket

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("10.0.0.5", 4444))
s.sendall(b"hello\n")
print(s.recv(1024))
s.close()
