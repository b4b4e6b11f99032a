using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    StoppedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StopDate = table.Column<DateOnly>(type: "date", nullable: true),
                    StoppedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    StopReference = table.Column<Guid>(type: "uuid", nullable: true),
                    Exemption = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ExemptionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ExemptionBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ExemptionByName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ExemptionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
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
