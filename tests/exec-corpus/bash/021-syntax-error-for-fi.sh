for f in data/*.txt; do
  cat "$f"
fi
rm -f out/old.txt
