using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Nara.Platform.Identifiers;

/// <summary>
/// A strongly typed identifier over a Guid, so that a slot id can never be passed where an appointment id is expected
/// (house rule 9). A module declares its ids in its Contracts as <c>readonly record struct XId(Guid Value) : IStrongId&lt;XId&gt;</c>;
/// storage (<see cref="StrongIdConverter{T}"/>, applied to every id by the model's conventions), JSON and parsing come from here.
/// </summary>
public interface IStrongId<TSelf> where TSelf : struct, IStrongId<TSelf>
{
    /// <summary>The underlying value (ordered in memory through it: an id itself has no order).</summary>
    Guid Value { get; }

    /// <summary>Wraps a stored value.</summary>
    static virtual TSelf From(Guid value) => StrongId.Construct<TSelf>.Compiled(value);
}

public static class StrongId
{
    /// <summary>A new time-ordered id.</summary>
    public static T New<T>() where T : struct, IStrongId<T> => T.From(Guid.CreateVersion7());

    /// <summary>Wraps a Guid.</summary>
    public static T From<T>(Guid value) where T : struct, IStrongId<T> => T.From(value);

    public static bool TryParse<T>(string? text, out T id) where T : struct, IStrongId<T>
    {
        if (Guid.TryParse(text, out var g))
        {
            id = T.From(g);
            return true;
        }
        id = default;
        return false;
    }

    /// <summary>Every strong id type declared in the app (for the model's conventions and JSON).</summary>
    public static IReadOnlyList<Type> TypesIn(System.Reflection.Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStrongId<>))).ToList();

    /// <summary>The id's constructor from a Guid, as an expression (EF's converter) and compiled.</summary>
    internal static class Construct<T>
    {
        public static readonly Expression<Func<Guid, T>> Expression = Build();
        public static readonly Func<Guid, T> Compiled = Expression.Compile();

        private static Expression<Func<Guid, T>> Build()
        {
            var value = System.Linq.Expressions.Expression.Parameter(typeof(Guid), "value");
            var constructor = typeof(T).GetConstructor([typeof(Guid)])
                ?? throw new InvalidOperationException($"{typeof(T).Name} needs a constructor taking the Guid.");
            return System.Linq.Expressions.Expression.Lambda<Func<Guid, T>>(System.Linq.Expressions.Expression.New(constructor, value), value);
        }
    }
}

/// <summary>Stores any strong id as its Guid.</summary>
public sealed class StrongIdConverter<T> : ValueConverter<T, Guid> where T : struct, IStrongId<T>
{
    public StrongIdConverter() : base(v => v.Value, StrongId.Construct<T>.Expression) { }
}

/// <summary>Writes and reads any strong id as its Guid in JSON, so an API shows a plain id.</summary>
public sealed class StrongIdJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsValueType && typeToConvert.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStrongId<>));

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert));

    private sealed class Converter<T> : JsonConverter<T> where T : struct, IStrongId<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => T.From(reader.GetGuid());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
