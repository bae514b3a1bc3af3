env | grep -i aws > out/env.txt
