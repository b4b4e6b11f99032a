using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Referrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coordination_referral_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_referral_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStaffName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ToUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Background = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_referrals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_referral_events_ReferralId_At",
                table: "coordination_referral_events",
                columns: new[] { "ReferralId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_referrals_FromUnitId_SentAt",
                table: "coordination_referrals",
                columns: new[] { "FromUnitId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_referrals_ResidentId",
                table: "coordination_referrals",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_referrals_ToUnitId_Status_ResidentId",
                table: "coordination_referrals",
                columns: new[] { "ToUnitId", "Status", "ResidentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coordination_referral_events");

            migrationBuilder.DropTable(
                name: "coordination_referrals");
        }
    }
}
