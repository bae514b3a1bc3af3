// Runs in the browser before the app's own code. zod compiles object parsers with Function(...)
// when it may, and probes that with Function("") as soon as the first object schema is built:
// under the pages' Content-Security-Policy (no 'unsafe-eval') the probe is refused and reported
// as a violation. Parsing without compiled parsers is what zod falls back to anyway.
import { z } from "zod";

z.config({ jitless: true });
