mod = __import__(chr(111) + chr(115))
print(mod.getcwd())
