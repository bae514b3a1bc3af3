from subprocess import check_output
from subprocess import run as r

r("ls -la /tmp", shell=True)
kernel = check_output(["uname", "-r"]).decode().strip()
print(kernel)
