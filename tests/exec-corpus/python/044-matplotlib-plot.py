import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_parquet("data/metrics.parquet")
ax = df.plot(x="day", y=["p50", "p99"], figsize=(8, 4))
ax.set_ylabel("ms")
plt.savefig("out/latency.png", dpi=120)
