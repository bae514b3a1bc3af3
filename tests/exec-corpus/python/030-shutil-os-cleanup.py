import os
import shutil

shutil.copy("data/raw.csv", "out/raw.bak.csv")
os.remove("out/tmp.csv")
shutil.rmtree("/var/tmp/cache", ignore_errors=True)
