using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Booking.Domain;

namespace Nara.Modules.Booking.Data;

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> b)
    {
        b.ToTable("booking_waitlist_entries");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.UnitId, x.Type, x.Status });
        b.HasIndex(x => x.ResidentId);
    }
}

internal sealed class WaitlistOfferConfiguration : IEntityTypeConfiguration<WaitlistOffer>
{
    public const string OneOfferPerResidentAndSlot = "ux_booking_waitlist_offers_resident_slot";

    public void Configure(EntityTypeBuilder<WaitlistOffer> b)
    {
        b.ToTable("booking_waitlist_offers");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ResidentId, x.SlotId }).IsUnique().HasDatabaseName(OneOfferPerResidentAndSlot);
        b.HasIndex(x => new { x.SlotId, x.Status });
        b.HasIndex(x => new { x.Status, x.ExpiresAt });
    }
}
