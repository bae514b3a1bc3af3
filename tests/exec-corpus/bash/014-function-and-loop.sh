greet() {
  echo "hello $1"
}
greet world
for f in data/*.json; do
  jq '.id' "$f"
done
