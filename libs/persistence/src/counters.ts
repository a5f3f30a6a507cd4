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
 *
 * Within one process the values are handed out from memory (the highest hint is read once per sequence): concurrent
 * callers (the handlers of a batch) each try a value of their own, so a claim is one insert instead of a read, an
 * insert per collision and an update. A collision means another process claimed that value: the hint is read again
 * and the claim moves past it. A value whose insert failed otherwise (store unreachable) is handed out again first,
 * so no value is skipped. The hint is raised after the claim without waiting for it.
 */
interface SequenceState {
  /** The highest value this process handed out (or found claimed). */
  last: number;
  /** Values handed out whose claim failed: given again before new ones. */
  free: number[];
  loaded?: Promise<void>;
}

const sequences = new WeakMap<Connection, Map<string, SequenceState>>();

export async function nextSequence(connection: Connection, name: string): Promise<number> {
  const counters = connection.collection<{ _id: string; value: number }>('counters');
  const byName = sequences.get(connection) ?? new Map<string, SequenceState>();
  sequences.set(connection, byName);
  const state = byName.get(name) ?? { last: 0, free: [] };
  byName.set(name, state);
  const readHint = async () => {
    const highest = await counters.findOne({ _id: name });
    state.last = Math.max(state.last, highest?.value ?? 0);
  };
  state.loaded ??= readHint().catch((error: unknown) => {
    state.loaded = undefined; // read again by the next caller
    throw error;
  });
  await state.loaded;
  for (let collisions = 0; ; collisions++) {
    const value = state.free.length > 0 ? state.free.shift()! : ++state.last;
    try {
      await counters.insertOne({ _id: `${name}#${value}`, value });
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        state.free.push(value);
        state.free.sort((a, b) => a - b);
        throw error;
      }
      if (collisions === 0) await readHint(); // claimed by another process: start past what it claimed
      continue;
    }
    counters.updateOne({ _id: name }, { $max: { value } }, { upsert: true }).catch(() => undefined); // only a hint
    return value;
  }
}
