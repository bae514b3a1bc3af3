// Two gaps of pglite-prisma-adapter, closed the way @prisma/adapter-pg handles them, so domain
// code behaves the same on both databases:
//  - it reports constraint violations as generic "postgres" errors, so Prisma cannot give them
//    codes (P2002 ...): SQLSTATEs are mapped here;
//  - it passes Bytes arguments on as Prisma hands them over (base64 text), which PGlite's bytea
//    serializer refuses: they are decoded here, guided by the query's argTypes.
import { DriverAdapterError, isDriverAdapterError } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

type PostgresCause = { kind: "postgres"; code: string; severity: string; message: string; detail: string | undefined; column: string | undefined; hint: string | undefined };

function fieldsFromDetail(detail: string | undefined): string[] | undefined {
  return detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(", ");
}

function translate(error: unknown): unknown {
  // By name, not instanceof: the adapter and this module may load different copies of the class.
  if (!isDriverAdapterError(error as Error)) return error;
  const cause = (error as DriverAdapterError).cause as PostgresCause | { kind: string };
  if (cause.kind !== "postgres") return error;
  const pg = cause as PostgresCause;
  const original = { originalCode: pg.code, originalMessage: pg.message };
  const fields = fieldsFromDetail(pg.detail);
  switch (pg.code) {
    case "23505":
      return new DriverAdapterError({ ...original, kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined });
    case "23502":
      return new DriverAdapterError({ ...original, kind: "NullConstraintViolation", constraint: fields ? { fields } : undefined });
    case "23503":
      return new DriverAdapterError({ ...original, kind: "ForeignKeyConstraintViolation", constraint: pg.column ? { fields: [pg.column] } : undefined });
    case "40001":
      return new DriverAdapterError({ ...original, kind: "TransactionWriteConflict" });
    case "22001":
      return new DriverAdapterError({ ...original, kind: "LengthMismatch", column: pg.column });
    default:
      // Keep the message (e.g. a RAISE from a database function) where Prisma can report it.
      return new DriverAdapterError({ ...pg, ...original });
  }
}

function wrap<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (property === "queryRaw" || property === "executeRaw") args[0] = withDecodedBytes(args[0] as SqlQuery);
        const result = value.apply(object, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (resolved) => (property === "startTransaction" || property === "connect" ? wrap(resolved) : resolved),
          (error) => {
            throw translate(error);
          },
        );
      };
    },
  });
}

type SqlQuery = { sql: string; args: unknown[]; argTypes?: { scalarType: string }[] };

function withDecodedBytes(query: SqlQuery): SqlQuery {
  if (!query.argTypes?.some((t) => t.scalarType === "bytes")) return query;
  const decode = (value: unknown) => (typeof value === "string" ? Buffer.from(value, "base64") : value);
  const args = query.args.map((arg, i) =>
    query.argTypes![i]?.scalarType === "bytes" ? (Array.isArray(arg) ? arg.map(decode) : decode(arg)) : arg,
  );
  return { ...query, args };
}

export function withPgliteFixes(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return wrap(factory);
}
