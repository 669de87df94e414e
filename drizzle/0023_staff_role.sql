-- Staff requests run as scm_staff: the application role's privileges (it is a member of
-- scm_application, and owns nothing) without row-level security, whose every policy lets staff read
-- and write everything anyway ((SELECT scm_viewer_is_staff()) OR ...). Under the policies a staff
-- statement still paid for them: each table read carried the policy's filter, an index-only scan
-- became a heap scan for the partner columns, and the planner did not use the columns' statistics for
-- operators that are not leakproof (comparisons of enums among them), so it misestimated and chose
-- worse joins. The company dashboard took 50 ms in PostgreSQL under the policies and 28 ms as scm_staff
-- on the benchmark's data. Partners, and requests without a viewer, stay scm_application under the
-- policies. Which role a statement takes is chosen with the viewer's settings (src/db/tenancy.ts).
-- BYPASSRLS can only be given by a superuser (before PostgreSQL 16; by a role that has it, since):
-- where the migrating role cannot, scm_staff is made without it, and staff stay under the policies,
-- correct as before, at their cost.
DO $$
BEGIN
  BEGIN
    CREATE ROLE scm_staff NOLOGIN BYPASSRLS IN ROLE scm_application;
  EXCEPTION
    WHEN insufficient_privilege THEN
      RAISE NOTICE 'role % may not create a BYPASSRLS role: scm_staff stays under row-level security', current_user;
      CREATE ROLE scm_staff NOLOGIN NOBYPASSRLS IN ROLE scm_application;
  END;
EXCEPTION
  -- Roles belong to the cluster: another database of it may have created the role already.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT scm_staff TO %I', current_user);
  END IF;
END
$$;
