import json

data = json.loads('{"a": 1}'
print(data["a"])
for key in data
    print(key)
