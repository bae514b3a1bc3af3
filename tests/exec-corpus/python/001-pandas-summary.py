import pandas as pd

sales = pd.read_csv("data/sales.csv", parse_dates=["date"])
sales["month"] = sales["date"].dt.to_period("M")
summary = sales.groupby(["region", "month"])["amount"].agg(["sum", "mean", "count"]).reset_index()
summary = summary.sort_values("sum", ascending=False)
summary.to_csv("out/summary.csv", index=False)
print(summary.head(10).to_string())
