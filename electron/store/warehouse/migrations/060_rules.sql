-- Warehouse-wide rules (weight tolerances, reasons, inserts, carrier price tables), edited by an admin, every change
-- audited; benches apply a change at once (NOTIFY) over what their config files say.
CREATE TABLE rules (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rules_audit (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  old_value jsonb,
  new_value jsonb NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER rules_changed AFTER INSERT OR UPDATE OR DELETE ON rules
  FOR EACH STATEMENT EXECUTE FUNCTION packbench_master_changed();
