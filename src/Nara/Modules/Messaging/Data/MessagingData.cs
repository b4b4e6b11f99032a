using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Messaging.Domain;

namespace Nara.Modules.Messaging.Data;

internal sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> b)
    {
        b.ToTable("messaging_threads");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Origin);
        b.Property(x => x.Topic).HasMaxLength(200);
        b.Property(x => x.OriginKind).HasMaxLength(40);
        b.Property(x => x.AssignedName).HasMaxLength(200);
        b.Property(x => x.ClosedByName).HasMaxLength(200);
        b.Property(x => x.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(x => new { x.ResidentId, x.LastMessageAt });
        // The unit's inbox: open threads waiting for an answer, by when it is due.
        b.HasIndex(x => new { x.UnitId, x.Status, x.AnswerDueAt });
        b.HasIndex(x => new { x.OriginKind, x.OriginId });
    }
}

internal sealed class ThreadMessageConfiguration : IEntityTypeConfiguration<ThreadMessage>
{
    public void Configure(EntityTypeBuilder<ThreadMessage> b)
    {
        b.ToTable("messaging_messages");
        b.HasKey(x => x.Id);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.HasIndex(x => new { x.ThreadId, x.At });
    }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> b)
    {
        b.ToTable("messaging_attachments");
        b.HasKey(x => x.Id);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(60);
        b.HasIndex(x => x.MessageId);
        b.HasIndex(x => x.ThreadId);
    }
}

internal sealed class UnitAnswerTimeConfiguration : IEntityTypeConfiguration<UnitAnswerTime>
{
    public void Configure(EntityTypeBuilder<UnitAnswerTime> b)
    {
        b.ToTable("messaging_unit_answer_times");
        b.HasKey(x => x.UnitId);
        b.Property(x => x.UpdatedByName).HasMaxLength(200);
    }
}
