import json
from pathlib import Path

items = json.loads(Path("data/items.json").read_text(encoding="utf-8"))
rows = [f"{item['id']},{item['name']},{item['price']:.2f}" for item in items]
out = Path("out") / "items.csv"
out.write_text("id,name,price\n" + "\n".join(rows) + "\n")
print(f"{len(rows)} rows")
