// pglite-prisma-adapter reports constraint violations as generic "postgres" errors, so Prisma
// cannot give them codes (P2002 ...). This wraps the adapter and maps PostgreSQL SQLSTATEs the
// way @prisma/adapter-pg does, so domain code sees the same errors on both databases.
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

export function withSqlStateErrors(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return wrap(factory);
}
