import os as o

cache = "/tmp/cache"
o.system(f"rm -rf {cache}")
print("cache cleared")
