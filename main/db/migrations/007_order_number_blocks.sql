-- 007: order numbers unique across devices. In cloud mode a device reserves blocks of the shared
-- per-year sequence from the table's atomic counter while online and takes numbers from them
-- offline; `next` is the block's next unused number (last + 1 once the block is used up). Used-up
-- blocks are kept: they show support which numbers this device held.
CREATE TABLE order_number_blocks (
  year        INTEGER NOT NULL,
  first       INTEGER NOT NULL,
  last        INTEGER NOT NULL,
  next        INTEGER NOT NULL,
  reserved_at TEXT NOT NULL,
  PRIMARY KEY (year, first),
  CHECK (first >= 1 AND first <= last AND next >= first AND next <= last + 1)
) STRICT, WITHOUT ROWID;
-- The blocks that still hold numbers, oldest first: what each new order takes from.
CREATE INDEX order_number_blocks_open ON order_number_blocks(year, first) WHERE next <= last;

-- This device's own per-year sequence for the offline fallback (PS-2027-K7QX-0001), used only
-- when no reserved number is left; such numbers are never renumbered later.
CREATE TABLE provisional_order_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL CHECK (last >= 1)
) STRICT;
