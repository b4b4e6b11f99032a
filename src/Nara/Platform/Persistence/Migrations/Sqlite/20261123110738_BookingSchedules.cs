using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookingSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TemplateId",
                table: "booking_slots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Withdrawn",
                table: "booking_slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "AwaitingConfirmation",
                table: "booking_appointments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ConfirmedAt",
                table: "booking_appointments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LateCancellation",
                table: "booking_appointments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "booking_appointments",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RebookedFrom",
                table: "booking_appointments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "booking_reasons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Profession = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    WebBookable = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_reasons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_schedule_absences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_schedule_absences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_schedule_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Profession = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Weekday = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcuteReserved = table.Column<bool>(type: "INTEGER", nullable: false),
                    WebBookable = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_schedule_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_unit_rules",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebTypes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    WebCancellationHours = table.Column<int>(type: "INTEGER", nullable: false),
                    HorizonDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_unit_rules", x => x.UnitId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_booking_slots_StaffId_Start",
                table: "booking_slots",
                columns: new[] { "StaffId", "Start" },
                unique: true,
                filter: "\"StaffId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_booking_reasons_UnitId",
                table: "booking_reasons",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_booking_schedule_absences_UnitId_From",
                table: "booking_schedule_absences",
                columns: new[] { "UnitId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_booking_schedule_templates_UnitId_StaffId",
                table: "booking_schedule_templates",
                columns: new[] { "UnitId", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_reasons");

            migrationBuilder.DropTable(
                name: "booking_schedule_absences");

            migrationBuilder.DropTable(
                name: "booking_schedule_templates");

            migrationBuilder.DropTable(
                name: "booking_unit_rules");

            migrationBuilder.DropIndex(
                name: "IX_booking_slots_StaffId_Start",
                table: "booking_slots");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "booking_slots");

            migrationBuilder.DropColumn(
                name: "Withdrawn",
                table: "booking_slots");

            migrationBuilder.DropColumn(
                name: "AwaitingConfirmation",
                table: "booking_appointments");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "booking_appointments");

            migrationBuilder.DropColumn(
                name: "LateCancellation",
                table: "booking_appointments");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "booking_appointments");

            migrationBuilder.DropColumn(
                name: "RebookedFrom",
                table: "booking_appointments");
        }
    }
}
