const res = await fetch("https://api.openai.com/v1/models", {
  headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
});
const { data } = await res.json();
console.log(data.map((m) => m.id));
