-- An order held, cancelled or refunded reaches the bench that holds it at once: NOTIFY on the status change.
CREATE FUNCTION packbench_intercept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('packbench_intercept',
    json_build_object('orderNo', NEW.order_no, 'status', NEW.status, 'reason', coalesce(NEW.hold_reason, NEW.status))::text);
  RETURN NEW;
END;
$$;

CREATE TRIGGER orders_intercept AFTER UPDATE OF status ON orders
  FOR EACH ROW WHEN (NEW.status IN ('held', 'cancelled') AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION packbench_intercept();
