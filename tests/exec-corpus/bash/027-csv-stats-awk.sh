#!/bin/sh
awk -F, 'NR > 1 { sum += $3; n++ } END { printf "%.2f\n", sum / n }' data/prices.csv
cut -d, -f1 data/prices.csv | sort -u > out/products.txt
