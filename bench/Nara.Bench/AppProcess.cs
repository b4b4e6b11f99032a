using System.Net;

namespace Nara.Bench;

/// <summary>The built app (src/Nara) started as its own process on the same database, on a free port.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    private AppProcess(System.Diagnostics.Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>
    /// Rate limits far above what a load generator sends: a benchmark measures the app, not the limiter's refusals
    /// (the defaults allow 60 writes or searches a minute per person and 10 sign-ins a minute per address).
    /// </summary>
    public static readonly string[] Unlimited =
    [
        "--Nara:RateLimits:SignIn:PermitLimit", "100000000",
        "--Nara:RateLimits:Writes:PermitLimit", "100000000",
        "--Nara:RateLimits:Searches:PermitLimit", "100000000",
    ];

    /// <summary>CPU time the app process has used so far (user and system).</summary>
    public TimeSpan TotalProcessorTime { get { _process.Refresh(); return _process.TotalProcessorTime; } }

    public static async Task<AppProcess> StartAsync(string provider, string connectionString, string[]? settings = null)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Nara.slnx")))
        {
            dir = dir.Parent;
        }
        var app = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Nara.slnx not found above the bench."), "src", "Nara", "bin", "Release", "net10.0", "Nara.dll");
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var info = new System.Diagnostics.ProcessStartInfo("dotnet",
            [app, "--urls", url, "--Nara:Database:Provider", provider, "--Nara:Database:ConnectionString", connectionString, "--Logging:LogLevel:Default", "Warning", .. Unlimited, .. settings ?? []])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(app))))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = System.Diagnostics.Process.Start(info)!;
        // The second process's own log goes to the console too, so that its failures are seen.
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && (line.StartsWith("fail", StringComparison.Ordinal) || line.StartsWith(' '))) { Console.WriteLine("  [app] " + line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.WriteLine("  [app] " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await probe.GetAsync(url + "/")).IsSuccessStatusCode)
                {
                    return new AppProcess(process, url);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The app process did not start within 30 s.");
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
