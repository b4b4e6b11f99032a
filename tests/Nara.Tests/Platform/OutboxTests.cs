using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nara.Modules.Booking;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Booking.Features;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Platform.Outbox.Features;
using Nara.Platform.Persistence;
using Nara.Platform.Time;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>The outbox: written with its cause, sent once after commit, retried with backoff, withdrawn on cancel, and no health details.</summary>
public abstract class OutboxTests(NaraApp app)
{
    private sealed class CountingSms : ISmsSender
    {
        public ConcurrentBag<long> Sent { get; } = [];

        public async Task SendAsync(OutgoingSms sms, CancellationToken ct)
        {
            await Task.Yield();
            Sent.Add(sms.MessageId);
        }
    }

    private sealed class FailingSms : ISmsSender
    {
        public Task SendAsync(OutgoingSms sms, CancellationToken ct) =>
            throw new ChannelException("SMS-tjänsten svarar inte");
    }

    private OutboxDispatcher Dispatcher(ISmsSender? sms = null) =>
        sms is null ? app.Services.GetRequiredService<OutboxDispatcher>() : ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services, sms);

    private OutboxDispatcher Dispatcher(ISmsSender sms, int batchSize) =>
        ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services, sms, new OutboxOptions { BatchSize = batchSize, DispatcherEnabled = false });

    /// <summary>One dispatch: it sends everything due, batch after batch (other tests' messages may share the database).</summary>
    private static Task<int> DrainAsync(OutboxDispatcher dispatcher, DateTimeOffset now) => dispatcher.DispatchDueAsync(now, CancellationToken.None);

    /// <summary>A backlog written straight to the outbox, due at <paramref name="sendAt"/>, for these residents in turn.</summary>
    private async Task<(string Reference, List<long> Ids)> BacklogAsync(int count, DateTimeOffset sendAt, params ResidentId[] recipients)
    {
        var reference = $"test:{Guid.NewGuid():N}";
        var messages = Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            Recipient = recipients[i % recipients.Length],
            Kind = "Test",
            Subject = "Ämne",
            Body = "Text",
            Reference = reference,
            CreatedAt = sendAt,
            SendAt = sendAt,
            NextAttemptAt = sendAt,
        }).ToList();
        await app.Data.WithDbAsync(async db =>
        {
            db.AddRange(messages);
            await db.SaveChangesAsync();
        });
        return (reference, messages.ConvertAll(m => m.Id));
    }

    private Task<List<OutboxMessage>> BacklogMessagesAsync(string reference) =>
        app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Reference == reference).OrderBy(m => m.Id).ToListAsync());

    private Task<Slot> SlotAsync(UnitId unit, int daysAhead = 3)
    {
        var start = new DateTimeOffset(app.Now.UtcDateTime.Date.AddDays(daysAhead).AddHours(9).AddMinutes(Random.Shared.Next(0, 400)), TimeSpan.Zero);
        return app.Data.SlotAsync(unit, start);
    }


    private Task<List<OutboxMessage>> MessagesAsync(Guid appointmentId)
    {
        var reference = BookingMessages.Reference(new AppointmentId(appointmentId));
        return app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Reference == reference).OrderBy(m => m.Id).ToListAsync());
    }

    private Task PreferSmsAsync(ResidentId resident) => app.Data.WithDbAsync(async db =>
    {
        var r = await db.Set<Resident>().FirstAsync(x => x.Id == resident);
        r.Phone = "0701234567";
        r.PreferredChannel = NotificationChannel.Sms;
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Booking_enqueues_a_confirmation_now_and_a_reminder_a_day_before_the_visit()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var slot = await SlotAsync(unit.Id);
        var id = await TestData.BookAsync(await app.ResidentClientAsync(resident.Id.Value), slot);

        var messages = await MessagesAsync(id);
        Assert.Equal([SendBookingReminders.ConfirmationKind, SendBookingReminders.ReminderKind], messages.Select(m => m.Kind));
        Assert.All(messages, m => Assert.Equal(resident.Id, m.Recipient));
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.True(messages[0].SendAt <= app.Now);
        Assert.Equal(slot.Start - TimeSpan.FromHours(24), messages[1].SendAt);
    }

    [Fact]
    public async Task A_command_that_rolls_back_leaves_no_message()
    {
        Assert.False(app.Services.GetRequiredService<OutboxOptions>().DispatcherEnabled);
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var appointmentId = Guid.NewGuid();
        var start = app.Now.AddDays(3);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<DomainEvents>().PublishAsync(new AppointmentBooked(new AppointmentId(appointmentId), StrongId.New<SlotId>(), resident.Id, unit.Id,
                null, null, SlotType.Besok, start, start.AddMinutes(20), app.Now, false), CancellationToken.None);
            // Inside the transaction the subscriber's messages exist ...
            Assert.Equal(2, await db.Set<OutboxMessage>().CountAsync(m => m.Reference == BookingMessages.Reference(new AppointmentId(appointmentId))));
            // ... and the command then fails.
            await transaction.RollbackAsync();
        }
        Assert.Empty(await MessagesAsync(appointmentId));
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_due_message_once_and_the_reminder_only_when_due()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        await PreferSmsAsync(resident.Id);
        var slot = await SlotAsync(unit.Id);
        var id = await TestData.BookAsync(await app.ResidentClientAsync(resident.Id.Value), slot);
        var messages = await MessagesAsync(id);
        var sms = new CountingSms();

        var now = app.Now.AddSeconds(1);
        await Task.WhenAll(DrainAsync(Dispatcher(sms), now), DrainAsync(Dispatcher(sms), now));
        var confirmation = (await MessagesAsync(id))[0];
        Assert.True(sms.Sent.Count(m => m == messages[0].Id) == 1,
            $"{confirmation.Status} {confirmation.Attempts} {confirmation.LastError} {confirmation.NextAttemptAt:O} {now:O} {confirmation.DeliveredVia}");
        Assert.DoesNotContain(messages[1].Id, sms.Sent);

        await DrainAsync(Dispatcher(sms), now.AddMinutes(5));
        Assert.Equal(1, sms.Sent.Count(m => m == messages[0].Id));

        var reminderTime = slot.Start - TimeSpan.FromHours(24);
        await Task.WhenAll(DrainAsync(Dispatcher(sms), reminderTime), DrainAsync(Dispatcher(sms), reminderTime));
        Assert.Equal(1, sms.Sent.Count(m => m == messages[1].Id));
        var after = await MessagesAsync(id);
        Assert.True(after.All(m => m.Status == OutboxStatus.Sent && m.Attempts == 1), string.Join("; ", after.Select(m => $"{m.Id} {m.Kind} {m.Status} {m.Attempts} {m.LastError} {m.LastAttemptAt:O} {m.SentAt:O}")));
        Assert.All(after, m => Assert.Equal(MessageChannel.Sms, m.DeliveredVia));
        Assert.All(after, m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_growing_waits_then_failed_visible_to_an_administrator_who_can_retry()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        await PreferSmsAsync(resident.Id);
        var slot = await SlotAsync(unit.Id);
        var id = await TestData.BookAsync(await app.ResidentClientAsync(resident.Id.Value), slot);
        var confirmation = (await MessagesAsync(id))[0];
        var failing = Dispatcher(new FailingSms());

        var t = confirmation.NextAttemptAt;
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            // Just before the next attempt is due nothing happens.
            await DrainAsync(failing, t.AddSeconds(-1));
            Assert.Equal(attempt - 1, (await MessagesAsync(id))[0].Attempts);
            await DrainAsync(failing, t);
            var m = (await MessagesAsync(id))[0];
            Assert.True(attempt == m.Attempts, $"attempt {attempt}: {m.Attempts} attempts, status {m.Status}, next {m.NextAttemptAt:O}, t {t:O}, locked {m.LockedUntil:O}");
            if (attempt < 5)
            {
                Assert.Equal(OutboxStatus.Pending, m.Status);
                waits.Add(m.NextAttemptAt - t);
                t = m.NextAttemptAt;
            }
            else
            {
                Assert.Equal(OutboxStatus.Failed, m.Status);
                Assert.Equal("SMS-tjänsten svarar inte", m.LastError);
            }
        }
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8)], waits);

        var staff = await app.Data.StaffAsync(unit.Id, Profession.Lakare, StaffRole.Administrator);
        var admin = await app.StaffClientAsync(staff.Id.Value, unit.Id.Value);
        var problems = JsonDocument.Parse(await admin.GetStringAsync("/api/utkorg/alla?visa=Problem")).RootElement;
        var row = problems.GetProperty("messages").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == confirmation.Id);
        Assert.Equal("Failed", row.GetProperty("status").GetString());
        Assert.Equal(5, row.GetProperty("attempts").GetInt32());
        Assert.DoesNotContain("0701234567", problems.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(resident.FamilyName, problems.GetRawText(), StringComparison.Ordinal);

        // A resident may not see the administrator's view or retry.
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await residentClient.GetAsync("/api/utkorg/alla")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await residentClient.PostAsync($"/api/utkorg/{confirmation.Id}/forsok-igen", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/utkorg/{confirmation.Id}/forsok-igen", null)).StatusCode);
        var sms = new CountingSms();
        await DrainAsync(Dispatcher(sms), app.Now.AddSeconds(1));
        Assert.Contains(confirmation.Id, sms.Sent);
        Assert.Equal(OutboxStatus.Sent, (await MessagesAsync(id))[0].Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/utkorg/{confirmation.Id}/forsok-igen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/utkorg/999999999/forsok-igen", null)).StatusCode);
    }

    [Fact]
    public async Task Cancelling_withdraws_the_pending_reminder_and_sends_a_cancellation_instead()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        await PreferSmsAsync(resident.Id);
        var slot = await SlotAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var id = await TestData.BookAsync(client, slot);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/booking/appointments/{id}/cancel", null)).StatusCode);

        var messages = await MessagesAsync(id);
        Assert.Equal(OutboxStatus.Withdrawn, messages.Single(m => m.Kind == SendBookingReminders.ReminderKind).Status);
        var cancellation = messages.Single(m => m.Kind == SendBookingReminders.CancellationKind);
        Assert.Equal(OutboxStatus.Pending, cancellation.Status);

        var sms = new CountingSms();
        await DrainAsync(Dispatcher(sms), slot.Start - TimeSpan.FromHours(23));
        Assert.Contains(cancellation.Id, sms.Sent);
        Assert.DoesNotContain(messages.Single(m => m.Kind == SendBookingReminders.ReminderKind).Id, sms.Sent);
    }

    [Fact]
    public async Task One_dispatch_drains_a_backlog_larger_than_a_batch()
    {
        var unit = await app.Data.UnitAsync();
        var first = await app.Data.ResidentAsync(unit.Id);
        var second = await app.Data.ResidentAsync(unit.Id);
        await PreferSmsAsync(first.Id);
        var now = app.Now;
        var (reference, ids) = await BacklogAsync(23, now, first.Id, second.Id);
        var sms = new CountingSms();

        var sent = await Dispatcher(sms, batchSize: 5).DispatchDueAsync(now, CancellationToken.None);

        Assert.True(sent >= 23, $"{sent} sent");
        var after = await BacklogMessagesAsync(reference);
        Assert.All(after, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(after, m => Assert.Equal(1, m.Attempts));
        Assert.All(after, m => Assert.Null(m.LockToken));
        Assert.All(after, m => Assert.Equal(m.Recipient == first.Id ? MessageChannel.Sms : MessageChannel.Utkorg, m.DeliveredVia));
        Assert.Equal(after.Where(m => m.Recipient == first.Id).Select(m => m.Id).Order(), sms.Sent.Where(ids.Contains).Order());
    }

    [Fact]
    public async Task Two_dispatchers_racing_over_a_backlog_send_each_message_exactly_once()
    {
        var unit = await app.Data.UnitAsync();
        var residents = new List<ResidentId>();
        for (var i = 0; i < 3; i++)
        {
            var resident = await app.Data.ResidentAsync(unit.Id);
            await PreferSmsAsync(resident.Id);
            residents.Add(resident.Id);
        }
        var now = app.Now;
        var (reference, ids) = await BacklogAsync(60, now, [.. residents]);
        var sms = new CountingSms();

        await Task.WhenAll(
            Dispatcher(sms, batchSize: 4).DispatchDueAsync(now, CancellationToken.None),
            Dispatcher(sms, batchSize: 7).DispatchDueAsync(now, CancellationToken.None));

        var ours = sms.Sent.Where(ids.Contains).ToList();
        Assert.Equal(ids.Order(), ours.Order());
        var after = await BacklogMessagesAsync(reference);
        Assert.All(after, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(after, m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task In_a_batch_the_failures_back_off_and_end_failed_while_the_others_are_sent()
    {
        var unit = await app.Data.UnitAsync();
        var bySms = await app.Data.ResidentAsync(unit.Id);
        var byUtkorg = await app.Data.ResidentAsync(unit.Id);
        await PreferSmsAsync(bySms.Id);
        var (reference, _) = await BacklogAsync(7, app.Now, bySms.Id, byUtkorg.Id);
        var t = (await BacklogMessagesAsync(reference))[0].NextAttemptAt; // as stored (the database rounds to microseconds)
        var failing = Dispatcher(new FailingSms(), batchSize: 3);

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await failing.DispatchDueAsync(t.AddSeconds(-1), CancellationToken.None);
            Assert.All((await BacklogMessagesAsync(reference)).Where(m => m.Recipient == bySms.Id), m => Assert.Equal(attempt - 1, m.Attempts));
            await failing.DispatchDueAsync(t, CancellationToken.None);
            var after = await BacklogMessagesAsync(reference);
            Assert.All(after.Where(m => m.Recipient == byUtkorg.Id), m => Assert.Equal((OutboxStatus.Sent, 1, MessageChannel.Utkorg), (m.Status, m.Attempts, m.DeliveredVia!.Value)));
            var failed = after.Where(m => m.Recipient == bySms.Id).ToList();
            Assert.Equal(4, failed.Count);
            Assert.All(failed, m => Assert.Equal(attempt, m.Attempts));
            Assert.All(failed, m => Assert.Null(m.LockToken));
            Assert.All(failed, m => Assert.Equal("SMS-tjänsten svarar inte", m.LastError));
            Assert.All(failed, m => Assert.Equal(attempt < 5 ? OutboxStatus.Pending : OutboxStatus.Failed, m.Status));
            if (attempt < 5)
            {
                Assert.Single(failed.Select(m => m.NextAttemptAt).Distinct());
                waits.Add(failed[0].NextAttemptAt - t);
                t = failed[0].NextAttemptAt;
            }
        }
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8)], waits);
    }

    [Fact]
    public async Task Booking_messages_carry_date_and_time_but_no_unit_staff_or_speciality()
    {
        var unit = await app.Data.UnitAsync(name: "Psykiatrimottagningen och BVC Testby");
        var staff = await app.Data.StaffAsync(unit.Id, Profession.Psykolog, givenName: "Kurator");
        var resident = await app.Data.ResidentAsync(unit.Id);
        var start = new DateTimeOffset(app.Now.UtcDateTime.Date.AddDays(4).AddHours(8), TimeSpan.Zero);
        var slot = new Slot { UnitId = unit.Id, StaffId = staff.Id, Profession = Profession.Psykolog, Type = SlotType.Besok, Start = start, End = start.AddMinutes(45), WebBookable = true };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(slot);
            await db.SaveChangesAsync();
        });
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var id = await TestData.BookAsync(client, slot);
        await client.PostAsync($"/api/booking/appointments/{id}/cancel", null);

        var messages = await MessagesAsync(id);
        Assert.Equal(3, messages.Count);
        var local = Stockholm.ToLocal(start);
        foreach (var m in messages)
        {
            var text = m.Subject + " " + m.Body;
            foreach (var forbidden in new[] { "Psykiatri", "psykiatri", "BVC", "Testby", "Psykolog", "psykolog", "Kurator", staff.FamilyName, resident.FamilyName, unit.HsaId })
            {
                Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
            }
            Assert.Contains(local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), m.Body, StringComparison.Ordinal);
            Assert.Contains(local.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Body, StringComparison.Ordinal);
            Assert.Contains("Logga in i Nära för detaljer", m.Body, StringComparison.Ordinal);
        }
        Assert.Contains("avboka", messages[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_details_for_the_chosen_channel_or_for_a_letter_the_message_goes_to_the_utkorg()
    {
        var unit = await app.Data.UnitAsync();
        var noAddress = await app.Data.ResidentAsync(unit.Id);
        var letter = await app.Data.ResidentAsync(unit.Id);
        await app.Data.WithDbAsync(async db =>
        {
            (await db.Set<Resident>().FirstAsync(x => x.Id == noAddress.Id)).PreferredChannel = NotificationChannel.Epost;
            (await db.Set<Resident>().FirstAsync(x => x.Id == letter.Id)).PreferredChannel = NotificationChannel.Brev;
            await db.SaveChangesAsync();
        });
        var a = await TestData.BookAsync(await app.ResidentClientAsync(noAddress.Id.Value), await SlotAsync(unit.Id));
        var b = await TestData.BookAsync(await app.ResidentClientAsync(letter.Id.Value), await SlotAsync(unit.Id));
        var sms = new CountingSms();

        await DrainAsync(Dispatcher(sms), app.Now.AddSeconds(1));

        Assert.Equal(MessageChannel.Utkorg, (await MessagesAsync(a))[0].DeliveredVia);
        Assert.Equal(MessageChannel.Utkorg, (await MessagesAsync(b))[0].DeliveredVia);
    }

    [Fact]
    public async Task An_smtp_failure_is_stored_without_the_address()
    {
        var sender = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = 1, Security = "None" },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SmtpEmailSender>.Instance);
        var failure = await Assert.ThrowsAsync<ChannelException>(() =>
            sender.SendAsync(new OutgoingEmail(1, "Påminnelse", "anna.andersson@exempel.invalid", "Ämne", "Text"), CancellationToken.None));
        Assert.StartsWith("SMTP:", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("anna", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_resident_sees_their_sent_messages_in_the_utkorg_and_not_anyone_elses()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var other = await app.Data.ResidentAsync(unit.Id);
        var mine = await TestData.BookAsync(await app.ResidentClientAsync(resident.Id.Value), await SlotAsync(unit.Id));
        var theirs = await TestData.BookAsync(await app.ResidentClientAsync(other.Id.Value), await SlotAsync(unit.Id));
        await DrainAsync(Dispatcher(), app.Now.AddSeconds(1));

        var client = await app.ResidentClientAsync(resident.Id.Value);
        var page = JsonDocument.Parse(await client.GetStringAsync("/api/utkorg")).RootElement;
        var ids = page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();
        Assert.Contains((await MessagesAsync(mine))[0].Id, ids);
        Assert.DoesNotContain((await MessagesAsync(theirs))[0].Id, ids);
        Assert.DoesNotContain((await MessagesAsync(mine))[1].Id, ids); // the reminder is not sent yet
        Assert.Equal("Din tid är bokad", page.GetProperty("messages")[0].GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/utkorg")).StatusCode);
    }

    [Fact]
    public async Task Retention_prunes_old_sent_and_withdrawn_messages_in_batches_and_keeps_recent_pending_and_failed_ones()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        // Long before every other test's messages (written around today), so only these can be old enough here.
        var t0 = new DateTimeOffset(2001, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var cutoff = t0.AddHours(1);
        var clock = new FakeTimeProvider(cutoff.AddDays(90));
        var reference = $"test:{Guid.NewGuid():N}";
        OutboxMessage Message(string kind, OutboxStatus status, DateTimeOffset due, DateTimeOffset? sentAt = null) => new()
        {
            Recipient = resident.Id,
            Kind = kind,
            Subject = "Ämne",
            Body = "Text",
            Reference = reference,
            CreatedAt = t0.AddDays(-1),
            SendAt = due,
            NextAttemptAt = due,
            Status = status,
            Attempts = status == OutboxStatus.Failed ? 5 : sentAt is null ? 0 : 1,
            LastAttemptAt = status == OutboxStatus.Failed ? due : sentAt,
            SentAt = sentAt,
            DeliveredVia = sentAt is null ? null : MessageChannel.Utkorg,
        };
        var messages = new List<OutboxMessage>
        {
            Message("OldSent", OutboxStatus.Sent, t0, t0),
            Message("OldSent", OutboxStatus.Sent, t0.AddMinutes(1), t0.AddMinutes(2)),
            Message("OldSent", OutboxStatus.Sent, t0.AddMinutes(3), t0.AddMinutes(3)),
            Message("OldWithdrawn", OutboxStatus.Withdrawn, t0),
            // Due long ago but sent only after the cutoff: it counts from when it was sent.
            Message("RecentSent", OutboxStatus.Sent, t0, cutoff.AddMinutes(1)),
            // A reminder withdrawn before its time, which is after the cutoff.
            Message("LaterWithdrawn", OutboxStatus.Withdrawn, cutoff.AddMinutes(1)),
            Message("OldPending", OutboxStatus.Pending, t0),
            Message("OldFailed", OutboxStatus.Failed, t0),
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.AddRange(messages);
            await db.SaveChangesAsync();
        });

        // Two rows a statement: the three old sent messages take two statements.
        async Task<int> PruneAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await ActivatorUtilities.CreateInstance<PruneOutbox>(scope.ServiceProvider,
                new OutboxOptions { RetentionDays = 90, PruneBatchSize = 2, DispatcherEnabled = false }, clock).RunAsync(CancellationToken.None);
        }

        Assert.Equal(4, await PruneAsync());
        var left = await BacklogMessagesAsync(reference);
        Assert.Equal(["RecentSent", "LaterWithdrawn", "OldPending", "OldFailed"], left.Select(m => m.Kind));
        Assert.Equal(messages.Skip(4).Select(m => m.Id), left.Select(m => m.Id));
        Assert.Equal(0, await PruneAsync());
        Assert.Equal(4, (await BacklogMessagesAsync(reference)).Count);

        // An hour later the recent sent one and the later withdrawn one are old too; pending and failed ones never go.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await PruneAsync());
        Assert.Equal(["OldPending", "OldFailed"], (await BacklogMessagesAsync(reference)).Select(m => m.Kind));
    }
}

[Collection(SqliteTests.Name)]
public sealed class OutboxTestsOnSqlite(SqliteApp app) : OutboxTests(app);

[Collection(PostgresTests.Name)]
public sealed class OutboxTestsOnPostgres(PostgresApp app) : OutboxTests(app);

/// <summary>The retention setting: 90 days unless configured, and a start with a value out of range is stopped.</summary>
public sealed class OutboxRetentionOptionsTests
{
    private static OutboxOptions From(string? retentionDays) => OutboxOptions.From(new ConfigurationBuilder()
        .AddInMemoryCollection(retentionDays is null ? [] : [new("Nara:Notifications:RetentionDays", retentionDays)]).Build());

    [Fact]
    public void Retention_is_90_days_unless_configured()
    {
        Assert.Equal(90, From(null).RetentionDays);
        Assert.Equal(TimeSpan.FromDays(30), From("30").Retention);
        Assert.Equal(1, From("1").RetentionDays);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("36501")]
    public void A_retention_out_of_range_is_refused_with_the_setting_named(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(value));
        Assert.Contains("Nara:Notifications:RetentionDays", error.Message, StringComparison.Ordinal);
    }
}
