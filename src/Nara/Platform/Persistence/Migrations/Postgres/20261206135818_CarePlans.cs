using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FollowUpOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AgreedVersion = table.Column<int>(type: "integer", nullable: true),
                    AgreedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AgreedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_care_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OwnerUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NeedsAgreedTime = table.Column<bool>(type: "boolean", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_plan_activities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByResident = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_plan_comments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_goals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Measure = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    TargetDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WrittenByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WrittenByResident = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_plan_goals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_plan_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByResident = table.Column<bool>(type: "boolean", nullable: false),
                    Change = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Snapshot = table.Column<string>(type: "character varying(2000000)", maxLength: 2000000, nullable: false)
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
