using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SipAndDischarge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coordination_discharge_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DischargeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByUnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_discharge_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_discharge_stays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HospitalUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrimaryCareUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MunicipalUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AdmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AdmissionNoticeAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReadyAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PlanningCalledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DischargedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_discharge_stays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_sip_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Done = table.Column<bool>(type: "INTEGER", nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_sip_actions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_sip_participants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_sip_participants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_sips",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    StartedByUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsentBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConsentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ResponsibleUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponsibleStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MeetingAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MeetingAppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MeetingPlace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FollowUpOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DischargeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_sips", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_discharge_events_DischargeId_At",
                table: "coordination_discharge_events",
                columns: new[] { "DischargeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_discharge_stays_HospitalUnitId_Status",
                table: "coordination_discharge_stays",
                columns: new[] { "HospitalUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_discharge_stays_MunicipalUnitId_Status",
                table: "coordination_discharge_stays",
                columns: new[] { "MunicipalUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_discharge_stays_PrimaryCareUnitId_Status",
                table: "coordination_discharge_stays",
                columns: new[] { "PrimaryCareUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_discharge_stays_ResidentId_Status",
                table: "coordination_discharge_stays",
                columns: new[] { "ResidentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_sip_actions_SipId",
                table: "coordination_sip_actions",
                column: "SipId");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_sip_actions_UnitId_Done_DueOn",
                table: "coordination_sip_actions",
                columns: new[] { "UnitId", "Done", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_sip_participants_SipId",
                table: "coordination_sip_participants",
                column: "SipId");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_sips_ResidentId_Status",
                table: "coordination_sips",
                columns: new[] { "ResidentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_sips_ResponsibleUnitId_Status_FollowUpOn",
                table: "coordination_sips",
                columns: new[] { "ResponsibleUnitId", "Status", "FollowUpOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coordination_discharge_events");

            migrationBuilder.DropTable(
                name: "coordination_discharge_stays");

            migrationBuilder.DropTable(
                name: "coordination_sip_actions");

            migrationBuilder.DropTable(
                name: "coordination_sip_participants");

            migrationBuilder.DropTable(
                name: "coordination_sips");
        }
    }
}
