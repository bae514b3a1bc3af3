import json

with open("data/config.json") as f:
    config = json.load(f)

normalised = {key.lower().strip(): value for key, value in config.items() if value is not None}

with open("out/config.normalised.json", "w", encoding="utf-8") as f:
    json.dump(normalised, f, indent=2, sort_keys=True)
print(f"wrote {len(normalised)} keys")
