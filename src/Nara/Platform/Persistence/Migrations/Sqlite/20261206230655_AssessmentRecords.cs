using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgeBy = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments_crisis_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessments_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SeriesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Occasion = table.Column<int>(type: "INTEGER", nullable: false),
                    Occasions = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentById = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OpensAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessments_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    InstrumentVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Band = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ScalesJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Crisis = table.Column<bool>(type: "INTEGER", nullable: false)
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
