import { RawHeaders } from '@readmission/contracts';

/** What a handler receives for each Kafka record: the raw record and a way to keep the consumer alive. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RawHeaders;
  timestamp: string;
  /** 1 on first delivery to the handler, then 2, 3... while transient errors are retried. */
  attempt: number;
  /** Tells the group coordinator the consumer is alive; call it during long work. */
  heartbeat(): Promise<void>;
}
