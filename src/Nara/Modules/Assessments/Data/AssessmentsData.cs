using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Assessments.Domain;

namespace Nara.Modules.Assessments.Data;

internal sealed class InstrumentRequestConfiguration : IEntityTypeConfiguration<InstrumentRequest>
{
    public void Configure(EntityTypeBuilder<InstrumentRequest> b)
    {
        b.ToTable("assessments_requests");
        b.HasKey(x => x.Id);
        b.Property(x => x.InstrumentId).HasMaxLength(40);
        b.Property(x => x.SentByName).HasMaxLength(200);
        b.Property(x => x.Message).HasMaxLength(400);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.ResidentId, x.Status, x.OpensAt });
        b.HasIndex(x => x.SeriesId);
        b.HasIndex(x => new { x.UnitId, x.Status, x.DueAt });
    }
}

internal sealed class InstrumentResponseConfiguration : IEntityTypeConfiguration<InstrumentResponse>
{
    public void Configure(EntityTypeBuilder<InstrumentResponse> b)
    {
        b.ToTable("assessments_responses");
        b.HasKey(x => x.Id);
        b.Property(x => x.InstrumentId).HasMaxLength(40);
        b.Property(x => x.InstrumentVersion).HasMaxLength(40);
        b.Property(x => x.AnsweredByName).HasMaxLength(200);
        b.Property(x => x.Band).HasMaxLength(40);
        b.Property(x => x.AnswersJson).HasMaxLength(4000);
        b.Property(x => x.ScalesJson).HasMaxLength(4000);
        b.HasIndex(x => new { x.ResidentId, x.InstrumentId, x.AnsweredAt });
        b.HasIndex(x => new { x.UnitId, x.InstrumentId, x.AnsweredAt });
        // One answer per occasion: a double post cannot answer it twice.
        b.HasIndex(x => x.RequestId).IsUnique();
    }
}

internal sealed class CrisisAlertConfiguration : IEntityTypeConfiguration<CrisisAlert>
{
    public void Configure(EntityTypeBuilder<CrisisAlert> b)
    {
        b.ToTable("assessments_crisis_alerts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(400);
        b.Property(x => x.AcknowledgedByName).HasMaxLength(200);
        b.Property(x => x.Action).HasMaxLength(1000);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.AcknowledgedAt, x.RaisedAt });
        b.HasIndex(x => new { x.ResidentId, x.RaisedAt });
        b.HasIndex(x => new { x.SourceId, x.Source }).IsUnique();
    }
}
