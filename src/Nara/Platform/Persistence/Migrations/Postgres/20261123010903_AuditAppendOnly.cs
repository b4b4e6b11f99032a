using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is evidence (PDL): the database itself refuses to change or delete an event,
            // whatever path the statement takes (EF bulk operations, raw SQL). TRUNCATE is refused as well.
            migrationBuilder.Sql("""
                CREATE FUNCTION access_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$;
                CREATE TRIGGER access_audit_events_no_change BEFORE UPDATE OR DELETE ON access_audit_events
                FOR EACH ROW EXECUTE FUNCTION access_audit_events_append_only();
                CREATE TRIGGER access_audit_events_no_truncate BEFORE TRUNCATE ON access_audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION access_audit_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS access_audit_events_no_truncate ON access_audit_events;
                DROP TRIGGER IF EXISTS access_audit_events_no_change ON access_audit_events;
                DROP FUNCTION IF EXISTS access_audit_events_append_only();
                """);
        }
    }
}
