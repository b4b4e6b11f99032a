using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.CareGuarantee.Domain;

namespace Nara.Modules.CareGuarantee.Data;

internal sealed class GuaranteeClockConfiguration : IEntityTypeConfiguration<GuaranteeClock>
{
    public void Configure(EntityTypeBuilder<GuaranteeClock> b)
    {
        b.ToTable("careguarantee_clocks");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.IsOpen);
        b.Property(x => x.ExemptionReason).HasMaxLength(1000);
        b.Property(x => x.Note).HasMaxLength(400);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        // One clock of each kind per source: a repeated event cannot start a second clock.
        b.HasIndex(x => new { x.SourceId, x.Kind }).IsUnique();
        b.HasIndex(x => new { x.ResidentId, x.UnitId });
        b.HasIndex(x => new { x.UnitId, x.StartDate });
        b.HasIndex(x => x.StopReference);
    }
}
