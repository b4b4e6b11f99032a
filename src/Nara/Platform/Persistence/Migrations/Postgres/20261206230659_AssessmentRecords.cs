using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AssessmentRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessments_crisis_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgeBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedById = table.Column<Guid>(type: "uuid", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Action = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments_crisis_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessments_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstrumentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: false),
                    Occasion = table.Column<int>(type: "integer", nullable: false),
                    Occasions = table.Column<int>(type: "integer", nullable: false),
                    IntervalDays = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentById = table.Column<Guid>(type: "uuid", nullable: false),
                    SentByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Message = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessments_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstrumentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    InstrumentVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AnswersJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Band = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ScalesJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Crisis = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments_responses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_crisis_alerts_ResidentId_RaisedAt",
                table: "assessments_crisis_alerts",
                columns: new[] { "ResidentId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_crisis_alerts_SourceId_Source",
                table: "assessments_crisis_alerts",
                columns: new[] { "SourceId", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessments_crisis_alerts_UnitId_AcknowledgedAt_RaisedAt",
                table: "assessments_crisis_alerts",
                columns: new[] { "UnitId", "AcknowledgedAt", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_requests_ResidentId_Status_OpensAt",
                table: "assessments_requests",
                columns: new[] { "ResidentId", "Status", "OpensAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_requests_SeriesId",
                table: "assessments_requests",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_assessments_requests_UnitId_Status_DueAt",
                table: "assessments_requests",
                columns: new[] { "UnitId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_responses_RequestId",
                table: "assessments_responses",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessments_responses_ResidentId_InstrumentId_AnsweredAt",
                table: "assessments_responses",
                columns: new[] { "ResidentId", "InstrumentId", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_responses_UnitId_InstrumentId_AnsweredAt",
                table: "assessments_responses",
                columns: new[] { "UnitId", "InstrumentId", "AnsweredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessments_crisis_alerts");

            migrationBuilder.DropTable(
                name: "assessments_requests");

            migrationBuilder.DropTable(
                name: "assessments_responses");
        }
    }
}
