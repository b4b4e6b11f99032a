using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Modules.Booking.Domain;

namespace Nara.Modules.Booking.Data;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> b)
    {
        b.ToTable("booking_slots");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.UnitId, x.Start });
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    /// <summary>The name of the index that makes a double booking impossible; a violation of it means "tiden är redan bokad".</summary>
    public const string OneActiveBookingPerSlot = "ux_booking_appointments_active_slot";

    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.ToTable("booking_appointments");
        b.HasKey(x => x.Id);
        // Enums are stored as text (NaraDbContext conventions); the quoted column name works on SQLite and PostgreSQL.
        b.HasIndex(x => x.SlotId).IsUnique().HasFilter("\"Status\" = 'Bokad'").HasDatabaseName(OneActiveBookingPerSlot);
        b.HasIndex(x => new { x.ResidentId, x.Start });
        b.HasIndex(x => new { x.UnitId, x.Start });
    }
}
