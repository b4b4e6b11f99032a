using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Nara.Platform.Time;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Architecture;

/// <summary>
/// House rule 9: time comes from <see cref="TimeProvider"/>, in production and in tests alike, so the suite passes on any
/// date. Only <see cref="NaraClock"/> (the one place that provides the clock) may name the system clock; nothing reads
/// the static Now, UtcNow or Today of DateTime and DateTimeOffset.
/// </summary>
public sealed partial class WallClockTests
{
    private static readonly HashSet<string> WallClock =
    [
        "System.DateTime::get_Now",
        "System.DateTime::get_UtcNow",
        "System.DateTime::get_Today",
        "System.DateTimeOffset::get_Now",
        "System.DateTimeOffset::get_UtcNow",
        "System.TimeProvider::get_System",
    ];

    /// <summary>The app and this test assembly, read as compiled (Razor pages and lambdas included).</summary>
    [Theory]
    [InlineData("Nara")]
    [InlineData("Nara.Tests")]
    public void No_code_reads_the_wall_clock_outside_the_one_clock(string assembly)
    {
        var path = assembly == "Nara" ? typeof(NaraHost).Assembly.Location : typeof(WallClockTests).Assembly.Location;
        var allowed = new[] { typeof(NaraClock).FullName!, typeof(ShiftedClock).FullName! };
        var readers = WallClockReaders(path).Where(r => !allowed.Any(a => r.StartsWith(a + "::", StringComparison.Ordinal))).ToList();
        Assert.True(readers.Count == 0, "reads the wall clock (take TimeProvider from the container; in tests app.Clock or TestClock):\n" + string.Join("\n", readers));
    }

    /// <summary>The browser tests and the benchmarks are not loaded here: their sources are read instead.</summary>
    [Theory]
    [InlineData("tests/Nara.BrowserTests")]
    [InlineData("tests/Shared")]
    [InlineData("bench/Nara.Bench")]
    public void The_browser_tests_and_benchmarks_do_not_read_the_wall_clock(string folder)
    {
        var root = Path.Combine(RepoFiles.Root, folder);
        var readers = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !RepoFiles.InBuildOutput(f))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(RepoFiles.Root, f), Line: i + 1, Text: line)))
            .Where(l => WallClockInSource().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(readers.Count == 0, "reads the wall clock (use TestClock or the server's Now):\n" + string.Join("\n", readers));
    }

    [Fact]
    public void The_check_finds_a_wall_clock_read()
    {
        // NaraClock is the one reader, allowed above: the IL check must see it.
        Assert.Contains(WallClockReaders(typeof(NaraHost).Assembly.Location), r => r.StartsWith(typeof(NaraClock).FullName! + "::", StringComparison.Ordinal));
        // Written in pieces, so that this file does not itself hold what it looks for.
        Assert.Matches(WallClockInSource(), "var now = DateTime" + ".UtcNow;");
        Assert.Matches(WallClockInSource(), "Stockholm.Today(TimeProvider" + ".System)");
        Assert.DoesNotMatch(WallClockInSource(), "var now = server.Now;");
    }

    [Fact]
    public void The_tests_run_on_a_fixed_today()
    {
        Assert.Equal(TestClock.Today, Stockholm.DateOf(TestClock.Now));
        Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(Stockholm.ToLocal(TestClock.Now).DateTime));
    }

    /// <summary>Every method (with its lambdas and state machines) that calls a wall-clock member, as Type::Method.</summary>
    private static List<string> WallClockReaders(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        return (from type in module.GetTypes()
                from method in type.Methods
                where method.HasBody
                from instruction in method.Body.Instructions
                where instruction.OpCode.FlowControl == FlowControl.Call && instruction.Operand is MethodReference called
                    && WallClock.Contains($"{called.DeclaringType.FullName}::{called.Name}")
                select $"{type.FullName.Replace('/', '+')}::{method.Name} calls {((MethodReference)instruction.Operand).DeclaringType.Name}.{((MethodReference)instruction.Operand).Name[4..]}")
            .Distinct()
            .ToList();
    }

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(Now|UtcNow|Today)\b|\bTimeProvider\s*\.\s*System\b")]
    private static partial Regex WallClockInSource();
}
