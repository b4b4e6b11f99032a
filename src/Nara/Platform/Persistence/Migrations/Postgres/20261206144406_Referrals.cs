using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    What = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_referral_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStaffName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ToUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Background = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
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
