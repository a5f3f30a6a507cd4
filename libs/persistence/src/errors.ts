/**
 * The duplicate key error: a unique index says this was already written (a redelivery, or a race). MongoDB
 * answers 11000; FerretDB 1.x (local runs) answers code 1 when an update causes it, with its backend's message:
 * SQLite's "UNIQUE constraint failed", PostgreSQL's unique_violation (SQLSTATE 23505).
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: number; message?: string };
  return code === 11000 || (code === 1 && /UNIQUE constraint failed|SQLSTATE 23505/.test(message ?? ''));
}

/**
 * Inserts a document whose _id names a one-time effect (an alert, an expiry, a claim); true for the one caller
 * that inserted it, false for everyone else. A unique-key insert is the one write every store applies
 * atomically (FerretDB 1.x does not apply concurrent conditional updates atomically), so this is how the
 * platform does "exactly once" across instances.
 */
export async function insertOnce(
  model: { create(doc: object): Promise<unknown> },
  doc: { _id: string } & Record<string, unknown>,
): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
