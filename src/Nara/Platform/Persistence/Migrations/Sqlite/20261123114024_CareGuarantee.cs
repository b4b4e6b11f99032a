using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareGuarantee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "careguarantee_clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    StoppedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StopDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StoppedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    StopReference = table.Column<Guid>(type: "TEXT", nullable: true),
                    Exemption = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ExemptionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ExemptionBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExemptionByName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ExemptionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_careguarantee_clocks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_careguarantee_clocks_ResidentId_UnitId",
                table: "careguarantee_clocks",
                columns: new[] { "ResidentId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_careguarantee_clocks_SourceId_Kind",
                table: "careguarantee_clocks",
                columns: new[] { "SourceId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_careguarantee_clocks_StopReference",
                table: "careguarantee_clocks",
                column: "StopReference");

            migrationBuilder.CreateIndex(
                name: "IX_careguarantee_clocks_UnitId_StartDate",
                table: "careguarantee_clocks",
                columns: new[] { "UnitId", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "careguarantee_clocks");
        }
    }
}
