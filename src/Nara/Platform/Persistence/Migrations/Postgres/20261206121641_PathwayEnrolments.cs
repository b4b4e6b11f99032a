using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PathwayId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrolledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EnrolledBy = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrolledByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Done = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
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
