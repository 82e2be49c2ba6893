-- Order feeds: where each feed's pull goes on from, written in the transaction of the page that led there.
CREATE TABLE feed_cursors (
  name TEXT PRIMARY KEY,
  cursor TEXT,
  updated_at TEXT NOT NULL
) STRICT;
