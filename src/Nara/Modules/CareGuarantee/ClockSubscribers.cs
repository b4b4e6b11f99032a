using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee;

/// <summary>
/// Starts and stops clocks from other modules' events, inside the transaction of the command that raised them, so a
/// case and its clocks (or a booking and the clock it stops) commit or roll back together.
/// </summary>
[NoAccessCheck("Starts and stops clocks from domain events; no person asks for them.")]
internal sealed class ClockSubscribers(NaraDbContext db) :
    IDomainEventSubscriber<TriageCaseOpened>,
    IDomainEventSubscriber<TriageCaseAnswered>,
    IDomainEventSubscriber<AppointmentBooked>,
    IDomainEventSubscriber<AppointmentCancelled>,
    IDomainEventSubscriber<VisitCompleted>,
    IDomainEventSubscriber<VisitNoShow>
{
    /// <summary>The resident sought contact: the same-day contact and 3-day assessment clocks start (day 0 = the Swedish date).</summary>
    public async Task HandleAsync(TriageCaseOpened e, CancellationToken ct)
    {
        var start = GuaranteeRules.StartDate(e.OpenedAt);
        foreach (var kind in new[] { ClockKind.Kontakt, ClockKind.MedicinskBedomning })
        {
            db.Add(new GuaranteeClock
            {
                ResidentId = e.Resident,
                UnitId = e.Unit,
                Kind = kind,
                Source = ClockSource.Arende,
                SourceId = e.CaseId.Value,
                StartedAt = e.OpenedAt,
                StartDate = start,
                Deadline = GuaranteeRules.Deadline(kind, start),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Any answer from staff is the contact. A call-back, video call or visit booked on the case with licensed staff is
    /// the medical assessment, on the day it takes place; booking it again moves it.
    /// </summary>
    public async Task HandleAsync(TriageCaseAnswered e, CancellationToken ct)
    {
        var clocks = await db.Set<GuaranteeClock>().Where(c => c.SourceId == e.CaseId.Value).ToListAsync(ct);
        foreach (var clock in clocks)
        {
            if (clock.Kind == ClockKind.Kontakt)
            {
                clock.StopOn(Stockholm.DateOf(e.At), e.At, e.AppointmentAt is null ? "Svar i ärendet" : "Återkontakt bokad i ärendet", null);
            }
            else if (clock.Kind == ClockKind.MedicinskBedomning && e.AppointmentAt is { } at && e.Profession is { } p && GuaranteeRules.IsLicensed(p))
            {
                clock.ReopenIfStoppedBy(e.CaseId.Value);
                clock.StopOn(Stockholm.DateOf(at), e.At, $"{ChannelText(e.Channel)} i ärendet med {Professions.InText(p)}", e.CaseId.Value);
            }
        }
        await SaveAsync(clocks, ct);
    }

    /// <summary>
    /// A booking at the clock's unit: staff booking on the resident's behalf is the contact; a time with licensed staff is
    /// the medical assessment (3) or the specialist visit (90) on the day of the visit. An undersköterska's time is not.
    /// </summary>
    public async Task HandleAsync(AppointmentBooked e, CancellationToken ct)
    {
        if (!e.MayStopClock)
        {
            return;
        }
        var clocks = await OpenAtUnitAsync(e.Resident, e.Unit, ct);
        var licensed = e.Profession is { } p && GuaranteeRules.IsLicensed(p);
        foreach (var clock in clocks)
        {
            switch (clock.Kind)
            {
                case ClockKind.Kontakt when e.BookedByStaff:
                    clock.StopOn(Stockholm.DateOf(e.BookedAt), e.BookedAt, "Tid bokad av vårdpersonal", null);
                    break;
                case ClockKind.MedicinskBedomning or ClockKind.Specialistbesok when licensed:
                    clock.StopOn(Stockholm.DateOf(e.Start), e.BookedAt, $"Bokad tid ({SlotText(e.Type)}) med {Professions.InText(e.Profession!.Value)}", e.AppointmentId.Value);
                    break;
                default:
                    break;
            }
        }
        await SaveAsync(clocks, ct);
    }

    /// <summary>A cancelled booking that stopped a clock reopens it: the clock runs from its original start.</summary>
    public Task HandleAsync(AppointmentCancelled e, CancellationToken ct) => ReopenAsync(e.AppointmentId.Value, ct);

    /// <summary>A visit the resident did not come to did not happen: the clock it stopped reopens.</summary>
    public Task HandleAsync(VisitNoShow e, CancellationToken ct) => ReopenAsync(e.AppointmentId.Value, ct);

    /// <summary>A visit recorded as done with licensed staff stops the clocks it qualifies for, if nothing earlier did.</summary>
    public async Task HandleAsync(VisitCompleted e, CancellationToken ct)
    {
        if (e.Profession is not { } p || !GuaranteeRules.IsLicensed(p))
        {
            return;
        }
        var clocks = (await OpenAtUnitAsync(e.Resident, e.Unit, ct)).Where(c => c.Kind is ClockKind.MedicinskBedomning or ClockKind.Specialistbesok).ToList();
        foreach (var clock in clocks)
        {
            clock.StopOn(Stockholm.DateOf(e.At), e.At, $"Genomfört besök ({SlotText(e.Type)}) med {Professions.InText(p)}", e.AppointmentId.Value);
        }
        await SaveAsync(clocks, ct);
    }

    private async Task ReopenAsync(Guid appointmentId, CancellationToken ct)
    {
        var clocks = await db.Set<GuaranteeClock>().Where(c => c.StopReference == appointmentId).ToListAsync(ct);
        foreach (var clock in clocks)
        {
            clock.ReopenIfStoppedBy(appointmentId);
        }
        await SaveAsync(clocks, ct);
    }

    // Clocks still running, or stopped by something a booking could improve on (StopOn keeps the earliest day): the rows
    // whose existence ClockQueryParts.AnyAtUnit tells a booking, so keep the two filters the same.
    // Every booking, reply and visit asks this; compiled once, so it spends nothing on translating the query.
    private static readonly CompiledPerEngine<Func<NaraDbContext, ResidentId, UnitId, IAsyncEnumerable<GuaranteeClock>>> OpenAtUnit = new(() =>
        EF.CompileAsyncQuery((NaraDbContext db, ResidentId resident, UnitId unit) =>
            db.Set<GuaranteeClock>().Where(c => c.ResidentId == resident && c.UnitId == unit && c.Exemption == null)));

    private async Task<List<GuaranteeClock>> OpenAtUnitAsync(ResidentId resident, UnitId unit, CancellationToken ct) =>
        await OpenAtUnit.For(db)(db, resident, unit).ToListAsync(ct);

    private async Task SaveAsync(List<GuaranteeClock> clocks, CancellationToken ct)
    {
        foreach (var clock in clocks.Where(c => db.Entry(c).State == EntityState.Modified))
        {
            clock.ConcurrencyToken++;
        }
        // A command that collects its writes for one batch saves them itself, after its subscribers have run.
        if (!db.CollectsForOneBatch)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private static string SlotText(SlotType type) => type switch
    {
        SlotType.Besok => "besök",
        SlotType.Video => "video",
        SlotType.Telefon => "telefon",
        SlotType.Chatt => "chatt",
        _ => type.ToString(),
    };

    private static string ChannelText(TriageChannel? channel) => channel switch
    {
        TriageChannel.Telefon => "Återuppringning",
        TriageChannel.Video => "Videosamtal",
        _ => "Besök",
    };
}
