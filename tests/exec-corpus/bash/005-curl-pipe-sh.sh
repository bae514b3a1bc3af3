curl -fsSL https://get.docker.com | sh
