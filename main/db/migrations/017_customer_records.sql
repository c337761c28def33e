-- 017: customer records. A customer's type, segments, tax id, extra contacts and addresses, and
-- the customer it was merged into; normalised e-mail and phone for duplicate look-ups; segments
-- indexed in their own table so lists filter by one without reading every row's JSON.
ALTER TABLE customers ADD COLUMN type TEXT NOT NULL DEFAULT 'private' CHECK (type IN ('private', 'dealer', 'fleet'));
ALTER TABLE customers ADD COLUMN segments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(segments) AND json_type(segments) = 'array');
ALTER TABLE customers ADD COLUMN tax_id TEXT;
ALTER TABLE customers ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contacts) AND json_type(contacts) = 'array');
ALTER TABLE customers ADD COLUMN addresses TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(addresses) AND json_type(addresses) = 'array');
ALTER TABLE customers ADD COLUMN merged_into TEXT;

-- Derived from the stored values, so every writer (services, pull, merge) keeps them right and
-- existing rows are backfilled by definition. New writes store phones in E.164 already; an older
-- row written "+64 21 555 0101" reads as +64215550101; one without a country code has none until
-- it is next saved (the app then normalises it with the office's default region).
ALTER TABLE customers ADD COLUMN email_normalized TEXT
  GENERATED ALWAYS AS (CASE WHEN email IS NULL OR trim(email) = '' THEN NULL ELSE lower(trim(email)) END) VIRTUAL;
ALTER TABLE customers ADD COLUMN phone_e164 TEXT
  GENERATED ALWAYS AS (
    CASE WHEN phone IS NOT NULL AND trim(phone) LIKE '+%'
      THEN '+' || replace(replace(replace(replace(replace(replace(trim(phone), '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')
    END
  ) VIRTUAL;

CREATE INDEX customers_by_email ON customers(email_normalized) WHERE email_normalized IS NOT NULL AND deleted = 0;
CREATE INDEX customers_by_phone ON customers(phone_e164) WHERE phone_e164 IS NOT NULL AND deleted = 0;

-- One row per (customer, segment); `segment_key` is the tag lower-cased (segments are unique ignoring case).
CREATE TABLE customer_segments (
  customer_id  TEXT NOT NULL REFERENCES customers(id),
  segment_key  TEXT NOT NULL,
  segment      TEXT NOT NULL,
  PRIMARY KEY (customer_id, segment_key)
) STRICT;
CREATE INDEX customer_segments_by_segment ON customer_segments(segment_key, customer_id);

-- Kept in step with customers.segments by triggers, whoever writes the row.
CREATE TRIGGER customer_segments_on_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customer_segments (customer_id, segment_key, segment)
    SELECT NEW.id, lower(trim(value)), trim(value) FROM json_each(NEW.segments) WHERE true
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER customer_segments_on_update AFTER UPDATE OF segments ON customers BEGIN
  DELETE FROM customer_segments WHERE customer_id = NEW.id;
  INSERT INTO customer_segments (customer_id, segment_key, segment)
    SELECT NEW.id, lower(trim(value)), trim(value) FROM json_each(NEW.segments) WHERE true
    ON CONFLICT DO NOTHING;
END;
