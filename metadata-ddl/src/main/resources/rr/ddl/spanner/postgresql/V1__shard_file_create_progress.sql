-- Reader progress: per (run, shard), how far the window files are final.
-- ${suffix} is replaced by '' or by '_<metadataTableSuffix>'. See docs/metadata-tables.md.
CREATE TABLE "shard_file_create_progress${suffix}" (
  -- The runIdentifier (spanner_to_gcs_metadata.run_id).
  run_id VARCHAR NOT NULL,
  -- Logical shard id from the shards file.
  shard VARCHAR NOT NULL,
  -- End of the latest window such that every window of this shard ending at or before it is
  -- final: its file exists if the window had data, and will never change. Never moves back.
  created_upto TIMESTAMPTZ NOT NULL,
  -- Commit time of the latest advance of created_upto.
  updated_at SPANNER.COMMIT_TIMESTAMP NOT NULL,
  PRIMARY KEY (run_id, shard)
)
