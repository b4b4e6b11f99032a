using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VirtualCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "virtualcare_meetings",
                columns: table => new
                {
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedInBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AdmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AdmittedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClinicianName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_virtualcare_meetings", x => x.AppointmentId);
                });

            migrationBuilder.CreateTable(
                name: "virtualcare_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_virtualcare_messages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_virtualcare_meetings_ResidentId",
                table: "virtualcare_meetings",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_virtualcare_meetings_UnitId_Status",
                table: "virtualcare_meetings",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_virtualcare_messages_AppointmentId_At",
                table: "virtualcare_messages",
                columns: new[] { "AppointmentId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "virtualcare_meetings");

            migrationBuilder.DropTable(
                name: "virtualcare_messages");
        }
    }
}
