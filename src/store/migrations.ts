// The database schema as an ordered list of migrations (PostgreSQL dialect, for PGlite and servers).

export interface Migration {
  /** Applied in ascending order; never renumber or edit one that has shipped. */
  id: number
  name: string
  sql: string
}

const hex64 = `~ '^[0-9a-f]{64}$'`

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'append-only change log',
    sql: `
CREATE TABLE log_entries (
  seq bigint PRIMARY KEY CHECK (seq >= 0),
  recorded_at text NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL,
  source_id text,
  change jsonb NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ${hex64}),
  entry_hash text NOT NULL UNIQUE CHECK (entry_hash ${hex64}),
  leaf_hash text NOT NULL CHECK (leaf_hash ${hex64})
);

-- One row: the next seq and the hash the next entry chains to. Appenders lock it FOR UPDATE.
CREATE TABLE log_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  size bigint NOT NULL CHECK (size >= 0),
  head_hash text NOT NULL CHECK (head_hash ${hex64})
);
INSERT INTO log_head (id, size, head_hash) VALUES (true, 0, repeat('0', 64));

CREATE FUNCTION log_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'log_entries is append-only: % refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER log_entries_append_only BEFORE UPDATE OR DELETE ON log_entries
  FOR EACH ROW EXECUTE FUNCTION log_entries_refuse_change();
CREATE TRIGGER log_entries_no_truncate BEFORE TRUNCATE ON log_entries
  FOR EACH STATEMENT EXECUTE FUNCTION log_entries_refuse_change();

-- The head only moves forward and is never removed.
CREATE FUNCTION log_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'log_head: % refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.size < OLD.size THEN
    RAISE EXCEPTION 'log_head may not move back from % to %', OLD.size, NEW.size
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER log_head_forward_only BEFORE UPDATE OR DELETE ON log_head
  FOR EACH ROW EXECUTE FUNCTION log_head_forward_only();
CREATE TRIGGER log_head_no_truncate BEFORE TRUNCATE ON log_head
  FOR EACH STATEMENT EXECUTE FUNCTION log_entries_refuse_change();
`,
  },
  {
    id: 2,
    name: 'registry projection',
    sql: `
CREATE TABLE sources (
  id text PRIMARY KEY,
  kind text NOT NULL,
  data jsonb NOT NULL,
  log_seq bigint NOT NULL
);

CREATE TABLE frameworks (
  id text PRIMARY KEY,
  jurisdiction text NOT NULL,
  data jsonb NOT NULL,
  log_seq bigint NOT NULL
);

CREATE TABLE entities (
  id text PRIMARY KEY,
  country text NOT NULL,
  data jsonb NOT NULL,
  log_seq bigint NOT NULL
);

CREATE TABLE identities (
  id text PRIMARY KEY,
  entity_id text NOT NULL REFERENCES entities (id),
  kind text NOT NULL,
  fingerprint text,
  data jsonb NOT NULL,
  log_seq bigint NOT NULL
);
CREATE INDEX identities_entity_idx ON identities (entity_id);
CREATE INDEX identities_fingerprint_idx ON identities (fingerprint) WHERE fingerprint IS NOT NULL;

CREATE TABLE authorisations (
  id text PRIMARY KEY,
  entity_id text NOT NULL REFERENCES entities (id),
  framework_id text NOT NULL REFERENCES frameworks (id),
  role text NOT NULL,
  status text NOT NULL,
  data jsonb NOT NULL,
  log_seq bigint NOT NULL
);
CREATE INDEX authorisations_entity_idx ON authorisations (entity_id);
CREATE INDEX authorisations_framework_idx ON authorisations (framework_id);

CREATE TABLE authorisation_status_history (
  authorisation_id text NOT NULL REFERENCES authorisations (id) ON DELETE CASCADE,
  log_seq bigint NOT NULL,
  status text NOT NULL,
  at text NOT NULL,
  PRIMARY KEY (authorisation_id, log_seq)
);

CREATE TABLE recognition_rules (
  id text PRIMARY KEY,
  recognising_framework_id text NOT NULL REFERENCES frameworks (id),
  recognised_framework_id text NOT NULL REFERENCES frameworks (id),
  data jsonb NOT NULL,
  log_seq bigint NOT NULL,
  CHECK (recognising_framework_id <> recognised_framework_id)
);
CREATE INDEX recognition_rules_pair_idx
  ON recognition_rules (recognising_framework_id, recognised_framework_id);
`,
  },
  {
    id: 3,
    name: 'sandbox status lists',
    sql: `
-- The sandbox issuers' Token Status List entries: 0 valid, 1 invalid, 2 suspended (2 bits each).
CREATE TABLE sandbox_status (
  issuer_id text NOT NULL,
  idx integer NOT NULL CHECK (idx >= 0),
  status smallint NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),
  PRIMARY KEY (issuer_id, idx)
);
`,
  },
  {
    id: 4,
    name: 'registry objects by source',
    sql: `
-- An import replaces what the earlier version of its source asserted: it reads those objects by source.
CREATE INDEX frameworks_source_idx ON frameworks ((data->>'sourceId'));
CREATE INDEX entities_source_idx ON entities ((data->>'sourceId'));
CREATE INDEX identities_source_idx ON identities ((data->>'sourceId'));
CREATE INDEX authorisations_source_idx ON authorisations ((data->>'sourceId'));
CREATE INDEX recognition_rules_source_idx ON recognition_rules ((data->>'sourceId'));
`,
  },
  {
    id: 5,
    name: 'scheduled sync lease',
    sql: `
-- One row: which bridge instance runs the scheduled sync, and until when. Instances on one server
-- take it in turn, so a list is fetched once per interval, not once per instance.
CREATE TABLE sync_lease (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  holder text NOT NULL,
  held_until timestamptz NOT NULL
);
`,
  },
]
