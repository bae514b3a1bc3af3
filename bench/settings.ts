// The bench's settings, read from the environment, and its targets.
function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be a whole number ≥ ${min} (got '${raw}')`);
    process.exit(2);
  }
  return value;
}

export const DURATION = intEnv("BENCH_DURATION", 10);
export const CONNECTIONS = intEnv("BENCH_CONNECTIONS", 50);
export const BATCH_CONNECTIONS = intEnv("BENCH_BATCH_CONNECTIONS", 4);
export const WARMUP = intEnv("BENCH_WARMUP", 3, 0);
export const BATCH_SIZE = 1000;
export const ROUTE_FILTER = (process.env.BENCH_ROUTES ?? "")
  .split(",")
  .map((part) => part.trim().toLowerCase())
  .filter(Boolean);
export const selected = (name: string) => ROUTE_FILTER.length === 0 || ROUTE_FILTER.some((part) => name.toLowerCase().includes(part));
export const HOT_ROUTE_TARGET = 0.6; // × baseline req/s
export const BATCH_TARGET = 20_000; // events/s

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
