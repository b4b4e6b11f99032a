namespace Nara.Tests.Platform;

/// <summary>The command line: <c>--help</c> prints what the program can do and starts nothing.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_prints_the_commands_in_swedish_and_starts_nothing(string flag)
    {
        var before = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        int code;
        try
        {
            code = await NaraHost.RunAsync([flag]);
        }
        finally
        {
            Console.SetOut(before);
        }

        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("startar plattformen", text, StringComparison.Ordinal);
        Assert.Contains("triage-eval", text, StringComparison.Ordinal);
        Assert.Contains("generate", text, StringComparison.Ordinal);
    }
}
