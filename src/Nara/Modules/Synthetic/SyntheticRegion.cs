using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Content;
using Nara.Modules.Synthetic.Generation;
using Nara.Modules.Synthetic.Writing;
using Nara.Platform.Access;
using Nara.Platform.Persistence;

namespace Nara.Modules.Synthetic;

/// <summary>Generates a region and writes it to the database in one transaction.</summary>
[NoAccessCheck("Generates and writes the synthetic region; synthetic data only.")]
internal static class SyntheticRegion
{
    /// <summary>True when the database already holds a region (or anything the generator writes).</summary>
    public static async Task<bool> HasDataAsync(NaraDbContext db, CancellationToken ct) =>
        await db.Set<Region>().AnyAsync(ct) || await db.Set<Resident>().AnyAsync(ct) || await db.Set<CareUnit>().AnyAsync(ct);

    public static async Task<GenerationCounts> GenerateAndWriteAsync(NaraDbContext db, RegionContent content, int seed, int residents, DateOnly today, CancellationToken ct, Action<string>? progress = null,
        int scheduleDays = ScheduleGenerator.DaysWritten)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var generator = new RegionGenerator(content, seed, today);
        var org = generator.Organisation();
        var population = generator.Population(org, residents);
        var counts = new GenerationCounts();
        progress?.Invoke($"organisation och befolkning genererade: {clock.Elapsed.TotalSeconds:0.0} s");

        await using var writer = await BulkWriter.OpenAsync(db, ct);
        await writer.RegisterAsync<Region>(ct);
        await writer.RegisterAsync<Municipality>(ct);
        await writer.RegisterAsync<CareUnit>(ct);
        await writer.RegisterAsync<StaffMember>(ct);
        await writer.RegisterAsync<StaffAssignment>(ct);
        await writer.RegisterAsync<Resident>(ct);
        await writer.RegisterAsync<Listing>(ct);
        await writer.RegisterAsync<GuardianRelation>(ct);
        await writer.RegisterAsync<SharedRecordsConsent>(ct);
        await writer.RegisterAsync<Condition>(ct);
        await writer.RegisterAsync<LifestyleObservation>(ct);
        await writer.RegisterAsync<Encounter>(ct);
        await writer.RegisterAsync<ScheduleTemplate>(ct);
        await writer.RegisterAsync<BookingReason>(ct);
        await writer.RegisterAsync<Slot>(ct);

        await writer.AddAsync(org.Region, ct);
        await writer.AddRangeAsync(org.Municipalities, ct);
        await writer.AddRangeAsync(org.Units.Select(u => u.Unit), ct);
        await writer.AddRangeAsync(org.Staff, ct);
        await writer.AddRangeAsync(org.Assignments, ct);
        counts.Municipalities = org.Municipalities.Count;
        counts.Units = org.Units.Count;
        counts.Staff = org.Staff.Count;
        counts.Assignments = org.Assignments.LongCount();

        await writer.AddRangeAsync(population.Residents, ct);
        foreach (var l in population.Listings)
        {
            await writer.AddRangeAsync(l, ct);
            counts.Listings += l.Length;
        }
        await writer.AddRangeAsync(population.Guardians, ct);
        await writer.AddRangeAsync(population.Consents, ct);
        counts.Residents = population.Residents.Count;
        counts.Guardians = population.Guardians.Count;
        counts.Consents = population.Consents.Count;

        var schedules = ScheduleGenerator.Generate(org, today, scheduleDays);
        await writer.AddRangeAsync(schedules.Templates, ct);
        await writer.AddRangeAsync(schedules.Reasons, ct);
        await writer.AddRangeAsync(schedules.Slots, ct);
        counts.Slots = schedules.Slots.Count;

        progress?.Invoke($"organisation och befolkning skrivna: {clock.Elapsed.TotalSeconds:0.0} s");
        // The health history is produced on a second thread while this one writes: two cores, two halves of the work.
        var channel = Channel.CreateBounded<HealthHistory>(new BoundedChannelOptions(2048) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < population.Residents.Count; i++)
                {
                    await channel.Writer.WriteAsync(generator.Health(org, population.Residents[i], population.Listings[i], i), ct);
                }
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, ct);
        await foreach (var history in channel.Reader.ReadAllAsync(ct))
        {
            await writer.AddRangeAsync(history.Conditions, ct);
            await writer.AddRangeAsync(history.Lifestyle, ct);
            await writer.AddRangeAsync(history.Encounters, ct);
            counts.Conditions += history.Conditions.Count;
            counts.Lifestyle += history.Lifestyle.Count;
            counts.Encounters += history.Encounters.Count;
        }
        await producer;
        progress?.Invoke($"hälsohistorik skriven: {clock.Elapsed.TotalSeconds:0.0} s");
        await writer.CommitAsync(ct);
        progress?.Invoke($"klart: {clock.Elapsed.TotalSeconds:0.0} s");
        return counts;
    }
}
