using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Persistence;

namespace Nara.Tests.Infrastructure;

/// <summary>The engine's plan for a query EF Core would send: PostgreSQL's EXPLAIN, SQLite's EXPLAIN QUERY PLAN, one line each.</summary>
public static class QueryPlan
{
    public static async Task<List<string>> LinesAsync(NaraDbContext db, DbCommand command)
    {
        command.CommandText = (db.Database.IsNpgsql() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        await db.Database.OpenConnectionAsync();
        try
        {
            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
            }
            return plan;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
