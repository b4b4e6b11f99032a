using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_audit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ActorUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Flagged = table.Column<bool>(type: "INTEGER", nullable: false),
                    TraceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_audit_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "access_blocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_blocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "access_emergency_accesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_emergency_accesses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "access_shared_records_consents",
                columns: table => new
                {
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consented = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_shared_records_consents", x => x.ResidentId);
                });

            migrationBuilder.CreateTable(
                name: "organisation_care_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HsaId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ListingAreas = table.Column<string>(type: "TEXT", nullable: false),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_care_units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organisation_municipalities",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    CareNeedIndex = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    Areas = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_municipalities", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "organisation_regions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_regions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "organisation_staff",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HsaId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Profession = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_staff", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "records_conditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Icd10 = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Onset = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_records_conditions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "records_encounters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: true),
                    DiagnosisCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_records_encounters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "records_lifestyle_observations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Habit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Present = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_records_lifestyle_observations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "residents_guardians",
                columns: table => new
                {
                    GuardianId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChildId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_residents_guardians", x => new { x.GuardianId, x.ChildId });
                });

            migrationBuilder.CreateTable(
                name: "residents_residents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Personnummer = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 12, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    AddressArea = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PreferredChannel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PreferredLanguage = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_residents_residents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organisation_staff_assignments",
                columns: table => new
                {
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_staff_assignments", x => new { x.StaffId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_organisation_staff_assignments_organisation_care_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "organisation_care_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_organisation_staff_assignments_organisation_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "organisation_staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "residents_listings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_residents_listings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_residents_listings_residents_residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "residents_residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_audit_events_ActorUnitId_At",
                table: "access_audit_events",
                columns: new[] { "ActorUnitId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_access_audit_events_At",
                table: "access_audit_events",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_access_audit_events_ResidentId_At",
                table: "access_audit_events",
                columns: new[] { "ResidentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_access_blocks_ResidentId_UnitId",
                table: "access_blocks",
                columns: new[] { "ResidentId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_access_emergency_accesses_StaffId_ResidentId_ExpiresAt",
                table: "access_emergency_accesses",
                columns: new[] { "StaffId", "ResidentId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_access_emergency_accesses_UnitId_ReviewedAt",
                table: "access_emergency_accesses",
                columns: new[] { "UnitId", "ReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_organisation_care_units_HsaId",
                table: "organisation_care_units",
                column: "HsaId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_organisation_care_units_Type_MunicipalityCode",
                table: "organisation_care_units",
                columns: new[] { "Type", "MunicipalityCode" });

            migrationBuilder.CreateIndex(
                name: "IX_organisation_staff_HsaId",
                table: "organisation_staff",
                column: "HsaId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_organisation_staff_assignments_UnitId",
                table: "organisation_staff_assignments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_records_conditions_Kind",
                table: "records_conditions",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_records_conditions_ResidentId",
                table: "records_conditions",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_records_encounters_ResidentId_Start",
                table: "records_encounters",
                columns: new[] { "ResidentId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_records_encounters_UnitId_Start",
                table: "records_encounters",
                columns: new[] { "UnitId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_records_lifestyle_observations_ResidentId",
                table: "records_lifestyle_observations",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_residents_guardians_ChildId",
                table: "residents_guardians",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_residents_listings_ResidentId_To",
                table: "residents_listings",
                columns: new[] { "ResidentId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_listings_UnitId_To",
                table: "residents_listings",
                columns: new[] { "UnitId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_BirthDate",
                table: "residents_residents",
                column: "BirthDate");

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_FamilyName_GivenName",
                table: "residents_residents",
                columns: new[] { "FamilyName", "GivenName" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_MunicipalityCode",
                table: "residents_residents",
                column: "MunicipalityCode");

            migrationBuilder.CreateIndex(
                name: "IX_residents_residents_Personnummer",
                table: "residents_residents",
                column: "Personnummer",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_audit_events");

            migrationBuilder.DropTable(
                name: "access_blocks");

            migrationBuilder.DropTable(
                name: "access_emergency_accesses");

            migrationBuilder.DropTable(
                name: "access_shared_records_consents");

            migrationBuilder.DropTable(
                name: "organisation_municipalities");

            migrationBuilder.DropTable(
                name: "organisation_regions");

            migrationBuilder.DropTable(
                name: "organisation_staff_assignments");

            migrationBuilder.DropTable(
                name: "records_conditions");

            migrationBuilder.DropTable(
                name: "records_encounters");

            migrationBuilder.DropTable(
                name: "records_lifestyle_observations");

            migrationBuilder.DropTable(
                name: "residents_guardians");

            migrationBuilder.DropTable(
                name: "residents_listings");

            migrationBuilder.DropTable(
                name: "organisation_care_units");

            migrationBuilder.DropTable(
                name: "organisation_staff");

            migrationBuilder.DropTable(
                name: "residents_residents");
        }
    }
}
