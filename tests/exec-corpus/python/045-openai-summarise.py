import os
from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
with open("data/notes.md", encoding="utf-8") as fh:
    notes = fh.read()
reply = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": f"Summarise:\n{notes}"}],
)
with open("out/summary.md", "w", encoding="utf-8") as fh:
    fh.write(reply.choices[0].message.content)
