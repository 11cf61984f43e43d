-- Articles: each record as jsonb exactly as lowdb keeps it (meta, and details for full articles),
-- plus the columns queries filter on. Every change takes a number from article_changes, so an
-- instance catches up on others' changes by asking for the numbers above its cursor.
CREATE SEQUENCE article_changes AS bigint;

CREATE TABLE articles (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('article', 'headline')),
  -- As stored (ISO 8601 text); `published` is the same instant, for retention by UTC day.
  published_at text NOT NULL,
  published timestamptz NOT NULL,
  meta jsonb NOT NULL,
  -- paragraphs, summary and digestLine; NULL for headlines.
  details jsonb,
  change_seq bigint NOT NULL DEFAULT nextval('article_changes')
);

CREATE INDEX articles_change_seq ON articles (change_seq);
CREATE INDEX articles_published ON articles (published);

-- Removed ids, numbered from the same sequence, so running instances learn of removals too;
-- entries are pruned after a week (an instance that starts reads the table itself).
CREATE TABLE article_removals (
  change_seq bigint PRIMARY KEY DEFAULT nextval('article_changes'),
  id text NOT NULL,
  removed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX article_removals_removed_at ON article_removals (removed_at);
