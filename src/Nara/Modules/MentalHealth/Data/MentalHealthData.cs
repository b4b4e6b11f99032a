using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.MentalHealth.Domain;

namespace Nara.Modules.MentalHealth.Data;

internal sealed class CareEpisodeConfiguration : IEntityTypeConfiguration<CareEpisode>
{
    public void Configure(EntityTypeBuilder<CareEpisode> b)
    {
        b.ToTable("mentalhealth_episodes");
        b.HasKey(x => x.Id);
        b.Property(x => x.OpenedBy).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(400);
        b.Property(x => x.FirstAssessedBy).HasMaxLength(200);
        b.Property(x => x.Step).HasMaxLength(40);
        b.Property(x => x.ClosedBy).HasMaxLength(200);
        b.Property(x => x.CloseNote).HasMaxLength(1000);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.ResidentId, x.OpenedAt });
        b.HasIndex(x => new { x.UnitId, x.ClosedAt, x.FirstAssessmentDue });
    }
}

internal sealed class StepDecisionConfiguration : IEntityTypeConfiguration<StepDecision>
{
    public void Configure(EntityTypeBuilder<StepDecision> b)
    {
        b.ToTable("mentalhealth_step_decisions");
        b.HasKey(x => x.Id);
        b.Property(x => x.DecidedByName).HasMaxLength(200);
        b.Property(x => x.FromStep).HasMaxLength(40);
        b.Property(x => x.Step).HasMaxLength(40);
        b.Property(x => x.ProposedStep).HasMaxLength(40);
        b.Property(x => x.Proposal).HasMaxLength(1000);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => new { x.EpisodeId, x.DecidedAt });
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ToTable("mentalhealth_enrolments");
        b.HasKey(x => x.Id);
        b.Property(x => x.ProgrammeId).HasMaxLength(60);
        b.Property(x => x.ProgrammeVersion).HasMaxLength(40);
        b.Property(x => x.TherapistName).HasMaxLength(200);
        b.Property(x => x.EndedBy).HasMaxLength(200);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.ResidentId, x.StartedAt });
        b.HasIndex(x => x.ThreadId).IsUnique();
    }
}

internal sealed class ModuleWorkConfiguration : IEntityTypeConfiguration<ModuleWork>
{
    public void Configure(EntityTypeBuilder<ModuleWork> b)
    {
        b.ToTable("mentalhealth_module_work");
        b.HasKey(x => x.Id);
        b.Property(x => x.ModuleId).HasMaxLength(60);
        b.Property(x => x.Homework).HasMaxLength(4000);
        b.HasIndex(x => new { x.EnrolmentId, x.ModuleId }).IsUnique();
    }
}
