const result = globalThis["ev" + "al"]("1 + 1");
console.log(result);
