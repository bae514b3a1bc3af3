with open("/etc/passwd") as f:
    users = [line.split(":")[0] for line in f if not line.startswith("#")]
print(users)
