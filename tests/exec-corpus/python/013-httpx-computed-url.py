import httpx

host = input("host: ")
url = f"https://{host}/api/health"
print(httpx.get(url).status_code)
