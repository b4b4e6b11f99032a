using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is evidence (PDL): the database itself refuses to change or delete an event,
            // whatever path the statement takes (EF bulk operations, raw SQL).
            migrationBuilder.Sql("""
                CREATE TRIGGER access_audit_events_no_update BEFORE UPDATE ON access_audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER access_audit_events_no_delete BEFORE DELETE ON access_audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS access_audit_events_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS access_audit_events_no_delete;");
        }
    }
}
