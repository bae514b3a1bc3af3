count=$(ls data | wc -l)
echo "files: $count"
