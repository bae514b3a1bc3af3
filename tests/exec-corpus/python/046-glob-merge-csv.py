import csv
import glob

rows = []
for path in sorted(glob.glob("data/parts/*.csv")):
    with open(path, newline="") as f:
        rows.extend(csv.DictReader(f))

with open("out/merged.csv", "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=rows[0].keys())
    writer.writeheader()
    writer.writerows(rows)
