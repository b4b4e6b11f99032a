using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// Inside a command's transaction the audit event and outbox messages are only added to the context; they must reach the
/// database with the commit even when the command makes no last save of its own, and must not when it rolls back.
/// </summary>
public abstract class SaveBeforeCommitTests(NaraApp app)
{
    private async Task<(int Audit, int Outbox)> CountAsync(Guid resident) =>
        await app.Data.WithDbAsync(async db => (
            await db.Set<AuditEvent>().CountAsync(e => e.ResidentId == new Nara.Platform.Identifiers.ResidentId(resident)),
            await db.Set<OutboxMessage>().CountAsync(m => m.Recipient == new Nara.Platform.Identifiers.ResidentId(resident))));

    private async Task RunCommandAsync(Guid resident, bool commit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<ResidentAccess>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var actor = new Actor(resident, "Testa Invånare", NaraRoles.Invanare, null, null);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await access.RequireAsync(actor, actor.ResidentId, AccessRequest.Write("Test"), CancellationToken.None);
        await outbox.EnqueueAsync(new NewMessage(actor.ResidentId, "Test", "Ämne", "Text", app.Now), CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
        }
    }

    [Fact]
    public async Task What_a_command_added_is_saved_with_its_commit_and_only_once()
    {
        var resident = (await app.Data.ResidentAsync((await app.Data.UnitAsync()).Id)).Id.Value;

        await RunCommandAsync(resident, commit: true);

        Assert.Equal((1, 1), await CountAsync(resident));
    }

    // A command that collects its writes for one batch (the booking): the audit event and the outbox message wait for its
    // one save; a failing row in the batch (here a slot that already exists) takes the others with it.
    private async Task<int> CollectAsync(Guid resident, object? failing)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<ResidentAccess>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var actor = new Actor(resident, "Testa Invånare", NaraRoles.Invanare, null, null);
        using var writes = db.CollectWrites();
        await access.RequireAsync(actor, actor.ResidentId, AccessRequest.Write("Test"), CancellationToken.None);
        await outbox.EnqueueAsync(new NewMessage(actor.ResidentId, "Test", "Ämne", "Text", app.Now), CancellationToken.None);
        if (failing is not null)
        {
            db.Add(failing);
        }
        var tally = StatementCounter.Begin();
        await db.SaveChangesAsync();
        return tally.Statements;
    }

    [Fact]
    public async Task A_command_that_collects_its_writes_saves_them_in_one_batch_all_or_nothing()
    {
        var unit = await app.Data.UnitAsync();
        var saved = (await app.Data.ResidentAsync(unit.Id)).Id.Value;
        var failed = (await app.Data.ResidentAsync(unit.Id)).Id.Value;
        var existing = await app.Data.SlotAsync(unit.Id, app.Now.AddDays(1));

        var statements = await CollectAsync(saved, null);
        await Assert.ThrowsAsync<DbUpdateException>(() => CollectAsync(failed, existing));

        Assert.Equal((1, 1), await CountAsync(saved));
        Assert.Equal((0, 0), await CountAsync(failed));
        // PostgreSQL runs the batch as one implicit transaction: no BEGIN and COMMIT round trip of its own. SQLite's two
        // inserts and its commit are calls into the process.
        Assert.Equal(app is PostgresApp ? 1 : 3, statements);
    }

    [Fact]
    public async Task What_a_command_added_is_gone_when_it_rolls_back()
    {
        var resident = (await app.Data.ResidentAsync((await app.Data.UnitAsync()).Id)).Id.Value;

        await RunCommandAsync(resident, commit: false);

        Assert.Equal((0, 0), await CountAsync(resident));
    }
}

[Collection(SqliteTests.Name)]
public sealed class SaveBeforeCommitTestsOnSqlite(SqliteApp app) : SaveBeforeCommitTests(app);

[Collection(PostgresTests.Name)]
public sealed class SaveBeforeCommitTestsOnPostgres(PostgresApp app) : SaveBeforeCommitTests(app);
