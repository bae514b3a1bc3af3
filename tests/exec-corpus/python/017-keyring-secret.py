import keyring

password = keyring.get_password("smtp", "bot@example.com")
print("have password" if password else "missing")
