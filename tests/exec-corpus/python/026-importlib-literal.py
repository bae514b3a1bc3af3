import importlib

yaml = importlib.import_module("yaml")
print(yaml.safe_dump({"ok": True}))
