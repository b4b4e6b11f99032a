using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.VirtualCare.Domain;

namespace Nara.Modules.VirtualCare.Data;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("virtualcare_meetings");
        // One meeting per booked visit, enforced by the key: a double check-in cannot make two.
        b.HasKey(x => x.AppointmentId);
        b.Property(x => x.ClinicianName).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.Status });
        b.HasIndex(x => x.ResidentId);
    }
}

internal sealed class MeetingMessageConfiguration : IEntityTypeConfiguration<MeetingMessage>
{
    public void Configure(EntityTypeBuilder<MeetingMessage> b)
    {
        b.ToTable("virtualcare_messages");
        b.HasKey(x => x.Id);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.Text).HasMaxLength(SendChatMessageLimits.MaxLength);
        b.HasIndex(x => new { x.AppointmentId, x.At });
    }
}

internal static class SendChatMessageLimits
{
    public const int MaxLength = 2000;
}
