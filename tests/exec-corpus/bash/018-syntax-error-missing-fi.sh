if [ -f data/x.txt ]; then
  cat data/x.txt
