import { createHash } from 'crypto';

/**
 * A deterministic message id (UUID-shaped) from stable parts: the same cause always yields the same id, so a
 * message re-published after a redelivery or a crash is recognisably the same message.
 */
export function deterministicId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
