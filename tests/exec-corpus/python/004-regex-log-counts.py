import re
from collections import Counter

pattern = re.compile(r'^(\S+) \S+ \S+ \[[^\]]+\] "(GET|POST) (\S+)')
hits = Counter()
with open("data/access.log", encoding="utf-8") as log:
    for line in log:
        match = pattern.match(line)
        if match:
            hits[match.group(3)] += 1

for path, count in hits.most_common(5):
    print(f"{count:6d} {path}")
