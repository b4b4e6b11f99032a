using System.Data.Common;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Nara.Platform.Persistence;

/// <summary>Entry point for <see cref="ModelTable{T}"/>.</summary>
public static class ModelTable
{
    /// <summary>The table and column mapping of <typeparamref name="T"/> in this context's model.</summary>
    public static ModelTable<T> For<T>(DbContext db) where T : class => ModelTable<T>.For(db);
}

/// <summary>
/// Hand-written SQL for a hot path without repeating the schema: table and column names come from the EF model and are
/// delimited by the provider, parameters are created and values read through the model's type mappings and value
/// converters. So a strong id, a Guid, a DateOnly, a DateTimeOffset or an enum is stored and read exactly as EF does on
/// each engine, and the same SQL text (plain SELECT/INSERT, LIMIT) runs on SQLite and PostgreSQL.
/// One instance per model and entity type, built on first use.
/// </summary>
public sealed class ModelTable<T> where T : class
{
    private static readonly ConditionalWeakTable<IModel, ModelTable<T>> Tables = [];

    private readonly Func<T> _create;
    private readonly ISqlGenerationHelper _sql;

    private ModelTable(IEntityType entity, ISqlGenerationHelper sql)
    {
        _sql = sql;
        var tableName = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        Name = sql.DelimitIdentifier(tableName, entity.GetSchema());
        Columns = entity.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.PropertyInfo is not null)
            .Select(p => new ModelColumn(p, sql.DelimitIdentifier(p.GetColumnName(store)!)))
            .ToList();
        _create = Expression.Lambda<Func<T>>(Expression.New(typeof(T))).Compile();
    }

    internal static ModelTable<T> For(DbContext db) =>
        Tables.GetValue(db.Model, _ => new ModelTable<T>(
            db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model."),
            db.GetService<ISqlGenerationHelper>()));

    /// <summary>The delimited table name.</summary>
    public string Name { get; }

    /// <summary>Every mapped property that has a CLR property, in model order.</summary>
    public IReadOnlyList<ModelColumn> Columns { get; }

    /// <summary>The column of a property, e.g. <c>Column(nameof(Listing.UnitId))</c>.</summary>
    public ModelColumn Column(string property) =>
        Columns.FirstOrDefault(c => c.Property.Name == property) ?? throw new ArgumentException($"{typeof(T).Name}.{property} is not a mapped column.", nameof(property));

    /// <summary>All columns as a select list (<c>a."Id", a."Name", …</c>), in <see cref="Columns"/> order, for <see cref="Read"/>.</summary>
    public string SelectList(string alias) => string.Join(", ", Columns.Select(c => $"{alias}.{c.Name}"));

    /// <summary>A parameter placeholder as the provider writes it (<c>@name</c>).</summary>
    public string Placeholder(string name) => _sql.GenerateParameterNamePlaceholder(name);

    /// <summary>Adds a parameter for a value of <paramref name="column"/>, converted and typed as the model maps it.</summary>
    public DbParameter AddParameter(DbCommand command, ModelColumn column, string name, object? value)
    {
        var parameter = column.Mapping.CreateParameter(command, _sql.GenerateParameterName(name), value, column.Property.IsNullable);
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>An entity from the columns of <see cref="SelectList"/>, starting at <paramref name="first"/>. Not tracked.</summary>
    public T Read(DbDataReader reader, int first)
    {
        var entity = _create();
        for (var i = 0; i < Columns.Count; i++)
        {
            Columns[i].Set(entity, Columns[i].Read(reader, first + i));
        }
        return entity;
    }

    /// <summary>
    /// Fills <paramref name="command"/> with one multi-row INSERT of <paramref name="rows"/>. Store-generated integer
    /// keys are left to the database. One statement is one transaction on both engines: all rows or none.
    /// </summary>
    public void PrepareInsert(DbCommand command, IReadOnlyList<T> rows)
    {
        var columns = InsertColumns;
        var text = new StringBuilder("INSERT INTO ").Append(Name).Append(" (")
            .AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "p" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append(c == 0 ? "" : ", ").Append(Placeholder(name));
                AddParameter(command, columns[c], name, columns[c].Get(rows[r]));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
    }

    /// <summary>
    /// A single-row INSERT on <paramref name="command"/>, prepared once and executed per row with <see cref="BindInsert"/>:
    /// for a long-lived connection that inserts many rows, so the statement is parsed and planned only once.
    /// </summary>
    public void PrepareSingleInsert(DbCommand command)
    {
        var columns = InsertColumns;
        command.CommandText = new StringBuilder("INSERT INTO ").Append(Name).Append(" (")
            .AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES (")
            .AppendJoin(", ", columns.Select((_, i) => Placeholder("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Append(')').ToString();
    }

    /// <summary>
    /// Sets the parameters of a command made by <see cref="PrepareSingleInsert"/> to the values of <paramref name="row"/>.
    /// The second and later rows set the values of the parameters already on the command instead of replacing them: a
    /// prepared statement (Npgsql prepares a command it sees often by itself) keeps the parameter objects it was prepared
    /// with, so new ones would be ignored and the first row's values written again.
    /// </summary>
    public void BindInsert(DbCommand command, T row)
    {
        var columns = InsertColumns;
        var bound = command.Parameters.Count == columns.Count;
        if (!bound)
        {
            command.Parameters.Clear();
        }
        for (var c = 0; c < columns.Count; c++)
        {
            var name = "p" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (bound)
            {
                command.Parameters[c].Value = columns[c].Mapping.CreateParameter(command, _sql.GenerateParameterName(name), columns[c].Get(row), columns[c].Property.IsNullable).Value;
            }
            else
            {
                AddParameter(command, columns[c], name, columns[c].Get(row));
            }
        }
    }

    /// <summary>
    /// PostgreSQL only: one INSERT of any number of rows as <c>INSERT … SELECT * FROM unnest(@p0::uuid[], …)</c>, one array
    /// parameter per column. The text does not depend on the number of rows, so the statement is parsed and planned once
    /// (Npgsql prepares it) and a batch of rows costs one statement and one round trip instead of one each.
    /// </summary>
    public void PrepareArrayInsert(DbCommand command, IReadOnlyList<T> rows)
    {
        var columns = InsertColumns;
        command.CommandText = _arrayInsert ??= new StringBuilder("INSERT INTO ").Append(Name).Append(" (")
            .AppendJoin(", ", columns.Select(c => c.Name)).Append(") SELECT * FROM unnest(")
            .AppendJoin(", ", columns.Select((c, i) => $"{Placeholder("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))}::{c.Mapping.StoreType}[]"))
            .Append(')').ToString();
        var bound = command.Parameters.Count == columns.Count;
        if (!bound)
        {
            command.Parameters.Clear();
        }
        for (var c = 0; c < columns.Count; c++)
        {
            var values = columns[c].ProviderArray(rows);
            if (bound)
            {
                command.Parameters[c].Value = values;
            }
            else
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = _sql.GenerateParameterName("p" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
                parameter.Value = values;
                command.Parameters.Add(parameter);
            }
        }
    }

    private string? _arrayInsert;

    private IReadOnlyList<ModelColumn> InsertColumns => _insertColumns ??= Columns.Where(c => !IsStoreGenerated(c.Property)).ToList();

    private IReadOnlyList<ModelColumn>? _insertColumns;

    private static bool IsStoreGenerated(IProperty property) =>
        property.IsPrimaryKey() && property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && (property.ClrType == typeof(int) || property.ClrType == typeof(long));
}

/// <summary>One mapped column: its delimited name, the model's type mapping, and fast access to the entity's property.</summary>
public sealed class ModelColumn
{
    private readonly Func<object, object?> _get;
    private readonly Action<object, object?> _set;
    private readonly Func<DbDataReader, int, object> _readProvider;

    internal ModelColumn(IProperty property, string name)
    {
        Property = property;
        Name = name;
        Mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        var info = property.PropertyInfo!;
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Parameter(typeof(object), "value");
        var typed = Expression.Convert(entity, info.DeclaringType!);
        _get = Expression.Lambda<Func<object, object?>>(Expression.Convert(Expression.Property(typed, info), typeof(object)), entity).Compile();
        // Init-only setters are ordinary setters to an expression tree; the entity is new and not yet shared.
        _set = Expression.Lambda<Action<object, object?>>(
            Expression.Assign(Expression.Property(typed, info), Expression.Convert(value, info.PropertyType)), entity, value).Compile();
        var providerType = Mapping.Converter?.ProviderClrType ?? Mapping.ClrType;
        providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinal = Expression.Parameter(typeof(int), "ordinal");
        var getFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!.MakeGenericMethod(providerType);
        _readProvider = Expression.Lambda<Func<DbDataReader, int, object>>(
            Expression.Convert(Expression.Call(reader, getFieldValue, ordinal), typeof(object)), reader, ordinal).Compile();
    }

    public IProperty Property { get; }

    /// <summary>The delimited column name.</summary>
    public string Name { get; }

    public RelationalTypeMapping Mapping { get; }

    /// <summary>The model value (converted from the stored one) at <paramref name="ordinal"/>; null for SQL NULL.</summary>
    public object? Read(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        var stored = _readProvider(reader, ordinal);
        return Mapping.Converter is { } converter ? converter.ConvertFromProvider(stored) : stored;
    }

    /// <summary>The typed model value at <paramref name="ordinal"/>, e.g. a <c>UnitId?</c>.</summary>
    public TValue? Read<TValue>(DbDataReader reader, int ordinal) => Read(reader, ordinal) is { } v ? (TValue)v : default;

    /// <summary>
    /// The stored values of this column for <paramref name="rows"/> as a typed array (<c>Guid[]</c>, <c>string?[]</c>,
    /// <c>Guid?[]</c>, …) converted as the model converts them, for an array parameter.
    /// </summary>
    internal Array ProviderArray<TRow>(IReadOnlyList<TRow> rows) where TRow : class
    {
        var type = Mapping.Converter?.ProviderClrType ?? Mapping.ClrType;
        if (Property.IsNullable && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
        {
            type = typeof(Nullable<>).MakeGenericType(type);
        }
        var values = Array.CreateInstance(type, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var value = Get(rows[i]);
            values.SetValue(value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value, i);
        }
        return values;
    }

    internal object? Get(object entity) => _get(entity);

    internal void Set(object entity, object? value) => _set(entity, value);
}
