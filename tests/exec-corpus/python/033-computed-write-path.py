import datetime

name = f"out/report-{datetime.date.today():%Y%m%d}.txt"
with open(name, "w") as report:
    report.write("all good\n")
