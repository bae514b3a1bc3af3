import math
import statistics


def zscores(values):
    mean = statistics.mean(values)
    stdev = statistics.pstdev(values) or 1.0
    return [(v - mean) / stdev for v in values]


samples = [12.5, 13.1, 9.8, 15.2, 11.0, 14.4]
scores = zscores(samples)
outliers = [s for s, z in zip(samples, scores) if abs(z) > 1.5]
print("geometric mean:", math.exp(sum(math.log(s) for s in samples) / len(samples)))
print("outliers:", outliers)
