using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CarePlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coordination_care_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FollowUpOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    AgreedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AgreedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_care_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OwnerUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NeedsAgreedTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_plan_activities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByResident = table.Column<bool>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_plan_comments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_goals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WrittenByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WrittenByResident = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_plan_goals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByResident = table.Column<bool>(type: "INTEGER", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", maxLength: 2000000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_plan_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coordination_care_plans_open",
                table: "coordination_care_plans",
                column: "ResidentId",
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_care_plans_UnitId_EndedAt",
                table: "coordination_care_plans",
                columns: new[] { "UnitId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_plan_activities_AppointmentId",
                table: "coordination_plan_activities",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_plan_activities_OwnerStaffId_Status_DueOn",
                table: "coordination_plan_activities",
                columns: new[] { "OwnerStaffId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_plan_activities_PlanId",
                table: "coordination_plan_activities",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_plan_comments_PlanId_At",
                table: "coordination_plan_comments",
                columns: new[] { "PlanId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_plan_goals_PlanId",
                table: "coordination_plan_goals",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_plan_versions_PlanId_Version",
                table: "coordination_plan_versions",
                columns: new[] { "PlanId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coordination_care_plans");

            migrationBuilder.DropTable(
                name: "coordination_plan_activities");

            migrationBuilder.DropTable(
                name: "coordination_plan_comments");

            migrationBuilder.DropTable(
                name: "coordination_plan_goals");

            migrationBuilder.DropTable(
                name: "coordination_plan_versions");
        }
    }
}
