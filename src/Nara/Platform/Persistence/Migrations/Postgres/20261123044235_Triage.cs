using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "triage_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnsweredBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    KnowledgeVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SearchText = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AgeMonths = table.Column<int>(type: "integer", nullable: false),
                    Sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AnswersJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CareLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RuleId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triage_assessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "triage_case_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStaff = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triage_case_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "triage_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    EngineUrgency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SummaryJson = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    ResidentMessage = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SentBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssignedTo = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstContactAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CallbackAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CallbackChannel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClinicianUrgency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ClosingNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triage_cases", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_triage_assessments_SubjectId_StartedAt",
                table: "triage_assessments",
                columns: new[] { "SubjectId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_triage_case_messages_CaseId_At",
                table: "triage_case_messages",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_triage_cases_AssessmentId",
                table: "triage_cases",
                column: "AssessmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_triage_cases_ResidentId_CreatedAt",
                table: "triage_cases",
                columns: new[] { "ResidentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_triage_cases_UnitId_Status_CreatedAt",
                table: "triage_cases",
                columns: new[] { "UnitId", "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "triage_assessments");

            migrationBuilder.DropTable(
                name: "triage_case_messages");

            migrationBuilder.DropTable(
                name: "triage_cases");
        }
    }
}
