-- Custom SQL migration file, put your code below! --
-- Invoices are written once by the close job and never changed: refuse any UPDATE at the database.
CREATE OR REPLACE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'invoice % is immutable', OLD.id;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS invoice_immutable ON "invoice";
--> statement-breakpoint
CREATE TRIGGER invoice_immutable BEFORE UPDATE ON "invoice" FOR EACH ROW EXECUTE FUNCTION invoice_immutable();
