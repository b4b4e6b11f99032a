using Nara.Modules.Synthetic;

namespace Nara.Tests.Modules.Synthetic;

public sealed class CommandTests
{
    [Theory]
    [InlineData("--residents")]
    [InlineData("--residents", "många")]
    [InlineData("--residents", "0")]
    [InlineData("--residents", "10", "--okand")]
    [InlineData("--seed", "1")]
    public async Task Bad_arguments_exit_with_code_1(params string[] args)
    {
        Assert.Equal(1, await SyntheticCommand.RunAsync(args));
    }

    [Fact]
    public void Configuration_arguments_are_passed_through()
    {
        Assert.True(SyntheticCommand.TryParse(["--residents", "10", "--seed", "7", "--replace", "--Nara:Database:ConnectionString", "Data Source=x.db"], out var options, out _));
        Assert.Equal(10, options.Residents);
        Assert.Equal(7, options.Seed);
        Assert.True(options.Replace);
        Assert.Equal(["--Nara:Database:ConnectionString", "Data Source=x.db"], options.ConfigurationArgs);
    }
}
