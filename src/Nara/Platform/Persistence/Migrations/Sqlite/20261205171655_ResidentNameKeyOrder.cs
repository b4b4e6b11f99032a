using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResidentNameKeyOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_residents_residents_FamilyNameSearchKey",
                table: "residents_residents");

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_FamilyNameSearchKey_GivenNameSearchKey_Personnummer",
                table: "residents_residents",
                columns: new[] { "FamilyNameSearchKey", "GivenNameSearchKey", "Personnummer" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_residents_residents_FamilyNameSearchKey_GivenNameSearchKey_Personnummer",
                table: "residents_residents");

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_FamilyNameSearchKey",
                table: "residents_residents",
                column: "FamilyNameSearchKey");
        }
    }
}
