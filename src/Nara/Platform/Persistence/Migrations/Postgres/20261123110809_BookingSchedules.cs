using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Withdrawn",
                table: "booking_slots",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "AwaitingConfirmation",
                table: "booking_appointments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmedAt",
                table: "booking_appointments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LateCancellation",
                table: "booking_appointments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "booking_appointments",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RebookedFrom",
                table: "booking_appointments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "booking_reasons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Profession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WebBookable = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_reasons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_schedule_absences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_schedule_absences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_schedule_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    Profession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Weekday = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    AcuteReserved = table.Column<bool>(type: "boolean", nullable: false),
                    WebBookable = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_schedule_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_unit_rules",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    WebTypes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    WebCancellationHours = table.Column<int>(type: "integer", nullable: false),
                    HorizonDays = table.Column<int>(type: "integer", nullable: false)
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
