using System.Collections.Concurrent;

namespace Nara.Platform.Persistence;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileQuery</c>, <c>EF.CompileAsyncQuery</c>) for each database engine. A compiled
/// query translates its SQL once, for the first context it runs on, and reuses it; one process that uses both engines
/// (the tests do) must keep one per context type, or SQLite's SQL would be sent to PostgreSQL.
/// </summary>
public sealed class CompiledPerEngine<TQuery>(Func<TQuery>? compile = null) where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _byContext = new();

    /// <summary>The compiled query for this context's engine, compiled on first use.</summary>
    public TQuery For(NaraDbContext db) =>
        For(db, compile ?? throw new InvalidOperationException("This compiled query is built with a compile function given on use."));

    /// <summary>As <see cref="For(NaraDbContext)"/>, for a query whose expression needs a service to build (the access rules' sources).</summary>
    public TQuery For(NaraDbContext db, Func<TQuery> build) => _byContext.GetOrAdd(db.GetType(), static (_, b) => b(), build);
}
