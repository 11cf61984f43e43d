-- Chats, conversation state and the feeds: each record as jsonb exactly as the lowdb files hold
-- it, plus the columns queries filter or order by.

-- version: from one sequence, raised on every write, so an instance's copy never goes back to
-- an older read of a row (see src/store/pg/chat-store.ts).
CREATE SEQUENCE chat_versions;
CREATE TABLE chats (
  chat_id bigint PRIMARY KEY,
  record jsonb NOT NULL,
  subscribed boolean GENERATED ALWAYS AS (record ? 'subscription' AND NOT record ? 'inactive') STORED,
  version bigint NOT NULL DEFAULT nextval('chat_versions'),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chats_subscribed ON chats (chat_id) WHERE subscribed;

-- grammY conversations v2 state, one row per conversation key; saved_at in ms since the epoch
-- (as conversations.json's savedAt), for pruning states nobody came back to.
CREATE TABLE conversations (
  key text PRIMARY KEY,
  state jsonb NOT NULL,
  saved_at bigint NOT NULL
);
CREATE INDEX conversations_saved_at ON conversations (saved_at);

-- The operator's feed list, in the order the feeds were added.
CREATE TABLE feeds (
  position bigint GENERATED ALWAYS AS IDENTITY,
  url text PRIMARY KEY,
  source jsonb NOT NULL
);
CREATE UNIQUE INDEX feeds_position ON feeds (position);

-- What the poller knows about each feed.
CREATE TABLE feed_state (
  url text PRIMARY KEY,
  state jsonb NOT NULL
);
