using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nara.Platform.Persistence;

/// <summary>
/// Counts the SQL statements one request sends, and the audit batches it waits for, so that a page's cost in round
/// trips is a number tests can hold (statement budgets) and production can watch (the <c>nara.db.statements</c>
/// histogram). EF Core commands and commits are counted by these interceptors; the few hand-written commands on a request's
/// connection call <see cref="Count"/>. The audit writer's group commit runs on its own connection and is counted
/// as one audit batch per write the request waits for, not as the statements of the batch (which holds other
/// requests' rows too).
/// </summary>
public sealed class StatementCounter : DbCommandInterceptor
{
    public static readonly StatementCounter Instance = new();

    /// <summary>The response header with the counts, sent when <c>Nara:Diagnostics:StatementHeader</c> is true (tests, benches).</summary>
    public const string Header = "X-Nara-Statements";

    private static readonly AsyncLocal<Tally?> Current = new();
    private static readonly Meter Meter = new("Nara");
    private static readonly Histogram<int> PerRequest = Meter.CreateHistogram<int>("nara.db.statements", "{statement}", "SQL statements sent by one HTTP request");

    private StatementCounter()
    {
    }

    /// <summary>What one request sent.</summary>
    public sealed class Tally
    {
        private int _statements;
        private int _auditBatches;

        public int Statements => Volatile.Read(ref _statements);

        public int AuditBatches => Volatile.Read(ref _auditBatches);

        internal void AddStatement() => Interlocked.Increment(ref _statements);

        internal void AddAuditBatch() => Interlocked.Increment(ref _auditBatches);

        public override string ToString() => $"{Statements}; audit={AuditBatches}";
    }

    /// <summary>Starts counting for the current request (the async flow below this call).</summary>
    public static Tally Begin()
    {
        var tally = new Tally();
        Current.Value = tally;
        return tally;
    }

    /// <summary>Counts a hand-written command sent on the request's connection.</summary>
    public static void Count() => Current.Value?.AddStatement();

    /// <summary>Counts one audit batch the request waits for.</summary>
    public static void CountAuditBatch() => Current.Value?.AddAuditBatch();

    internal static void Record(Tally tally) => PerRequest.Record(tally.Statements);

    /// <summary>Counts each commit of a request's transaction as a statement: it is a round trip like any other.</summary>
    public sealed class Commits : DbTransactionInterceptor
    {
        public static readonly Commits Instance = new();

        private Commits()
        {
        }

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }
}

/// <summary>Counts each request's statements (see <see cref="StatementCounter"/>), records them, and sends them back when configured.</summary>
public static class StatementCounting
{
    public static IApplicationBuilder UseNaraStatementCounting(this IApplicationBuilder app)
    {
        var header = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue<bool>("Nara:Diagnostics:StatementHeader");
        return app.Use(async (context, next) =>
        {
            var tally = StatementCounter.Begin();
            if (header)
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[StatementCounter.Header] = tally.ToString();
                    return Task.CompletedTask;
                });
            }
            try
            {
                await next(context);
            }
            finally
            {
                StatementCounter.Record(tally);
            }
        });
    }
}
