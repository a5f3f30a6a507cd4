import { Connection } from 'mongoose';
import { isDuplicateKeyError } from './errors';

/**
 * Next value of a named sequence (e.g. case numbers per year), in the service's `counters` collection.
 *
 * Each value is claimed by inserting a document `<name>#<value>`: the unique `_id` makes the claim atomic on every
 * store, where an `$inc` is not (FerretDB 1.x applies updates as read-modify-write, so concurrent increments get
 * lost and concurrent upserts fail). The document `<name>` only remembers the highest value claimed, as the place
 * to start the next claim. It may lag behind under concurrency, never ahead: every value up to it is already
 * claimed, so a claim that collides simply tries the next value, and the values claimed are always 1..n.
 * The claim documents must stay: removing one would let its value be issued again.
 */
export async function nextSequence(connection: Connection, name: string): Promise<number> {
  const counters = connection.collection<{ _id: string; value: number }>('counters');
  const highest = await counters.findOne({ _id: name });
  for (let value = (highest?.value ?? 0) + 1; ; value++) {
    try {
      await counters.insertOne({ _id: `${name}#${value}`, value });
    } catch (error) {
      if (isDuplicateKeyError(error)) continue; // claimed by another caller: try the next one
      throw error;
    }
    await counters.updateOne({ _id: name }, { $max: { value } }, { upsert: true }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error; // another caller created it at the same moment; it is only a hint
    });
    return value;
  }
}
