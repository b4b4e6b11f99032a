using System.Diagnostics;

namespace Nara.Bench;

/// <summary>Latency measurement the page benches share: sequential requests after a warm-up, summarised as p50 and p95.</summary>
internal static class BenchTiming
{
    internal sealed record Summary(double P50, double P95, IReadOnlyList<double> All)
    {
        public static Summary Of(IReadOnlyList<double> values)
        {
            var sorted = values.Order().ToList();
            double At(double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
            return new Summary(At(0.5), At(0.95), sorted);
        }
    }

    /// <summary>Sequential requests after a warm-up of a tenth as many (at least five): the latency one user sees.</summary>
    public static async Task<Summary> TimeAsync(Func<int, Task<HttpResponseMessage>> send, int count)
    {
        for (var i = 0; i < Math.Max(5, count / 10); i++)
        {
            using var warm = await send(i);
            warm.EnsureSuccessStatusCode();
        }
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await send(i);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Summary.Of(times);
    }

    /// <summary>Sequential page loads (GET) after a warm-up.</summary>
    public static Task<Summary> TimeAsync(HttpClient http, Func<int, string> path, int count) => TimeAsync(i => http.GetAsync(path(i)), count);
}
