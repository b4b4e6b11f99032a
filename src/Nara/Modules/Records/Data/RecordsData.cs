using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Records.Domain;

namespace Nara.Modules.Records.Data;

internal sealed class EncounterConfiguration : IEntityTypeConfiguration<Encounter>
{
    public void Configure(EntityTypeBuilder<Encounter> b)
    {
        b.ToTable("records_encounters");
        b.HasKey(x => x.Id);
        b.Property(x => x.DiagnosisCode).HasMaxLength(10);
        b.HasIndex(x => new { x.ResidentId, x.Start });
        b.HasIndex(x => new { x.UnitId, x.Start });
    }
}

internal sealed class ConditionConfiguration : IEntityTypeConfiguration<Condition>
{
    public void Configure(EntityTypeBuilder<Condition> b)
    {
        b.ToTable("records_conditions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Icd10).HasMaxLength(10);
        b.HasIndex(x => x.ResidentId);
        b.HasIndex(x => x.Kind);
    }
}

internal sealed class LifestyleObservationConfiguration : IEntityTypeConfiguration<LifestyleObservation>
{
    public void Configure(EntityTypeBuilder<LifestyleObservation> b)
    {
        b.ToTable("records_lifestyle_observations");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ResidentId);
    }
}
