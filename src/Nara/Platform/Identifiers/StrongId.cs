using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Nara.Platform.Identifiers;

/// <summary>A strongly typed identifier over a Guid, so that a resident id can never be passed where a unit id is expected.</summary>
public interface IStrongId<TSelf> where TSelf : struct, IStrongId<TSelf>
{
    /// <summary>The underlying value.</summary>
    Guid Value { get; }

    /// <summary>Wraps a stored value.</summary>
    static abstract TSelf From(Guid value);
}

/// <summary>Stores any strong id as its Guid.</summary>
public sealed class StrongIdConverter<T> : ValueConverter<T, Guid> where T : struct, IStrongId<T>
{
    // Expression trees cannot call static abstract members directly, so the factory goes through a delegate.
    private static readonly Func<Guid, T> Factory = T.From;

    public StrongIdConverter() : base(v => v.Value, g => Factory(g)) { }
}

public static class StrongIdParsing
{
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
}
