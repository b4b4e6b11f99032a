using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Residents.Domain;

namespace Nara.Modules.Residents.Data;

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> b)
    {
        b.ToTable("residents_residents");
        b.HasKey(x => x.Id);
        b.Property(x => x.Personnummer).HasMaxLength(12).IsFixedLength();
        b.HasIndex(x => x.Personnummer).IsUnique();
        b.Property(x => x.GivenName).HasMaxLength(100);
        b.Property(x => x.FamilyName).HasMaxLength(100);
        b.Property(x => x.MunicipalityCode).HasMaxLength(4);
        b.Property(x => x.AddressArea).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.PreferredLanguage).HasMaxLength(10);
        b.Ignore(x => x.FullName);
        b.HasIndex(x => new { x.FamilyName, x.GivenName });
        b.Property(x => x.GivenNameSearchKey).HasMaxLength(100);
        b.Property(x => x.FamilyNameSearchKey).HasMaxLength(100);
        // A name search walks the family-name range in page order and stops when the page is full; given-name matches
        // are few enough to sort (PatientResource).
        b.HasIndex(x => new { x.FamilyNameSearchKey, x.GivenNameSearchKey, x.Personnummer });
        b.HasIndex(x => x.GivenNameSearchKey);
        b.HasIndex(x => x.BirthDate);
        b.HasIndex(x => x.MunicipalityCode);
    }
}

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> b)
    {
        b.ToTable("residents_listings");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ResidentId, x.To });
        b.HasIndex(x => new { x.UnitId, x.To });
        b.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GuardianRelationConfiguration : IEntityTypeConfiguration<GuardianRelation>
{
    public void Configure(EntityTypeBuilder<GuardianRelation> b)
    {
        b.ToTable("residents_guardians");
        b.HasKey(x => new { x.GuardianId, x.ChildId });
        b.HasIndex(x => x.ChildId);
    }
}
