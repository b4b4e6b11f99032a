using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monitoring_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasurementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HandleBy = table.Column<long>(type: "INTEGER", nullable: false),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_limits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Component = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetLow = table.Column<double>(type: "REAL", nullable: true),
                    TargetHigh = table.Column<double>(type: "REAL", nullable: true),
                    AlarmLow = table.Column<double>(type: "REAL", nullable: true),
                    AlarmHigh = table.Column<double>(type: "REAL", nullable: true),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_limits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_measurements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Value2 = table.Column<double>(type: "REAL", nullable: true),
                    MeasuredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_measurements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_alerts_ResidentId_RaisedAt",
                table: "monitoring_alerts",
                columns: new[] { "ResidentId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_alerts_UnitId_HandledAt_RaisedAt",
                table: "monitoring_alerts",
                columns: new[] { "UnitId", "HandledAt", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_limits_ResidentId_Measure_Component",
                table: "monitoring_limits",
                columns: new[] { "ResidentId", "Measure", "Component" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_measurements_ResidentId_Measure_MeasuredAt",
                table: "monitoring_measurements",
                columns: new[] { "ResidentId", "Measure", "MeasuredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monitoring_alerts");

            migrationBuilder.DropTable(
                name: "monitoring_limits");

            migrationBuilder.DropTable(
                name: "monitoring_measurements");
        }
    }
}
