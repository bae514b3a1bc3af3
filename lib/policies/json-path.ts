// Reads and rewrites a parameter by path (`amount`, `args.table`, `items[0].url`).
type Step = string | number;

export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  for (const part of path.split(".")) {
    const [name, ...indexes] = part.split("[");
    steps.push(name!);
    for (const index of indexes) steps.push(Number(index.slice(0, -1)));
  }
  return steps;
}

export function getAt(value: unknown, steps: Step[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== "object") return undefined;
    if (typeof step === "number" ? !Array.isArray(current) : Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** A copy of value with the value at steps replaced (nothing happens when the path is absent). */
export function setAt<T>(value: T, steps: Step[], replacement: unknown): T {
  if (steps.length === 0 || value === null || typeof value !== "object") return value;
  const [step, ...rest] = steps;
  const container = value as Record<string | number, unknown>;
  if (!Object.hasOwn(container, step!)) return value;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
  copy[step!] = rest.length === 0 ? replacement : setAt(container[step!], rest, replacement);
  return copy as T;
}
