import { Connection } from 'mongoose';

/** Next value of a named sequence (e.g. case numbers per year), atomically, in the service's `counters` collection. */
export async function nextSequence(connection: Connection, name: string): Promise<number> {
  const result = await connection
    .collection<{ _id: string; value: number }>('counters')
    .findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' });
  if (!result) throw new Error(`sequence ${name} could not be incremented`);
  return result.value;
}
