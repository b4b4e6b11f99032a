namespace Nara.Modules.Synthetic.Generation;

/// <summary>
/// A small, explicit pseudo-random generator (xoshiro256** seeded through SplitMix64), so that the same seed gives the
/// same region on every .NET version and platform, and so that each resident can have an independent stream
/// (seed, resident index) that does not depend on the order in which residents are generated.
/// </summary>
internal struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed, ulong stream = 0, ulong index = 0)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ (index * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(NextDouble() * n);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A Poisson draw (Knuth for small means, normal approximation above 30).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }
        if (mean > 30)
        {
            var u1 = 1.0 - NextDouble();
            var u2 = NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * normal)));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }
        return k;
    }

    /// <summary>Index into cumulative weights (ascending, last = total).</summary>
    public int Pick(double[] cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>
    /// A deterministic id: <paramref name="ordinal"/> and <paramref name="local"/> lead (so that ids of one bulk load
    /// sort in insertion order and every index is appended to), <paramref name="kind"/> keeps kinds apart, and the
    /// rest comes from this seeded stream. Unique by construction for distinct (ordinal, local, kind).
    /// </summary>
    public Guid NextGuid(int ordinal, int local, int kind)
    {
        var r = NextULong();
        Span<byte> tail = stackalloc byte[8];
        BitConverter.TryWriteBytes(tail, r);
        tail[0] = (byte)((tail[0] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(ordinal, (short)(ushort)local, (short)(0x4000 | (kind & 0x0FFF)), tail[0], tail[1], tail[2], tail[3], tail[4], tail[5], tail[6], tail[7]);
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = new List<double>();
        var sum = 0.0;
        foreach (var w in weights)
        {
            sum += Math.Max(0, w);
            list.Add(sum);
        }
        return [.. list];
    }
}
