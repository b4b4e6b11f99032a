using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Nara.Platform.Persistence;

/// <summary>
/// Tells a save that failed on one particular unique index (a race the index decides, such as two bookings of one slot)
/// from any other failure, on both engines: PostgreSQL names the index; SQLite names the table and its columns.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsOn<TEntity>(NaraDbContext db, DbUpdateException exception, string indexName)
    {
        var index = db.Model.FindEntityType(typeof(TEntity))?.GetIndexes().SingleOrDefault(i => i.GetDatabaseName() == indexName)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no index {indexName}.");
        return exception.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName == indexName,
            SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique } sqlite =>
                sqlite.Message.Contains(SqliteColumns(index), StringComparison.Ordinal),
            _ => false,
        };
    }

    // "UNIQUE constraint failed: Appointments.SlotId" (several columns are listed with ", ").
    private static string SqliteColumns(IIndex index)
    {
        var table = StoreObjectIdentifier.Table(index.DeclaringEntityType.GetTableName()!, index.DeclaringEntityType.GetSchema());
        return string.Join(", ", index.Properties.Select(p => $"{table.Name}.{p.GetColumnName(table)}"));
    }
}
