import json


def system(message):
    return message.upper()


def run(steps):
    return [step * 2 for step in steps]


class Store:
    def open(self):
        return {}

    def execute(self, query):
        return query.split()


store = Store()
store.open()
store.execute("select 1")
print(system("ok"), run([1, 2, 3]), json.dumps({"eval": "not a call"}))
