using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PathwayEnrolments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coordination_pathway_enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PathwayId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrolledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EnrolledBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrolledByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Done = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_pathway_enrolments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_pathway_enrolments_ResidentId_PathwayId",
                table: "coordination_pathway_enrolments",
                columns: new[] { "ResidentId", "PathwayId" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_pathway_enrolments_UnitId_EndedAt",
                table: "coordination_pathway_enrolments",
                columns: new[] { "UnitId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coordination_pathway_enrolments");
        }
    }
}
