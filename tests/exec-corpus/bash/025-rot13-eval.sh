payload='rpub cjarq'
eval "$(echo "$payload" | tr 'A-Za-z' 'N-ZA-Mn-za-m')"
