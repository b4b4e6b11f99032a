using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageBookFromResult : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Assessments made before "for someone else": a guardian answered for a child when the answerer is not the subject.
            // Here rather than in TriageForSomeoneElse, whose table rebuild on SQLite runs last.
            migrationBuilder.Sql("UPDATE triage_assessments SET \"For\" = 'Child' WHERE \"SubjectId\" <> \"AnsweredBy\"");

            migrationBuilder.AddColumn<Guid>(
                name: "AppointmentId",
                table: "triage_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResidentRepliedAt",
                table: "triage_cases",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AppointmentId",
                table: "triage_cases");

            migrationBuilder.DropColumn(
                name: "ResidentRepliedAt",
                table: "triage_cases");
        }
    }
}
