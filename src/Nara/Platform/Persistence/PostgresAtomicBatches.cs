using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace Nara.Platform.Persistence;

#pragma warning disable EF1001 // Npgsql's batch and its factory are public types in an Internal namespace; versions are pinned centrally.

/// <summary>
/// A save that fits in one batch needs no transaction of its own on PostgreSQL: Npgsql sends the batch's statements with
/// one Sync, and the server runs everything up to a Sync as one implicit transaction — if a statement fails, the ones
/// before it are rolled back (PostgreSQL manual, Frontend/Backend Protocol, "Extended Query"; Npgsql's batches keep this unless
/// error barriers are asked for). EF Core assumes a batch of several statements is not atomic (true of SQL Server) and
/// wraps it in BEGIN … COMMIT, one round trip more for every save outside a command's own transaction. These batches
/// tell EF that they are atomic by themselves; a save that needs several batches still gets EF's transaction.
/// </summary>
internal sealed class PostgresAtomicBatchFactory : NpgsqlModificationCommandBatchFactory
{
    private const int NpgsqlDefaultMaxBatchSize = 1000;

    private readonly ModificationCommandBatchFactoryDependencies _dependencies;
    private readonly int _maxBatchSize;

    public PostgresAtomicBatchFactory(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options)
        : base(dependencies, options)
    {
        _dependencies = dependencies;
        _maxBatchSize = options.FindExtension<NpgsqlOptionsExtension>()?.MaxBatchSize ?? NpgsqlDefaultMaxBatchSize;
    }

    public override ModificationCommandBatch Create() => new AtomicBatch(_dependencies, _maxBatchSize);

    private sealed class AtomicBatch(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
        : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
    {
        public override bool RequiresTransaction => false;
    }
}
