using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "booking_waitlist_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplacesAppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LatestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_waitlist_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_waitlist_offers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_waitlist_offers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Recipient = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RequestedChannel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DeliveredVia = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SendAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LockToken = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_booking_waitlist_entries_ResidentId",
                table: "booking_waitlist_entries",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_booking_waitlist_entries_UnitId_Type_Status",
                table: "booking_waitlist_entries",
                columns: new[] { "UnitId", "Type", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_booking_waitlist_offers_SlotId_Status",
                table: "booking_waitlist_offers",
                columns: new[] { "SlotId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_booking_waitlist_offers_Status_ExpiresAt",
                table: "booking_waitlist_offers",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "ux_booking_waitlist_offers_resident_slot",
                table: "booking_waitlist_offers",
                columns: new[] { "ResidentId", "SlotId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Recipient_Id",
                table: "outbox_messages",
                columns: new[] { "Recipient", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Reference",
                table: "outbox_messages",
                column: "Reference");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Status_NextAttemptAt",
                table: "outbox_messages",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_waitlist_entries");

            migrationBuilder.DropTable(
                name: "booking_waitlist_offers");

            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
