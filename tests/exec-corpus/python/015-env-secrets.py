import os

token = os.environ["GITHUB_TOKEN"]
database = os.getenv("DATABASE_URL", "sqlite:///local.db")
print(len(token), database.split(":")[0])
