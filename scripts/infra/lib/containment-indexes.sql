-- Indexes FerretDB 1.x's PostgreSQL handler can use (applied by scripts/infra/postgres.sh to the `ferretdb`
-- database at every start; idempotent).
--
-- FerretDB builds a collection's indexes as btree indexes on `_jsonb -> 'field'`, but it pushes an equality down
-- as containment, `_jsonb -> 'field' @> '"value"'`, which a btree cannot serve: every find by `_id`, every inbox
-- and outbox look-up and every guarded update read the whole table, so each got slower as the table grew (36 ms
-- per `_id` look-up on 4,300 inbound messages, and rising). A GIN index (jsonb_path_ops) on the same expressions
-- serves containment. An event trigger gives every index FerretDB creates such a twin, named c_<md5 of its name>;
-- the backfill below gives one to the indexes created before this file existed.
--
-- FerretDB passes the field name as a statement parameter, so only a custom plan (parameters substituted) matches
-- the index's expression: plan_cache_mode = force_custom_plan for the database.
--
-- Only the local store has this; production runs MongoDB, whose own indexes serve the same queries.

SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION readmission_containment_twin(index_oid oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  ix record;
  columns text;
BEGIN
  SELECT i.indrelid::regclass AS tbl, c.relname AS name, am.amname AS method, i.indnatts AS natts
    INTO ix
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am am ON am.oid = c.relam
   WHERE i.indexrelid = index_oid;
  -- Only FerretDB's btree indexes on top-level fields (`(_jsonb -> 'field'::text)`); never a twin of a twin.
  IF ix IS NULL OR ix.method <> 'btree' OR ix.name LIKE 'c\_%' THEN
    RETURN;
  END IF;
  SELECT string_agg(pg_get_indexdef(index_oid, k, true) || ' jsonb_path_ops', ', ' ORDER BY k)
    INTO columns
    FROM generate_series(1, ix.natts) AS k
   WHERE pg_get_indexdef(index_oid, k, true) ~ '^\(_jsonb -> ''[^'']+''::text\)$';
  IF columns IS NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s)', 'c_' || md5(ix.name), ix.tbl, columns);
END;
$$;

CREATE OR REPLACE FUNCTION readmission_containment_twins_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM readmission_containment_twin(command.objid);
  END LOOP;
END;
$$;

DROP EVENT TRIGGER IF EXISTS readmission_containment_twins;
CREATE EVENT TRIGGER readmission_containment_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION readmission_containment_twins_on_create();

-- The indexes that were there before.
SELECT count(readmission_containment_twin(i.indexrelid))
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relname NOT LIKE 'c\_%';

ALTER DATABASE ferretdb SET plan_cache_mode = force_custom_plan;
