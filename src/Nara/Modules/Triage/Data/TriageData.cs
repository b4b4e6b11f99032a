using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Triage.Domain;

namespace Nara.Modules.Triage.Data;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.ToTable("triage_assessments");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Answers);
        b.Ignore(x => x.Subject);
        b.Property(x => x.AnswersJson).HasMaxLength(20000);
        b.Property(x => x.ComplaintId).HasMaxLength(60);
        b.Property(x => x.KnowledgeVersion).HasMaxLength(20);
        b.Property(x => x.Sex).HasMaxLength(10);
        b.Property(x => x.RuleId).HasMaxLength(60);
        b.Property(x => x.For).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.KeyHash).HasMaxLength(64);
        b.HasIndex(x => new { x.SubjectId, x.StartedAt });
    }
}

internal sealed class TriageCaseConfiguration : IEntityTypeConfiguration<TriageCase>
{
    public void Configure(EntityTypeBuilder<TriageCase> b)
    {
        b.ToTable("triage_cases");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.ThreadId);
        b.Ignore(x => x.Origin);
        b.Property(x => x.SummaryJson).HasMaxLength(40000);
        b.Property(x => x.ResidentMessage).HasMaxLength(2000);
        b.Property(x => x.ClosingNote).HasMaxLength(2000);
        b.Property(x => x.ComplaintId).HasMaxLength(60);
        b.Property(x => x.AssignedName).HasMaxLength(200);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        // One case per assessment, enforced by the database: a double click sends it once.
        b.HasIndex(x => x.AssessmentId).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.ResidentId, x.CreatedAt });
    }
}
