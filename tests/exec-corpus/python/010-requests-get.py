import requests

response = requests.get("https://api.github.com/repos/psf/requests", timeout=10)
response.raise_for_status()
repo = response.json()
print(repo["stargazers_count"], "stars")
