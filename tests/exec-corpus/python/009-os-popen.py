import os

usage = os.popen("df -h /").read().splitlines()[1]
print("disk:", usage.split()[4])
