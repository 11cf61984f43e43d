-- The send rate shared by every instance: one row per bot, holding the earliest moment the next
-- message may go out. A sender reserves a slot by moving it on by one interval; Telegram's
-- retry_after moves it past the wait for every instance at once (src/digest/shared-pace.ts).
-- Digest jobs themselves live in pg-boss's own schema (pgboss), which pg-boss creates and upgrades.
CREATE TABLE send_pace (
  name text PRIMARY KEY,
  next_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
