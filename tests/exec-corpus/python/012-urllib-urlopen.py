import json
from urllib.request import urlopen

with urlopen("https://pypi.org/pypi/numpy/json") as response:
    info = json.load(response)
print(info["info"]["version"])
