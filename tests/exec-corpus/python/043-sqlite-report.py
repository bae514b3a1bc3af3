import sqlite3
from statistics import median

conn = sqlite3.connect("data/app.db")
cursor = conn.execute("SELECT duration_ms FROM requests WHERE day = ?", ("2026-12-01",))
durations = [row[0] for row in cursor.fetchall()]
conn.close()
print("median", median(durations))
