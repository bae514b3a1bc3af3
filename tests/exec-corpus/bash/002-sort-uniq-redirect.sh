#!/usr/bin/env bash
sort data/names.txt | uniq -c | sort -rn > out/counts.txt
head -n 5 out/counts.txt
