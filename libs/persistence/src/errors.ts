/**
 * The duplicate key error: a unique index says this was already written (a redelivery, or a race). MongoDB
 * answers 11000; FerretDB 1.x (local runs) answers code 1 "UNIQUE constraint failed" when an update causes it.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: number; message?: string };
  return code === 11000 || (code === 1 && /UNIQUE constraint failed/.test(message ?? ''));
}
