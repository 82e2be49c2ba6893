-- A user added or changed anywhere reaches every bench at once (the half-minute pull stays as the fallback).
CREATE FUNCTION packbench_master_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('packbench_master', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION packbench_master_changed();
