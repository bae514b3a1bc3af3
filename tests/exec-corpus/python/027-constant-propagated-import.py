name = "subprocess"
sp = __import__(name)
sp.call(["ls", "-l"])
