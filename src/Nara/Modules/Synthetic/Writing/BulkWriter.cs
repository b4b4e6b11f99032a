using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Nara.Platform.Persistence;
using Npgsql;
using SQLitePCL;

namespace Nara.Modules.Synthetic.Writing;

/// <summary>
/// Writes millions of rows without EF change tracking. Table names, column names, type mappings and value converters
/// all come from the EF model, so the writer follows the schema instead of repeating it. Rows are buffered per table
/// and flushed in registration order (parents before children, for the foreign keys), all in one transaction:
/// SQLite through prepared multi-row INSERTs, PostgreSQL through binary COPY.
/// </summary>
internal abstract class BulkWriter : IAsyncDisposable
{
    private const int FlushThreshold = 100_000;

    private readonly List<ITable> _tables = [];
    private readonly Dictionary<Type, ITable> _byType = [];
    private int _buffered;

    protected BulkWriter(NaraDbContext db, DbConnection connection)
    {
        Db = db;
        Connection = connection;
    }

    protected NaraDbContext Db { get; }
    protected DbConnection Connection { get; }
    protected DbTransaction? Transaction { get; set; }

    public long RowsWritten { get; private set; }

    public static async Task<BulkWriter> OpenAsync(NaraDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }
        BulkWriter writer = connection switch
        {
            SqliteConnection => new SqliteBulkWriter(db, connection),
            NpgsqlConnection => new PostgresBulkWriter(db, connection),
            _ => throw new NotSupportedException($"Bulk writing is not implemented for {connection.GetType().Name}."),
        };
        await writer.BeginAsync(ct);
        return writer;
    }

    /// <summary>Declares the tables in the order they must be flushed (principal tables first).</summary>
    public async Task RegisterAsync<T>(CancellationToken ct) where T : class
    {
        var entity = Db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = new Table<T>(entity);
        _tables.Add(table);
        _byType[typeof(T)] = table;
        await OnRegisterAsync(table, ct);
    }

    protected virtual Task OnRegisterAsync(ITable table, CancellationToken ct) => Task.CompletedTask;

    protected virtual Task BeforeCommitAsync(CancellationToken ct) => Task.CompletedTask;

    public async ValueTask AddAsync<T>(T row, CancellationToken ct) where T : class
    {
        ((Table<T>)_byType[typeof(T)]).Rows.Add(row);
        if (++_buffered >= FlushThreshold)
        {
            await FlushAsync(ct);
        }
    }

    public async ValueTask AddRangeAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        foreach (var row in rows)
        {
            await AddAsync(row, ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var table in _tables)
        {
            if (table.Count > 0)
            {
                await WriteAsync(table, ct);
                RowsWritten += table.Count;
                table.Clear();
            }
        }
        _buffered = 0;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await BeforeCommitAsync(ct);
        await Transaction!.CommitAsync(ct);
        Transaction = null;
        await AfterCommitAsync(ct);
    }

    protected abstract Task BeginAsync(CancellationToken ct);

    protected abstract Task WriteAsync(ITable table, CancellationToken ct);

    protected virtual Task AfterCommitAsync(CancellationToken ct) => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.RollbackAsync();
            await Transaction.DisposeAsync();
        }
        await Db.Database.CloseConnectionAsync();
    }

    /// <summary>
    /// Deletes every row of every table in the model except the audit log, which is append-only by law and by trigger
    /// (the migrations history stays too). Audit events of a replaced region keep their ids; they just point nowhere.
    /// </summary>
    public static async Task EmptyAllTablesAsync(NaraDbContext db, CancellationToken ct)
    {
        var audit = db.Model.FindEntityType(typeof(Platform.Access.AuditEvent))?.GetTableName();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
            .Where(t => t != audit).Distinct(StringComparer.Ordinal).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        if (db.Database.IsNpgsql())
        {
            // Identifiers come from the model, not from input.
            var truncate = $"TRUNCATE {string.Join(", ", tables.Select(t => sql.DelimitIdentifier(t)))} CASCADE";
            await db.Database.ExecuteSqlRawAsync(truncate, ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF", ct);
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var t in tables)
                {
                    var delete = "DELETE FROM " + sql.DelimitIdentifier(t);
                    await db.Database.ExecuteSqlRawAsync(delete, ct);
                }
                await tx.CommitAsync(ct);
            }
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON", ct);
        }
        finally
        {
            // The per-connection settings are applied once per pooled native handle (SqliteConnectionSetup): if this
            // failed half-way, do not hand a handle with foreign keys off back to the pool.
            SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A column as the model maps it: name, store type, relational type mapping and a getter that applies the converter.</summary>
    internal sealed record Column(string Name, string StoreType, RelationalTypeMapping Mapping, Func<object, object?> Get);

    internal interface ITable
    {
        string Name { get; }
        IReadOnlyList<Column> Columns { get; }
        int Count { get; }
        object this[int index] { get; }
        void Clear();
    }

    private sealed class Table<T> : ITable where T : class
    {
        public Table(IEntityType entity)
        {
            Name = entity.GetTableName()!;
            var table = StoreObjectIdentifier.Table(Name, entity.GetSchema());
            var columns = new List<Column>();
            foreach (var property in entity.GetProperties())
            {
                // Store-generated integer keys (identity, autoincrement) are the database's to assign.
                var storeGenerated = property.IsPrimaryKey() && property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && (property.ClrType == typeof(int) || property.ClrType == typeof(long));
                if (storeGenerated || property.IsShadowProperty() || property.PropertyInfo is null)
                {
                    continue;
                }
                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                var converter = property.GetValueConverter() ?? mapping.Converter;
                var parameter = Expression.Parameter(typeof(object));
                var getter = Expression.Lambda<Func<object, object?>>(
                    Expression.Convert(Expression.Property(Expression.Convert(parameter, typeof(T)), property.PropertyInfo), typeof(object)), parameter).Compile();
                Func<object, object?> get = converter is null ? getter : row => getter(row) is { } v ? converter.ConvertToProvider(v) : null;
                columns.Add(new Column(property.GetColumnName(table)!, property.GetColumnType(table), mapping, get));
            }
            Columns = columns;
        }

        public string Name { get; }
        public IReadOnlyList<Column> Columns { get; }
        public List<T> Rows { get; } = [];
        public int Count => Rows.Count;
        public object this[int index] => Rows[index];
        public void Clear() => Rows.Clear();
    }
}

internal sealed class SqliteBulkWriter(NaraDbContext db, DbConnection connection) : BulkWriter(db, connection)
{
    // Statements are prepared and bound through SQLitePCL directly, by position: Microsoft.Data.Sqlite binds every
    // parameter by name on every execution, which was most of the load time. A few hundred variables per INSERT
    // remove most of the per-statement cost (SQLite allows 32,766).
    private const int MaxVariables = 500;
    private readonly Dictionary<(string Table, int Rows), sqlite3_stmt> _statements = [];

    // Secondary indexes dropped for the load and rebuilt after it (in the same transaction): building an index from
    // the finished table is several times faster than maintaining it row by row.
    private readonly List<string> _droppedIndexes = [];

    private string? _journalMode;

    protected override async Task BeginAsync(CancellationToken ct)
    {
        // A rollback journal for the load: in WAL mode every page of a multi-gigabyte transaction is written twice
        // (to the WAL, then checkpointed). Switching needs exclusive access; if another connection is open, SQLite
        // keeps WAL and the load is merely slower.
        await using (var cmd = Connection.CreateCommand())
        {
            cmd.CommandText = "PRAGMA journal_mode";
            _journalMode = (string?)await cmd.ExecuteScalarAsync(ct);
        }
        await Exec("PRAGMA journal_mode = DELETE", ct);
        await Exec("PRAGMA synchronous = OFF", ct);
        await Exec("PRAGMA cache_size = -200000", ct);
        Transaction = await Connection.BeginTransactionAsync(ct);
    }

    protected override async Task OnRegisterAsync(ITable table, CancellationToken ct)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = Connection.CreateCommand())
        {
            cmd.Transaction = Transaction;
            cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $t AND sql IS NOT NULL";
            var p = cmd.CreateParameter();
            p.ParameterName = "$t";
            p.Value = table.Name;
            cmd.Parameters.Add(p);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var sql = Db.GetService<ISqlGenerationHelper>();
        foreach (var (name, create) in indexes)
        {
            await Exec("DROP INDEX " + sql.DelimitIdentifier(name), ct);
            _droppedIndexes.Add(create);
        }
    }

    protected override async Task BeforeCommitAsync(CancellationToken ct)
    {
        foreach (var create in _droppedIndexes)
        {
            await Exec(create, ct);
        }
        _droppedIndexes.Clear();
    }

    private async Task Exec(string sql, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected override Task WriteAsync(ITable table, CancellationToken ct)
    {
        var perStatement = Math.Max(1, MaxVariables / table.Columns.Count);
        var blobGuid = table.Columns.Select(c => c.StoreType.Equals("BLOB", StringComparison.OrdinalIgnoreCase)).ToArray();
        var i = 0;
        while (i < table.Count)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(perStatement, table.Count - i);
            var stmt = Statement(table, rows);
            var index = 1;
            for (var r = 0; r < rows; r++)
            {
                var row = table[i + r];
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    Bind(stmt, index++, table.Columns[c].Get(row), blobGuid[c]);
                }
            }
            var rc = raw.sqlite3_step(stmt);
            if (rc != raw.SQLITE_DONE)
            {
                throw new SqliteException($"SQLite Error {rc}: {raw.sqlite3_errmsg(Handle).utf8_to_string()} ({table.Name})", rc);
            }
            raw.sqlite3_reset(stmt);
            i += rows;
        }
        return Task.CompletedTask;
    }

    private sqlite3 Handle => ((SqliteConnection)Connection).Handle!;

    // Binds as Microsoft.Data.Sqlite would for the provider values EF produces (the converters have already run):
    // Guid as upper-case TEXT (EF's SQLite mapping) unless the column is a BLOB, DateOnly as yyyy-MM-dd, TimeOnly as HH:mm:ss.FFFFFFF, decimal as TEXT.
    private static void Bind(sqlite3_stmt stmt, int index, object? value, bool blobGuid)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(stmt, index),
            string s => raw.sqlite3_bind_text(stmt, index, s),
            Guid g when blobGuid => raw.sqlite3_bind_blob(stmt, index, g.ToByteArray()),
            Guid g => raw.sqlite3_bind_text(stmt, index, g.ToString().ToUpperInvariant()),
            bool b => raw.sqlite3_bind_int(stmt, index, b ? 1 : 0),
            int n => raw.sqlite3_bind_int64(stmt, index, n),
            long n => raw.sqlite3_bind_int64(stmt, index, n),
            short n => raw.sqlite3_bind_int64(stmt, index, n),
            byte n => raw.sqlite3_bind_int64(stmt, index, n),
            double d => raw.sqlite3_bind_double(stmt, index, d),
            float f => raw.sqlite3_bind_double(stmt, index, f),
            decimal m => raw.sqlite3_bind_text(stmt, index, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            DateOnly d => raw.sqlite3_bind_text(stmt, index, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            TimeOnly t => raw.sqlite3_bind_text(stmt, index, t.ToString(@"HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            byte[] bytes => raw.sqlite3_bind_blob(stmt, index, bytes),
            _ => throw new NotSupportedException($"The bulk writer cannot bind {value.GetType().Name} on SQLite."),
        };
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {rc} binding parameter {index}", rc);
        }
    }

    private sqlite3_stmt Statement(ITable table, int rows)
    {
        if (_statements.TryGetValue((table.Name, rows), out var cached))
        {
            return cached;
        }
        var sql = Db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name)).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES ");
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", table.Columns.Count)) + ")";
        text.AppendJoin(", ", Enumerable.Repeat(row, rows));
        var rc = raw.sqlite3_prepare_v2(Handle, text.ToString(), out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {rc}: {raw.sqlite3_errmsg(Handle).utf8_to_string()}", rc);
        }
        _statements[(table.Name, rows)] = stmt;
        return stmt;
    }

    protected override async Task AfterCommitAsync(CancellationToken ct)
    {
        await Exec("PRAGMA synchronous = NORMAL", ct);
        await RestoreJournalModeAsync(ct);
        await Exec("PRAGMA optimize", ct);
    }

    private async Task RestoreJournalModeAsync(CancellationToken ct)
    {
        if (_journalMode is { } mode && Connection.State == System.Data.ConnectionState.Open)
        {
            _journalMode = null;
            await Exec("PRAGMA journal_mode = " + (mode.Equals("wal", StringComparison.OrdinalIgnoreCase) ? "WAL" : "DELETE"), ct);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var stmt in _statements.Values)
        {
            stmt.Dispose();
        }
        _statements.Clear();
        if (Transaction is not null)
        {
            await Transaction.RollbackAsync();
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        await RestoreJournalModeAsync(CancellationToken.None);
        // synchronous and cache_size were changed for the load and settings stay on the pooled native handle, which
        // SqliteConnectionSetup configures only once: let the pool drop it instead of handing it on.
        SqliteConnection.ClearPool((SqliteConnection)Connection);
        await base.DisposeAsync();
    }
}

internal sealed class PostgresBulkWriter(NaraDbContext db, DbConnection connection) : BulkWriter(db, connection)
{
    // As on SQLite: secondary indexes are dropped for the load and rebuilt before commit (primary keys stay).
    private readonly List<string> _droppedIndexes = [];

    protected override async Task BeginAsync(CancellationToken ct) => Transaction = await Connection.BeginTransactionAsync(ct);

    protected override async Task OnRegisterAsync(ITable table, CancellationToken ct)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename = @t " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", (NpgsqlConnection)Connection, (NpgsqlTransaction?)Transaction))
        {
            cmd.Parameters.AddWithValue("t", table.Name);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var sql = Db.GetService<ISqlGenerationHelper>();
        foreach (var (name, create) in indexes)
        {
            await ExecAsync("DROP INDEX " + sql.DelimitIdentifier(name), ct);
            _droppedIndexes.Add(create);
        }
    }

    protected override async Task BeforeCommitAsync(CancellationToken ct)
    {
        foreach (var create in _droppedIndexes)
        {
            await ExecAsync(create, ct);
        }
        _droppedIndexes.Clear();
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, (NpgsqlConnection)Connection, (NpgsqlTransaction?)Transaction);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected override Task WriteAsync(ITable table, CancellationToken ct)
    {
        var sql = Db.GetService<ISqlGenerationHelper>();
        var copy = $"COPY {sql.DelimitIdentifier(table.Name)} ({string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        // Store types carry facets ("character varying(40)"); COPY wants the bare type name.
        var types = table.Columns.Select(c => c.StoreType.Split('(')[0].Trim() + (c.StoreType.EndsWith("[]", StringComparison.Ordinal) && c.StoreType.Contains('(', StringComparison.Ordinal) ? "[]" : string.Empty)).ToArray();
        // Synchronous on purpose: an await per value costs more than the COPY itself, and this runs outside any request.
        using var importer = ((NpgsqlConnection)Connection).BeginBinaryImport(copy);
        for (var i = 0; i < table.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var row = table[i];
            importer.StartRow();
            for (var c = 0; c < types.Length; c++)
            {
                var value = table.Columns[c].Get(row);
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, types[c]);
                }
            }
        }
        importer.Complete();
        return Task.CompletedTask;
    }

    protected override async Task AfterCommitAsync(CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = "ANALYZE";
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
