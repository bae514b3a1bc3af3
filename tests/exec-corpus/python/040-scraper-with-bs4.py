import time
import urllib.parse

import requests
from bs4 import BeautifulSoup

BASE = "https://news.ycombinator.com/"
titles = []
for page in range(1, 3):
    html = requests.get(urllib.parse.urljoin(BASE, f"news?p={page}"), timeout=10).text
    soup = BeautifulSoup(html, "html.parser")
    titles += [a.get_text() for a in soup.select(".titleline > a")]
    time.sleep(1)

with open("out/titles.txt", "w") as f:
    f.write("\n".join(titles))
