from os import environ

api_key = environ.get("OPENAI_API_KEY")
if not api_key:
    raise SystemExit("no key")
print("key loaded")
