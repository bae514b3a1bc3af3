wget -q -O out/page.html https://example.com/index.html
grep -c "<a " out/page.html
