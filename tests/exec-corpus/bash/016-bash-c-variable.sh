CMD="ls /"
bash -c "$CMD"
