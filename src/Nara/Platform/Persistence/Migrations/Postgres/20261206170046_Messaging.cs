using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Messaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "messaging_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThreadId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ThreadId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStaff = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_threads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OriginKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OriginId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedByStaff = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssignedTo = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AwaitingSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnswerDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConcurrencyToken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_threads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_unit_answer_times",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_unit_answer_times", x => x.UnitId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_attachments_MessageId",
                table: "messaging_attachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_messaging_attachments_ThreadId",
                table: "messaging_attachments",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_messaging_messages_ThreadId_At",
                table: "messaging_messages",
                columns: new[] { "ThreadId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_threads_OriginKind_OriginId",
                table: "messaging_threads",
                columns: new[] { "OriginKind", "OriginId" });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_threads_ResidentId_LastMessageAt",
                table: "messaging_threads",
                columns: new[] { "ResidentId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_threads_UnitId_Status_AnswerDueAt",
                table: "messaging_threads",
                columns: new[] { "UnitId", "Status", "AnswerDueAt" });

            // A triage case's conversation becomes a thread with the case's id (one messaging model): its messages move
            // over, read as they were (the old model had no read state), and the old table goes.
            migrationBuilder.Sql("""
                INSERT INTO messaging_threads ("Id", "ResidentId", "UnitId", "Topic", "OriginKind", "OriginId", "StartedBy", "StartedByStaff", "CreatedAt",
                    "Status", "AssignedTo", "AssignedName", "LastMessageAt", "AwaitingSince", "AnswerDueAt", "ClosedAt", "ClosedByName", "ConcurrencyToken")
                SELECT c."Id", c."ResidentId", c."UnitId", SUBSTR(COALESCE(CAST(c."SummaryJson" AS json)->>'ComplaintTitle', 'Ärende från En väg in'), 1, 200), 'triage-case', c."Id", c."SentBy", FALSE, c."CreatedAt",
                    CASE WHEN c."Status" = 'Stangd' THEN 'Avslutad' ELSE 'Oppen' END, c."AssignedTo", c."AssignedName",
                    COALESCE((SELECT MAX(m."At") FROM triage_case_messages m WHERE m."CaseId" = c."Id"), c."CreatedAt"),
                    NULL, NULL, c."ClosedAt", NULL, 0
                FROM triage_cases c;
                INSERT INTO messaging_messages ("Id", "ThreadId", "FromStaff", "AuthorId", "AuthorName", "Text", "At", "ReadAt")
                SELECT m."Id", m."CaseId", m."FromStaff", m."AuthorId", m."AuthorName", m."Text", m."At", m."At" FROM triage_case_messages m;
                """);

            migrationBuilder.DropTable(
                name: "triage_case_messages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "messaging_attachments");

            migrationBuilder.DropTable(
                name: "messaging_messages");

            migrationBuilder.DropTable(
                name: "messaging_threads");

            migrationBuilder.DropTable(
                name: "messaging_unit_answer_times");

            migrationBuilder.CreateTable(
                name: "triage_case_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStaff = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triage_case_messages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_triage_case_messages_CaseId_At",
                table: "triage_case_messages",
                columns: new[] { "CaseId", "At" });
        }
    }
}
