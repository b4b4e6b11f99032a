using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nara.Platform.Persistence;

/// <summary>
/// Saves what a command has added to its context but not yet saved, just before its transaction commits. Inside a
/// command's transaction the audit event and the outbox messages are only added, so they go to the database together
/// with the command's other writes in one batch (one round trip) instead of one save each; this makes sure nothing added
/// is lost when a command commits without a last save of its own. A save that fails here fails the commit: the command's
/// transaction rolls back as a whole.
/// </summary>
public sealed class SaveBeforeCommit : DbTransactionInterceptor
{
    public static readonly SaveBeforeCommit Instance = new();

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is NaraDbContext { IsSaving: false } context && context.ChangeTracker.HasChanges())
        {
            context.SaveChanges();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is NaraDbContext { IsSaving: false } context && context.ChangeTracker.HasChanges())
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        return result;
    }
}
