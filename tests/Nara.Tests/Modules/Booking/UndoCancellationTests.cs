using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Booking;

/// <summary>A cancellation can be undone for a short while: the same time is booked again if it is still free.</summary>
public abstract class UndoCancellationTests(NaraApp app)
{
    private async Task<(Slot Slot, Guid Appointment, HttpClient Client)> BookedAndCancelledAsync()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var slot = await app.Data.SlotAsync(unit.Id, new DateTimeOffset(app.Now.UtcDateTime.Date.AddDays(5).AddHours(9), TimeSpan.Zero));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var booked = await client.PostAsJsonAsync($"/api/booking/slots/{slot.Id}/book", new { reason = "Kontroll" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = JsonDocument.Parse(await booked.Content.ReadAsStringAsync()).RootElement.GetProperty("appointmentId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/booking/appointments/{id}/cancel", null)).StatusCode);
        return (slot, id, client);
    }

    private Task<List<Appointment>> OnSlotAsync(Slot slot) =>
        app.Data.WithDbAsync(db => db.Set<Appointment>().AsNoTracking().Where(a => a.SlotId == slot.Id).ToListAsync());

    [Fact]
    public async Task A_resident_undoes_a_cancellation_and_has_the_same_time_again_with_the_cancellation_kept_in_the_history()
    {
        var (slot, id, client) = await BookedAndCancelledAsync();
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/booking/my-appointments");
        Assert.True(listed.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id).GetProperty("canUndo").GetBoolean());

        var undone = await client.PostAsync($"/api/booking/appointments/{id}/undo-cancel", null);

        Assert.Equal(HttpStatusCode.Created, undone.StatusCode);
        var rows = await OnSlotAsync(slot);
        Assert.Equal([AppointmentStatus.Avbokad, AppointmentStatus.Bokad], rows.OrderBy(a => a.Status == AppointmentStatus.Bokad).Select(a => a.Status));
        Assert.Equal("Kontroll", rows.Single(a => a.Status == AppointmentStatus.Bokad).Reason);
        // Once is enough: the same cancellation cannot be undone into a second booking.
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/booking/appointments/{id}/undo-cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Too_late_taken_by_someone_else_or_not_ones_own_cannot_be_undone()
    {
        var (slot, id, client) = await BookedAndCancelledAsync();
        var other = await app.ResidentClientAsync((await app.Data.ResidentAsync()).Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/booking/appointments/{id}/undo-cancel", null)).StatusCode);

        // Someone else booked the freed time.
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync($"/api/booking/slots/{slot.Id}/book", new { })).StatusCode);
        var taken = await client.PostAsync($"/api/booking/appointments/{id}/undo-cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("redan bokad", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A cancellation twenty minutes ago is history.
        var (_, late, lateClient) = await BookedAndCancelledAsync();
        await app.Data.WithDbAsync(db => db.Set<Appointment>().Where(a => a.Id == new AppointmentId(late))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CancelledAt, app.Now.AddMinutes(-20))));
        var tooLate = await lateClient.PostAsync($"/api/booking/appointments/{late}/undo-cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Contains("kan inte längre ångras", await tooLate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteTests.Name)]
public sealed class UndoCancellationTestsOnSqlite(SqliteApp app) : UndoCancellationTests(app);

[Collection(PostgresTests.Name)]
public sealed class UndoCancellationTestsOnPostgres(PostgresApp app) : UndoCancellationTests(app);
