using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Organisation;

/// <summary>
/// Units and municipality names are reference data read on nearly every request (to name the unit in a log line, a
/// listing, a FHIR reference) and changed rarely. They are held in memory and dropped whenever a save through EF
/// touches a unit or a municipality, so a reader never sees an old name after the change is committed.
/// The synthetic generator writes around EF, and only before the app serves requests. With several app nodes a change
/// made on another node is seen here within <see cref="MaxAge"/>.
/// </summary>
public sealed class OrganisationCache(IServiceScopeFactory scopes, TimeProvider time) : SaveChangesInterceptor
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private sealed record Snapshot(IReadOnlyDictionary<UnitId, UnitSummary> Units, IReadOnlyDictionary<UnitId, string?> OpeningHours, IReadOnlyDictionary<string, string> Municipalities, DateTimeOffset LoadedAt);

    private volatile Snapshot? _snapshot;
    private volatile int _version;

    public async Task<IReadOnlyDictionary<UnitId, UnitSummary>> UnitsAsync(CancellationToken ct) => (await GetAsync(ct)).Units;

    public async Task<IReadOnlyDictionary<UnitId, string?>> OpeningHoursAsync(CancellationToken ct) => (await GetAsync(ct)).OpeningHours;

    public async Task<IReadOnlyDictionary<string, string>> MunicipalitiesAsync(CancellationToken ct) => (await GetAsync(ct)).Municipalities;

    private async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        if (_snapshot is { } current && time.GetUtcNow() - current.LoadedAt < MaxAge)
        {
            return current;
        }
        var version = _version;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var units = await db.Set<CareUnit>().AsNoTracking().ToListAsync(ct);
        var municipalities = await db.Set<Municipality>().AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Name, ct);
        var snapshot = new Snapshot(
            units.ToDictionary(u => u.Id, u => new UnitSummary(u.Id, u.Name, u.Type, u.MunicipalityCode, u.HsaId)),
            units.ToDictionary(u => u.Id, u => u.OpeningHours),
            municipalities,
            time.GetUtcNow());
        // Keep it only if nothing changed while loading; otherwise the next reader loads again.
        if (version == _version)
        {
            _snapshot = snapshot;
        }
        return snapshot;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InvalidateIfTouched(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InvalidateIfTouched(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateIfTouched(eventData.Context, afterSave: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfTouched(eventData.Context, afterSave: true);
        return ValueTask.FromResult(result);
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _touching = [];

    // Dropped before the save (so a load racing it is discarded by the version check) and again after the commit
    // (so a load that read the old rows while the save was in flight is not kept either).
    private void InvalidateIfTouched(DbContext? context, bool afterSave = false)
    {
        if (context is null)
        {
            return;
        }
        if (afterSave)
        {
            // TryGetValue first: it takes no lock, and almost no save touches a unit.
            if (_touching.TryGetValue(context, out _) && _touching.Remove(context))
            {
                Invalidate();
            }
            return;
        }
        if (context.ChangeTracker.Entries().Any(e => e.Entity is CareUnit or Municipality && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            _touching.AddOrUpdate(context, this);
            Invalidate();
        }
    }

    /// <summary>Forgets everything; the next reader loads from the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _snapshot = null;
    }
}
