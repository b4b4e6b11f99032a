using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MentalHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mentalhealth_enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ProgrammeVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                    TherapistName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ThreadId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentalhealth_enrolments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mentalhealth_episodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FirstAssessmentDue = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstAssessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstAssessedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Step = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    StepSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CloseNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentalhealth_episodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mentalhealth_module_work",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ModuleId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Homework = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentalhealth_module_work", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mentalhealth_step_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromStep = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Step = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProposedStep = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Proposal = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentalhealth_step_decisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mentalhealth_enrolments_ResidentId_StartedAt",
                table: "mentalhealth_enrolments",
                columns: new[] { "ResidentId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mentalhealth_enrolments_ThreadId",
                table: "mentalhealth_enrolments",
                column: "ThreadId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mentalhealth_episodes_ResidentId_OpenedAt",
                table: "mentalhealth_episodes",
                columns: new[] { "ResidentId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mentalhealth_episodes_UnitId_ClosedAt_FirstAssessmentDue",
                table: "mentalhealth_episodes",
                columns: new[] { "UnitId", "ClosedAt", "FirstAssessmentDue" });

            migrationBuilder.CreateIndex(
                name: "IX_mentalhealth_module_work_EnrolmentId_ModuleId",
                table: "mentalhealth_module_work",
                columns: new[] { "EnrolmentId", "ModuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mentalhealth_step_decisions_EpisodeId_DecidedAt",
                table: "mentalhealth_step_decisions",
                columns: new[] { "EpisodeId", "DecidedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mentalhealth_enrolments");

            migrationBuilder.DropTable(
                name: "mentalhealth_episodes");

            migrationBuilder.DropTable(
                name: "mentalhealth_module_work");

            migrationBuilder.DropTable(
                name: "mentalhealth_step_decisions");
        }
    }
}
