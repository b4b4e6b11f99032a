using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Booking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "booking_appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BookedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BookedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_appointments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_slots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcuteReserved = table.Column<bool>(type: "boolean", nullable: false),
                    WebBookable = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_slots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_booking_appointments_ResidentId_Start",
                table: "booking_appointments",
                columns: new[] { "ResidentId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_booking_appointments_UnitId_Start",
                table: "booking_appointments",
                columns: new[] { "UnitId", "Start" });

            migrationBuilder.CreateIndex(
                name: "ux_booking_appointments_active_slot",
                table: "booking_appointments",
                column: "SlotId",
                unique: true,
                filter: "\"Status\" = 'Bokad'");

            migrationBuilder.CreateIndex(
                name: "IX_booking_slots_UnitId_Start",
                table: "booking_slots",
                columns: new[] { "UnitId", "Start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_appointments");

            migrationBuilder.DropTable(
                name: "booking_slots");
        }
    }
}
