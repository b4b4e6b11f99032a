using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResidentNameSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FamilyNameSearchKey",
                table: "residents_residents",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "GivenNameSearchKey",
                table: "residents_residents",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Existing residents get their keys here; new and renamed ones from the entity (Resident's name setters).
            migrationBuilder.Sql("UPDATE residents_residents SET \"GivenNameSearchKey\" = " + SearchKey.SqlFold("\"GivenName\"")
                + ", \"FamilyNameSearchKey\" = " + SearchKey.SqlFold("\"FamilyName\""));

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_FamilyNameSearchKey_GivenNameSearchKey_Personnummer",
                table: "residents_residents",
                columns: new[] { "FamilyNameSearchKey", "GivenNameSearchKey", "Personnummer" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_GivenNameSearchKey",
                table: "residents_residents",
                column: "GivenNameSearchKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_residents_residents_FamilyNameSearchKey_GivenNameSearchKey_Personnummer",
                table: "residents_residents");

            migrationBuilder.DropIndex(
                name: "IX_residents_residents_GivenNameSearchKey",
                table: "residents_residents");

            migrationBuilder.DropColumn(
                name: "FamilyNameSearchKey",
                table: "residents_residents");

            migrationBuilder.DropColumn(
                name: "GivenNameSearchKey",
                table: "residents_residents");
        }
    }
}
