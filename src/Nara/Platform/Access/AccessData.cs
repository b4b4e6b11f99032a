using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Platform.Access;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("access_audit_events");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.Resource).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.TraceId).HasMaxLength(64);
        b.HasIndex(x => new { x.ResidentId, x.At });
        b.HasIndex(x => new { x.ActorUnitId, x.At });
        b.HasIndex(x => x.At);
    }
}

internal sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<EmergencyAccess> b)
    {
        b.ToTable("access_emergency_accesses");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.ReviewNote).HasMaxLength(1000);
        b.HasIndex(x => new { x.StaffId, x.ResidentId, x.ExpiresAt });
        b.HasIndex(x => new { x.UnitId, x.ReviewedAt });
    }
}

internal sealed class AccessBlockConfiguration : IEntityTypeConfiguration<AccessBlock>
{
    public void Configure(EntityTypeBuilder<AccessBlock> b)
    {
        b.ToTable("access_blocks");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ResidentId, x.UnitId });
    }
}

internal sealed class SharedRecordsConsentConfiguration : IEntityTypeConfiguration<SharedRecordsConsent>
{
    public void Configure(EntityTypeBuilder<SharedRecordsConsent> b)
    {
        b.ToTable("access_shared_records_consents");
        b.HasKey(x => x.ResidentId);
    }
}

internal sealed class SharingConsentConfiguration : IEntityTypeConfiguration<SharingConsent>
{
    public const string OneInForce = "ix_access_sharing_consents_in_force";

    public void Configure(EntityTypeBuilder<SharingConsent> b)
    {
        b.ToTable("access_sharing_consents");
        b.HasKey(x => x.Id);
        b.Property(x => x.GivenByName).HasMaxLength(200);
        b.Property(x => x.WithdrawnByName).HasMaxLength(200);
        // One consent in force per person and direction; withdrawn ones are history.
        b.HasIndex(x => new { x.ResidentId, x.Direction }).IsUnique().HasFilter("\"WithdrawnAt\" IS NULL").HasDatabaseName(OneInForce);
    }
}
