source = open("data/plugin.py").read()
namespace = {}
exec(compile(source, "plugin.py", "exec"), namespace)
print(namespace.get("VERSION"))
