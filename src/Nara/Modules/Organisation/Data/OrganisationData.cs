using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Organisation.Domain;

namespace Nara.Modules.Organisation.Data;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("organisation_regions");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(4);
    }
}

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> b)
    {
        b.ToTable("organisation_municipalities");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(4);
        b.Property(x => x.RegionCode).HasMaxLength(4);
        b.PrimitiveCollection(x => x.Areas);
    }
}

internal sealed class CareUnitConfiguration : IEntityTypeConfiguration<CareUnit>
{
    public void Configure(EntityTypeBuilder<CareUnit> b)
    {
        b.ToTable("organisation_care_units");
        b.HasKey(x => x.Id);
        b.Property(x => x.HsaId).HasMaxLength(40);
        b.HasIndex(x => x.HsaId).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.MunicipalityCode).HasMaxLength(4);
        b.PrimitiveCollection(x => x.ListingAreas);
        b.HasIndex(x => new { x.Type, x.MunicipalityCode });
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.ToTable("organisation_staff");
        b.HasKey(x => x.Id);
        b.Property(x => x.HsaId).HasMaxLength(40);
        b.HasIndex(x => x.HsaId).IsUnique();
        b.Property(x => x.GivenName).HasMaxLength(100);
        b.Property(x => x.FamilyName).HasMaxLength(100);
        b.Ignore(x => x.FullName);
        b.HasMany(x => x.Assignments).WithOne().HasForeignKey(x => x.StaffId);
    }
}

internal sealed class StaffAssignmentConfiguration : IEntityTypeConfiguration<StaffAssignment>
{
    public void Configure(EntityTypeBuilder<StaffAssignment> b)
    {
        b.ToTable("organisation_staff_assignments");
        b.HasKey(x => new { x.StaffId, x.UnitId });
        b.HasIndex(x => x.UnitId);
        b.HasOne<CareUnit>().WithMany().HasForeignKey(x => x.UnitId);
    }
}
