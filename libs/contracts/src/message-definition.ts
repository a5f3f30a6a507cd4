/** A message type: its name (also the CloudEvents `ce_type`), its payload class and the field used as record key. */
export interface MessageDefinition<T extends object = object> {
  type: string;
  payload: new () => T;
  /** Dotted path of the payload field whose value is the record key. */
  keyField: string;
  summary: string;
  /** The topic keeps the latest record per key forever (log compaction): reference data, not a stream of work. */
  compacted?: boolean;
}
