using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareTeamsAndSharingConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_sharing_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GivenBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    GivenByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    WithdrawnByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_sharing_consents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_care_team_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: true),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EndedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_care_team_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_fixed_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: true),
                    AssignedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_fixed_contacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_sharing_consents_in_force",
                table: "access_sharing_consents",
                columns: new[] { "ResidentId", "Direction" },
                unique: true,
                filter: "\"WithdrawnAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_care_team_members_ResidentId_To",
                table: "coordination_care_team_members",
                columns: new[] { "ResidentId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_care_team_members_UnitId_To_ResidentId",
                table: "coordination_care_team_members",
                columns: new[] { "UnitId", "To", "ResidentId" });

            migrationBuilder.CreateIndex(
                name: "ix_coordination_fixed_contacts_current",
                table: "coordination_fixed_contacts",
                columns: new[] { "ResidentId", "Kind" },
                unique: true,
                filter: "\"To\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_fixed_contacts_StaffId_To",
                table: "coordination_fixed_contacts",
                columns: new[] { "StaffId", "To" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_sharing_consents");

            migrationBuilder.DropTable(
                name: "coordination_care_team_members");

            migrationBuilder.DropTable(
                name: "coordination_fixed_contacts");
        }
    }
}
