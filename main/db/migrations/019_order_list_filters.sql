-- 019: indexes for the orders list's dashboard filters (core/domain/analytics.ts).
--
-- An assignee's orders newest first, with the id as the tie-break the list pages by, so a page
-- after a cursor starts inside the index (015's orders_by_assignee lacks the id and sorts).
CREATE INDEX orders_live_by_assignee_date ON orders(assignee_id, order_date DESC, id DESC) WHERE deleted = 0;
-- Vehicles by origin as the filter compares it (lower(trim()), originKey for ASCII names): a
-- rare origin's orders are found from their vehicles instead of walking every order by date.
CREATE INDEX vehicles_by_origin_key ON vehicles(lower(trim(origin_country)));
