grep -h "ERROR" data/logs/*.log \
  | awk '{print $5}' \
  | sort | uniq -c | sort -rn \
  | head -20 > out/top-errors.txt
