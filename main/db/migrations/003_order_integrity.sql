-- 003: order integrity. Stage events can be retracted (kept, marked, with who, when and why);
-- a cancelled order keeps each vehicle's stage as it was at cancellation, since its vehicles are
-- free to join other orders and move on.

ALTER TABLE vehicle_stage_events ADD COLUMN retracted_at TEXT;
ALTER TABLE vehicle_stage_events ADD COLUMN retracted_by TEXT;
ALTER TABLE vehicle_stage_events ADD COLUMN retract_reason TEXT;

-- JSON {"stages": {"<vehicleId>": "<stage>", ...}} for Cancelled orders, written with the cancellation.
ALTER TABLE orders ADD COLUMN cancel_snapshot TEXT;

-- Orders cancelled before this version: the best record left is their vehicles' stages now,
-- marked approximate (shown, but not used to check the order's stored counts).
UPDATE orders SET cancel_snapshot = (
  SELECT json_object('stages', json_group_object(l.vehicle_id, v.stage), 'approximate', json('true'))
  FROM order_vehicles l JOIN vehicles v ON v.id = l.vehicle_id
  WHERE l.order_id = orders.id AND l.status != 'Removed'
) WHERE status = 'Cancelled';
