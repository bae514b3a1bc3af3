import subprocess
import tempfile

with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as tmp:
    tmp.write("SELECT 1;")
proc = subprocess.Popen(["psql", "-f", tmp.name], stdout=subprocess.PIPE)
print(proc.communicate()[0])
