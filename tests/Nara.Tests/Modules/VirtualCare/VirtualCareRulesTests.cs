using Microsoft.Extensions.Configuration;
using Nara.Modules.VirtualCare;
using Nara.Modules.VirtualCare.Domain;

namespace Nara.Tests.Modules.VirtualCare;

public sealed class VirtualCareRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-16, true)]
    [InlineData(-15, false)]
    [InlineData(-1, false)]
    [InlineData(5, false)]
    public void The_waiting_room_opens_fifteen_minutes_before_the_start(int minutesFromStart, bool tooEarly) =>
        Assert.Equal(tooEarly, CheckInWindow.IsTooEarly(Start, Start.AddMinutes(minutesFromStart)));

    [Fact]
    public void The_time_is_over_at_the_booked_end()
    {
        var end = Start.AddMinutes(20);
        Assert.False(CheckInWindow.IsOver(end, end.AddSeconds(-1)));
        Assert.True(CheckInWindow.IsOver(end, end));
    }

    [Fact]
    public void Ice_servers_with_turn_credentials_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nara:VirtualCare:IceServers:0:Urls:0"] = "stun:stun.region.example:3478",
            ["Nara:VirtualCare:IceServers:1:Urls:0"] = "turns:turn.region.example:5349?transport=tcp",
            ["Nara:VirtualCare:IceServers:1:Username"] = "nara",
            ["Nara:VirtualCare:IceServers:1:Credential"] = "hemligt",
        }).Build();

        var options = configuration.GetSection("Nara:VirtualCare").Get<VirtualCareOptions>()!;

        Assert.Equal(2, options.IceServers.Count);
        Assert.Equal(["stun:stun.region.example:3478"], options.IceServers[0].Urls);
        Assert.Equal("nara", options.IceServers[1].Username);
        Assert.Equal("hemligt", options.IceServers[1].Credential);
        Assert.Empty(new VirtualCareOptions().IceServers);
    }
}
