cat data/app.log | tee out/app.copy.log
dd if=/dev/zero of=out/blank.img bs=1M count=1
