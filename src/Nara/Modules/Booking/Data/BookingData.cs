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
        // One time per person and start: generation is idempotent and two patterns cannot hand out the same hour twice.
        b.HasIndex(x => new { x.StaffId, x.Start }).IsUnique().HasFilter("\"StaffId\" IS NOT NULL");
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

internal sealed class ScheduleTemplateConfiguration : IEntityTypeConfiguration<ScheduleTemplate>
{
    public void Configure(EntityTypeBuilder<ScheduleTemplate> b)
    {
        b.ToTable("booking_schedule_templates");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.UnitId, x.StaffId });
    }
}

internal sealed class ScheduleAbsenceConfiguration : IEntityTypeConfiguration<ScheduleAbsence>
{
    public void Configure(EntityTypeBuilder<ScheduleAbsence> b)
    {
        b.ToTable("booking_schedule_absences");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.UnitId, x.From });
    }
}

internal sealed class UnitBookingRulesConfiguration : IEntityTypeConfiguration<UnitBookingRules>
{
    public void Configure(EntityTypeBuilder<UnitBookingRules> b)
    {
        b.ToTable("booking_unit_rules");
        b.HasKey(x => x.UnitId);
        b.Ignore(x => x.WebTypeList);
    }
}

internal sealed class BookingReasonConfiguration : IEntityTypeConfiguration<BookingReason>
{
    public void Configure(EntityTypeBuilder<BookingReason> b)
    {
        b.ToTable("booking_reasons");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.UnitId);
    }
}
