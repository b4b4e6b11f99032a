using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Monitoring.Domain;

namespace Nara.Modules.Monitoring.Data;

internal sealed class MeasurementConfiguration : IEntityTypeConfiguration<Measurement>
{
    public void Configure(EntityTypeBuilder<Measurement> b)
    {
        b.ToTable("monitoring_measurements");
        b.HasKey(x => x.Id);
        b.Property(x => x.Measure).HasMaxLength(40);
        b.Property(x => x.EnteredBy).HasMaxLength(200);
        b.HasIndex(x => new { x.ResidentId, x.Measure, x.MeasuredAt });
    }
}

internal sealed class MeasureLimitConfiguration : IEntityTypeConfiguration<MeasureLimit>
{
    public void Configure(EntityTypeBuilder<MeasureLimit> b)
    {
        b.ToTable("monitoring_limits");
        b.HasKey(x => x.Id);
        b.Property(x => x.Measure).HasMaxLength(40);
        b.Property(x => x.Component).HasMaxLength(40);
        b.Property(x => x.SetBy).HasMaxLength(200);
        b.HasIndex(x => new { x.ResidentId, x.Measure, x.Component }).IsUnique();
    }
}

internal sealed class MeasurementAlertConfiguration : IEntityTypeConfiguration<MeasurementAlert>
{
    public void Configure(EntityTypeBuilder<MeasurementAlert> b)
    {
        b.ToTable("monitoring_alerts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Measure).HasMaxLength(40);
        b.Property(x => x.Reason).HasMaxLength(400);
        b.Property(x => x.HandledBy).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.HandledAt, x.RaisedAt });
        b.HasIndex(x => new { x.ResidentId, x.RaisedAt });
    }
}
