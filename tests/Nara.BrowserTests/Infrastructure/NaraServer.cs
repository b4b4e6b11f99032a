using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Nara.Tests.Infrastructure;

namespace Nara.BrowserTests.Infrastructure;

/// <summary>
/// Runs Nära as a person would: the built app as its own process on a free loopback port, on a fresh SQLite database
/// that it migrates and seeds with a small demo region at start; and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class NaraServer : IAsyncLifetime
{
    private Process? _process;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"nara-browser-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    private readonly Stopwatch _sinceReady = new();

    /// <summary>
    /// The app's now: its clock started at <see cref="TestClock.Now"/> and runs on. Counted from when the app answered
    /// ready, so it is never ahead of the app's own clock, and behind it by no more than the start took.
    /// </summary>
    public DateTimeOffset Now => TestClock.Now + _sinceReady.Elapsed;

    /// <summary>The app's today, in Swedish time.</summary>
    public DateOnly Today => Nara.Platform.Time.Stockholm.DateOf(Now);

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Works on the running app's SQLite database directly: for looking up what a journey needs to know, or for standing in
    /// for the passing of time (the app's clock runs on in its own process). Not for steps a person would click.
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<Nara.Platform.Persistence.NaraDbContext, Task<T>> work)
    {
        var builder = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Nara.Platform.Persistence.SqliteNaraDbContext>();
        new Nara.Platform.Persistence.DatabaseOptions
        {
            Provider = Nara.Platform.Persistence.DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(_dataDir, "nara.db")}",
        }.Apply(builder);
        await using var db = new Nara.Platform.Persistence.SqliteNaraDbContext(builder.Options);
        return await work(db);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        var root = RepoFiles.Root;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = Path.Combine(root, "src", "Nara", "bin", configuration, "net10.0", "Nara.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the app first: {dll} is missing.");
        }
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl, "--contentRoot", Path.Combine(root, "src", "Nara")])
        {
            WorkingDirectory = _dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Not Development: the app runs as it does for anyone who starts it, without developer conveniences, and serves its
        // CSS and Blazor script from the build by itself. Not "Production" either, only because Production refuses
        // Nara:Clock:Start, which the journeys need.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // The journeys sign in and book many times from one address, faster than a person would.
        foreach (var policy in new[] { "SignIn", "Writes", "Searches" })
        {
            start.Environment[$"Nara__RateLimits__{policy}__PermitLimit"] = "100000";
        }
        // Journeys stand in for the passing of time by moving a message's due time in the database, behind the outbox's
        // back: it looks again every two seconds rather than every minute.
        start.Environment["Nara__Notifications__Dispatcher__IdleRecheck"] = "00:00:02";
        start.Environment["Nara__Database__Provider"] = "sqlite";
        start.Environment["Nara__Database__ConnectionString"] = $"Data Source={Path.Combine(_dataDir, "nara.db")}";
        start.Environment["Nara__Demo__Residents"] = "600";
        start.Environment["Nara__Demo__Seed"] = "42";
        // The app's clock starts at the tests' fixed "today" and runs on from there.
        start.Environment["Nara__Clock__Start"] = TestClock.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Nära.");
        var log = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _log = log;

        using var http = new HttpClient();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Nära exited with {_process.ExitCode}:\n{log}");
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    _sinceReady.Start();
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"Nära did not become ready within 90 s:\n{log}");
            }
            await Task.Delay(250);
        }

        _playwright = await Playwright.CreateAsync();
        // Assertions wait as long as actions do: a CI machine with two busy cores can take more than Playwright's
        // default 5 s to render a page. A real failure still fails, only later.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("NARA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                // A fake camera and microphone, granted without a prompt, for the video meeting journey.
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            ],
        });
    }

    /// <summary>A page in a fresh browser context (its own cookies): one per person in a journey.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "sv-SE", TimezoneId = "Europe/Stockholm" });
        context.SetDefaultTimeout(15_000);
        // Every page is watched for what the Content-Security-Policy blocks: Chromium reports it on the console, and the
        // page's securitypolicyviolation event (listened to by a script the browser adds, outside the page's policy)
        // names the directive and what was blocked. A journey fails on any (see AssertNoCspViolations).
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                console.error(`CSP-överträdelse: ${e.violatedDirective} blockerade ${e.blockedURI || 'inline'} på ${e.documentURI}`));
            """);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.StartsWith("CSP-överträdelse", StringComparison.Ordinal)))
            {
                _cspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();

    /// <summary>
    /// Fails when a page opened since the last call reported a Content-Security-Policy violation (other than those
    /// <paramref name="expected"/> lets pass); called when each journey ends.
    /// </summary>
    public void AssertNoCspViolations(Func<string, bool>? expected = null)
    {
        var seen = new List<string>();
        while (_cspViolations.TryDequeue(out var violation))
        {
            if (expected?.Invoke(violation) != true)
            {
                seen.Add(violation);
            }
        }
        Assert.True(seen.Count == 0, "Content-Security-Policy blocked something:\n" + string.Join("\n", seen));
    }

    private System.Text.StringBuilder? _log;

    /// <summary>The app's own log so far (start-up, warnings, errors): for a journey's failure message.</summary>
    public string AppLog()
    {
        if (_log is null)
        {
            return string.Empty;
        }
        lock (_log)
        {
            return _log.ToString();
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the dying process; the temp folder is cleaned by the OS
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumTests : ICollectionFixture<NaraServer>
{
    public const string Name = "browser";
}
