using Microsoft.EntityFrameworkCore;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Persistence;

/// <summary>
/// The one model. Each module contributes its tables through IEntityTypeConfiguration classes in its Data/ folder;
/// modules reach another module's data only through that module's Contracts, never through its tables.
/// Two subclasses carry one migration set per engine (ADR 0002).
/// </summary>
public abstract class NaraDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NaraDbContext).Assembly, t => !t.IsAbstract);
    }

    private static readonly IReadOnlyList<Type> StrongIds = StrongId.TypesIn(typeof(NaraDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every strong id a module declares is stored as its Guid: a new id type needs no line here.
        foreach (var id in StrongIds)
        {
            configurationBuilder.Properties(id).HaveConversion(typeof(StrongIdConverter<>).MakeGenericType(id));
        }
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 6);
    }

    // A command runs in one transaction and fails as a whole, so EF's savepoint around each save inside it (two extra
    // round trips per save, there to let a caller recover from a failed save and go on) buys nothing here. Set on every
    // save because a pooled context is reset to the default when it is returned.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Database.AutoSavepointsEnabled = false;
        var detecting = DetectChangesOnce();
        _saving++;
        try
        {
            GuardAppendOnly();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            _saving--;
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Database.AutoSavepointsEnabled = false;
        var detecting = DetectChangesOnce();
        _saving++;
        try
        {
            GuardAppendOnly();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            _saving--;
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    // Every ChangeTracker.Entries() call (the append-only guard here, the organisation cache's interceptor) and the save
    // itself would each scan every tracked entity for changes: scan once, then let them read the entries as they are.
    // Nothing changes a tracked entity between here and the save; what interceptors add is added with its state.
    private bool DetectChangesOnce()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }
        return detecting;
    }

    private int _saving;
    private int _collecting;

    /// <summary>
    /// True while what a command causes (its audit events, outbox messages, the changes its event subscribers make) is
    /// collected for the command's own save rather than saved on its own: in the command's transaction, or while the
    /// command collects its writes for one batch (<see cref="CollectWrites"/>).
    /// </summary>
    public bool CollectsWrites => _collecting > 0 || Database.CurrentTransaction is not null;

    /// <summary>True only while a command collects its writes for one batch without a transaction of its own.</summary>
    public bool CollectsForOneBatch => _collecting > 0;

    /// <summary>
    /// The command's writes and everything they cause go to the database in its one <c>SaveChanges</c>, one batch: on
    /// PostgreSQL a batch runs as one implicit transaction in one round trip (no BEGIN and no COMMIT of their own), on
    /// SQLite EF wraps it in a transaction. All or nothing, as with an explicit transaction, for a command whose reads
    /// need not see its own writes: the subscribers of the events it publishes read before the save and write with it.
    /// </summary>
    public IDisposable CollectWrites()
    {
        _collecting++;
        return new Collecting(this);
    }

    private sealed class Collecting(NaraDbContext db) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                db._collecting--;
            }
        }
    }

    /// <summary>True while a save runs: the transaction a save opens for itself commits inside it (see SaveBeforeCommit).</summary>
    internal bool IsSaving => _saving > 0;

    // The audit log is evidence: a bug elsewhere must not be able to rewrite it through this context.
    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit events are append-only.");
            }
        }
    }
}

public sealed class SqliteNaraDbContext(DbContextOptions<SqliteNaraDbContext> options) : NaraDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no native DateTimeOffset: store as a sortable integer so that range queries and ordering run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresNaraDbContext(DbContextOptions<PostgresNaraDbContext> options) : NaraDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Times are stored in UTC (timestamptz takes only offset 0): a time that arrives with a Swedish offset, from a
        // client or a caller, is the same instant in UTC rather than an exception and a 500.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Search keys compare byte by byte, so that a prefix is an index range (see SearchKey).
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(string) && p.Name.EndsWith(SearchKey.PropertySuffix, StringComparison.Ordinal)))
        {
            property.SetCollation("C");
        }
    }
}

/// <summary>Stores the instant in UTC; reads it back as UTC.</summary>
public sealed class UtcDateTimeOffsetConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(), v => v);
