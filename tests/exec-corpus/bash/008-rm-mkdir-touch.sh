rm -rf out/tmp
mkdir -p out/tmp
touch out/tmp/.keep
