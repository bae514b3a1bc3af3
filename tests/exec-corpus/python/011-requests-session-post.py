import requests

session = requests.Session()
session.headers.update({"Content-Type": "application/json"})
payload = {"text": "Nightly job finished"}
session.post("https://hooks.slack.com/services/T000/B000/XXXX", json=payload, timeout=5)
